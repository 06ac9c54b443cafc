// The hand-written ceiling, run as its own process: node:http + pg, one SQL statement per
// request, PostgreSQL's JSON passed through untouched. PORT, DATABASE_URL, POOL_SIZE.
// Body: {"operation": "page" | "search" | "detail", "variables": {...}}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { DETAIL_SQL, containing, pageSql, searchSql } from "./queries.ts";

const port = Number(process.env.PORT ?? 5679);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });
pool.on("error", (error) => console.error(error));

type Variables = Record<string, unknown>;
const text = (value: unknown) => String(value);

const page = (withCount: boolean) => (variables: Variables) => ({
  sql: pageSql(withCount),
  values: [Number(variables.first ?? 50)],
});
const search = (withCount: boolean) => (variables: Variables) => ({
  sql: searchSql(withCount),
  values: [
    variables.statuses,
    text(variables.country),
    containing(text(variables.term)),
    text(variables.from),
    text(variables.to),
    Number(variables.first ?? 25),
  ],
});

const statements: Record<string, (variables: Variables) => { sql: string; values: unknown[] }> = {
  page: page(false),
  pageWithCount: page(true),
  search: search(false),
  searchWithCount: search(true),
  detail: (variables) => ({ sql: DETAIL_SQL, values: [text(variables.id)] }),
};

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function reply(response: ServerResponse, status: number, body: string) {
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
}

const server = createServer(async (request, response) => {
  try {
    const { operation, variables = {} } = JSON.parse(await readBody(request)) as {
      operation: string;
      variables?: Variables;
    };
    const statement = statements[operation];
    if (!statement) return reply(response, 400, JSON.stringify({ errors: [{ message: `unknown ${operation}` }] }));
    const { sql, values } = statement(variables);
    // A named statement is parsed and planned once per connection, as a tuned hand-written server would.
    const result = await pool.query<{ data: string }>({ name: operation, text: sql, values });
    reply(response, 200, `{"data":${result.rows[0]!.data}}`);
  } catch (error) {
    console.error(error);
    reply(response, 500, JSON.stringify({ errors: [{ message: "internal error" }] }));
  }
});
server.listen(port, "127.0.0.1", () => console.log(`ceiling listening on http://127.0.0.1:${port}/`));

async function stop() {
  server.close();
  await pool.end();
  process.exit(0);
}
process.once("SIGTERM", () => void stop());
process.once("SIGINT", () => void stop());
