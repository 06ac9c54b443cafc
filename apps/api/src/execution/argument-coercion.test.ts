import { buildSchema, execute, getOperationAST, parse } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { describe, expect, it } from "vitest";
import { argumentsCoerceAsGraphQLJs } from "./argument-coercion.ts";

const schema = buildSchema(`
  input Change { id: ID!, title: String, keep: Boolean! = false, tags: [String!] }
  input Plain { title: String, tags: [String!] }
  type Query { echo(change: Change, plain: Plain, first: Int = 7): String }
`);
// Answers with the arguments as the resolver got them: which fields are there, and their values.
schema.getQueryType()!.getFields().echo!.resolve = (_, args) => JSON.stringify(args);

/** The arguments the resolver got, or the errors: in a form compared regardless of key order. */
const answer = ({ data, errors }: { data?: { echo?: string } | null; errors?: readonly { message: string }[] }) =>
  data?.echo ? JSON.parse(data.echo) : errors?.map((error) => error.message);

async function bothWays(query: string, variables: Record<string, unknown>) {
  const document = parse(query);
  const compiled = compileQuery(schema, document);
  if (!isCompiledQuery(compiled)) throw new Error("not compiled");
  return {
    same: argumentsCoerceAsGraphQLJs(schema, document, getOperationAST(document)!),
    jit: answer(await compiled.query(undefined, {}, variables)),
    graphqlJs: answer(await execute({ schema, document, variableValues: variables })),
  };
}

describe("operations graphql-jit runs exactly as graphql-js", () => {
  it.each([
    ["literal input", '{ echo(plain: { title: "x" }) }', {}],
    ["required variable in an input", "query($t: String!) { echo(plain: { title: $t }) }", { t: "x" }],
    ["variable with a default in an input", 'query($t: String = "d") { echo(plain: { title: $t }) }', {}],
    ["an input as a variable", "query($p: Plain) { echo(plain: $p) }", { p: { tags: "one" } }],
    ["a top-level argument left out", "query($f: Int) { echo(first: $f) }", {}],
  ])("include %s", async (_, query, variables) => {
    const { same, jit, graphqlJs } = await bothWays(query, variables);
    expect(same).toBe(true);
    expect(jit).toEqual(graphqlJs);
  });

  it.each([
    ["an optional variable left out inside an input", "query($t: String) { echo(plain: { title: $t }) }", {}],
    [
      "an input variable leaving out a required field's default",
      "query($c: Change) { echo(change: $c) }",
      { c: { id: "1" } },
    ],
  ])("exclude %s, where graphql-jit answers differently", async (_, query, variables) => {
    const { same, jit, graphqlJs } = await bothWays(query, variables);
    expect(same).toBe(false);
    expect(jit).not.toEqual(graphqlJs);
  });
});
