import { buildSchema, execute, getOperationAST, parse } from "graphql";
import { compileQuery, isCompiledQuery } from "graphql-jit";
import { describe, expect, it } from "vitest";
import { variablesForJit } from "./argument-coercion.ts";

const schema = buildSchema(`
  enum Direction { ASC DESC }
  input Change { id: ID!, title: String, keep: Boolean! = false, direction: Direction! = DESC, tags: [String!] }
  input Plain { title: String, tags: [String!] }
  type Query { echo(change: Change, changes: [Change!], plain: Plain, first: Int = 7): String }
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
  const prepare = variablesForJit(schema, document, getOperationAST(document)!);
  return {
    prepare,
    jit: answer(await compiled.query(undefined, {}, prepare ? prepare(variables) : variables)),
    graphqlJs: answer(await execute({ schema, document, variableValues: variables })),
  };
}

describe("variables as graphql-jit must be given them", () => {
  it.each([
    ["a literal input", '{ echo(plain: { title: "x" }) }', {}],
    ["a required variable in an input", "query($t: String!) { echo(plain: { title: $t }) }", { t: "x" }],
    ["a variable with a default in an input", 'query($t: String = "d") { echo(plain: { title: $t }) }', {}],
    ["an input as a variable", "query($p: Plain) { echo(plain: $p) }", { p: { tags: "one" } }],
    ["a top-level argument left out", "query($f: Int) { echo(first: $f) }", {}],
    [
      "an input variable leaving out required fields' defaults",
      "query($c: Change) { echo(change: $c) }",
      { c: { id: "1" } },
    ],
    [
      "the same, in a list",
      "query($c: [Change!]) { echo(changes: $c) }",
      { c: [{ id: "1" }, { id: "2", keep: true }] },
    ],
    ["the same, as the variable's default", 'query($c: Change = { id: "1" }) { echo(change: $c) }', {}],
  ])("give graphql-jit's resolvers what graphql-js's get: %s", async (_, query, variables) => {
    const { prepare, jit, graphqlJs } = await bothWays(query, variables);
    expect(prepare).not.toBeNull();
    expect(jit).toEqual(graphqlJs);
  });

  it("still refuse what does not fit, for graphql-js to answer", async () => {
    const { jit, graphqlJs } = await bothWays("query($c: Change) { echo(change: $c) }", {
      c: { id: "1", keep: "yes" },
    });
    // graphql-jit's words differ (it names the field, not the variable): graphql-js's are the ones sent.
    expect(jit).toEqual([expect.stringContaining("got invalid value")]);
    expect(graphqlJs).toEqual([expect.stringContaining('"$c" got invalid value')]);
  });

  it("leave graphql-js an optional variable written inside an input, which graphql-jit would pass as null", async () => {
    const { prepare, jit, graphqlJs } = await bothWays("query($t: String) { echo(plain: { title: $t }) }", {});
    expect(prepare).toBeNull();
    expect(jit).toEqual({ plain: { title: null }, first: 7 });
    expect(graphqlJs).toEqual({ plain: {}, first: 7 });
  });
});
