// Typed GraphQL documents (`graphql(...)`) and the schema's TypeScript types, generated from schema.graphql.
export * from "./generated/gql.ts";
export * from "./generated/graphql.ts";
