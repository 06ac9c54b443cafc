import {
  astFromValue,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  valueFromASTUntyped,
  visit,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";

type Variables = Record<string, unknown> | undefined;

/**
 * How to hand graphql-jit this operation's variables so that its resolvers get the arguments
 * graphql-js would give them; null where that cannot be done. graphql-jit 0.8 departs from
 * graphql-js (and the specification) in two places:
 *
 * - A non-null input field with a default (`includeArchived: Boolean! = false`) left out of a
 *   variable: graphql-jit refuses the variable. The default is written into the variable first,
 *   as a client would have written it.
 * - A variable that may be left out (nullable, no default) written inside an input object or
 *   list: left out, graphql-jit passes null there, which the services read as "clear this";
 *   graphql-js leaves the field out ("leave it as it is") or applies the field's default.
 *   No rewriting of variables tells the two apart: null.
 */
export function variablesForJit(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): ((variables: Variables) => Variables) | null {
  const mayBeLeftOut = new Set<string>();
  const withDefaultedFields: [string, GraphQLInputType][] = [];
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    if (!type) return null;
    const named = getNamedType(type);
    if (isInputObjectType(named) && hasDefaultedRequiredField(named, new Set())) withDefaultedFields.push([name, type]);
    if (!isNonNullType(type) && !definition.defaultValue) mayBeLeftOut.add(name);
  }
  let nestedOptional = false;
  if (mayBeLeftOut.size > 0) {
    visit(document, {
      Argument(argument) {
        if (argument.value.kind === Kind.VARIABLE) return;
        nestedOptional ||= variablesIn(argument.value).some((name) => mayBeLeftOut.has(name));
      },
    });
  }
  if (nestedOptional) return null;
  if (withDefaultedFields.length === 0) return (variables) => variables;
  return (variables) => {
    if (!variables) return variables;
    const filled = { ...variables };
    for (const [name, type] of withDefaultedFields) {
      if (Object.hasOwn(filled, name)) filled[name] = withFieldDefaults(filled[name], type);
    }
    return filled;
  };
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

/**
 * `value` with the defaults of the input fields it leaves out, written as a client would write
 * them. Anything not shaped as `type` is left as it is, for coercion to refuse.
 */
function withFieldDefaults(value: unknown, type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return withFieldDefaults(value, type.ofType);
  if (value === null || typeof value !== "object") return value;
  if (isListType(type)) {
    return Array.isArray(value) ? value.map((item) => withFieldDefaults(item, type.ofType)) : value;
  }
  if (!isInputObjectType(type) || Array.isArray(value)) return value;
  const filled: Record<string, unknown> = { ...value };
  for (const field of Object.values(type.getFields())) {
    if (Object.hasOwn(filled, field.name)) {
      filled[field.name] = withFieldDefaults(filled[field.name], field.type);
    } else if (field.defaultValue !== undefined) {
      const literal = astFromValue(field.defaultValue, field.type);
      if (literal) filled[field.name] = valueFromASTUntyped(literal);
    }
  }
  return filled;
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
