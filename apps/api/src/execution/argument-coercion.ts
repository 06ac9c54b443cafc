import {
  getNamedType,
  isInputObjectType,
  isNonNullType,
  Kind,
  typeFromAST,
  visit,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";

/**
 * Whether graphql-jit gives this operation's resolvers the same arguments graphql-js would,
 * whatever variables come with it. Two cases where it does not (graphql-jit 0.8):
 *
 * - A variable of an input type with a non-null field that has a default (`includeArchived:
 *   Boolean! = false`): graphql-jit refuses the variable when the field is left out.
 * - A variable that may be left out (nullable, no default) written inside an input object or
 *   list: left out, graphql-jit passes null there, which the services read as "clear this";
 *   graphql-js leaves the field out ("leave it as it is") or applies the field's default.
 */
export function argumentsCoerceAsGraphQLJs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): boolean {
  const mayBeLeftOut = new Set<string>();
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    const named = type && getNamedType(type);
    if (isInputObjectType(named) && hasDefaultedRequiredField(named, new Set())) return false;
    if (definition.type.kind !== Kind.NON_NULL_TYPE && !definition.defaultValue) {
      mayBeLeftOut.add(definition.variable.name.value);
    }
  }
  if (mayBeLeftOut.size === 0) return true;
  let nestedOptional = false;
  visit(document, {
    Argument(argument) {
      if (argument.value.kind === Kind.VARIABLE) return;
      nestedOptional ||= variablesIn(argument.value).some((name) => mayBeLeftOut.has(name));
    },
  });
  return !nestedOptional;
}

function hasDefaultedRequiredField(type: GraphQLInputObjectType, seen: Set<GraphQLInputObjectType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  return Object.values(type.getFields()).some((field) => {
    if (isNonNullType(field.type) && field.defaultValue !== undefined) return true;
    const named = getNamedType(field.type);
    return isInputObjectType(named) && hasDefaultedRequiredField(named, seen);
  });
}

function variablesIn(value: ValueNode): string[] {
  switch (value.kind) {
    case Kind.VARIABLE:
      return [value.name.value];
    case Kind.LIST:
      return value.values.flatMap(variablesIn);
    case Kind.OBJECT:
      return value.fields.flatMap((field) => variablesIn(field.value));
    default:
      return [];
  }
}
