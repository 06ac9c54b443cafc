import { isObjectType, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

/**
 * type-graphql gives every field a resolver that runs the field's middlewares and then reads
 * the property, even a field with none. Where there are none (no `@Authorized`, no
 * `@UseMiddleware`, no method resolving it, the property named as the field) that resolver is
 * what `simpleResolvers` would make it: a property read. This drops it, so graphql-jit reads
 * the property inline instead of calling a function with a fresh resolve info per value.
 *
 * Valid only for a schema built without global middlewares, which would apply to every field.
 */
export function readPlainFieldsDirectly(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const resolvedByMethod = (target: unknown, name: string) =>
    storage.fieldResolvers.some((resolver) => resolver.getObjectType?.() === target && resolver.methodName === name);
  for (const objectType of storage.objectTypes) {
    const type = schema.getType(objectType.name);
    if (!isObjectType(type)) continue;
    const interfaceFields = storage.interfaceTypes
      .filter((it) => objectType.interfaceClasses?.includes(it.target))
      .flatMap((it) => it.fields ?? []);
    for (const field of [...interfaceFields, ...(objectType.fields ?? [])]) {
      const schemaField = type.getFields()[field.schemaName];
      const guarded = field.roles !== undefined || (field.middlewares?.length ?? 0) > 0;
      if (!schemaField?.resolve || guarded || field.name !== field.schemaName) continue;
      if (resolvedByMethod(field.target, field.name)) continue;
      schemaField.resolve = undefined;
    }
  }
}
