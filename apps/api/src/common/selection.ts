import type { GraphQLResolveInfo } from "graphql";
import { parseResolveInfo, type ResolveTree } from "graphql-parse-resolve-info";

const childrenOf = (field: ResolveTree): ResolveTree[] =>
  Object.values(field.fieldsByTypeName).flatMap((fields) => Object.values(fields));

const named = (fields: ResolveTree[], name: string) => fields.filter((field) => field.name === name);

/** The fields selected on the object a resolver returns, fragments, aliases and @skip/@include taken into account. */
export function selectedFields(info: GraphQLResolveInfo): Set<string> {
  const object = parseResolveInfo(info) as ResolveTree | null;
  return new Set(object ? childrenOf(object).map((field) => field.name) : []);
}

/**
 * The fields a connection's nodes select, through `nodes { … }` or `edges { node { … } }`,
 * fragments, aliases and @skip/@include taken into account: what a list can fetch up front.
 */
export function selectedNodeFields(info: GraphQLResolveInfo): Set<string> {
  return new Set(selectedNodes(info).flatMap((node) => childrenOf(node).map((field) => field.name)));
}

/** The fields selected on `field` of a connection's nodes (such as a milestone's `engagement`), however reached. */
export function selectedNodeFieldsOf(info: GraphQLResolveInfo, field: string): Set<string> {
  const objects = selectedNodes(info).flatMap((node) => named(childrenOf(node), field));
  return new Set(objects.flatMap((object) => childrenOf(object).map((child) => child.name)));
}

function selectedNodes(info: GraphQLResolveInfo): ResolveTree[] {
  const connection = parseResolveInfo(info) as ResolveTree | null;
  const children = connection ? childrenOf(connection) : [];
  return [
    ...named(children, "nodes"),
    ...named(children, "edges").flatMap((edges) => named(childrenOf(edges), "node")),
  ];
}
