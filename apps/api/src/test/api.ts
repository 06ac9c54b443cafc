import { openDatabase, type Database, type DatabaseTarget, type PrismaClient } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createServer } from "../server.ts";

export interface GraphQLResponse<Data> {
  data?: Data;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface TestApi {
  url: string;
  prisma: PrismaClient;
  db: Database;
  /** Every SQL statement the API sent since the last `statements.length = 0`. */
  statements: string[];
  /** Sends an operation over HTTP and returns the whole response. */
  request<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables?: Variables,
  ): Promise<GraphQLResponse<Data>>;
  /** Sends an operation and returns its data, failing on any GraphQL error. */
  query<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): Promise<Data>;
  close(): Promise<void>;
}

/**
 * Starts the real server over HTTP on a fresh, migrated database: a new database
 * on the PostgreSQL server of DATABASE_URL when it is set, else an in-memory PGlite.
 */
export async function startTestApi(): Promise<TestApi> {
  const serverUrl = process.env.DATABASE_URL;
  const fresh = serverUrl ? await createFreshPostgresDatabase(serverUrl) : null;
  const target: DatabaseTarget = fresh
    ? { kind: "postgres", url: fresh.url }
    : { kind: "pglite", dataDir: "memory://" };
  const statements: string[] = [];
  const db = await openDatabase(target, { onQuery: (sql) => statements.push(sql) });
  await applyMigrations(db);
  const running = await (await createServer({ db, logError: () => {} })).listen(0);

  async function request<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables) {
    const response = await fetch(running.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }

  return {
    url: running.url,
    prisma: db.prisma,
    db,
    statements,
    request,
    async query(document, variables) {
      const response = await request(document, variables);
      if (response.errors?.length || !response.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      }
      return response.data;
    },
    async close() {
      await running.stop();
      await db.close();
      await fresh?.drop();
    },
  };
}
