import { Role, openDatabase, type Database, type DatabaseTarget, type PrismaClient } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { issueToken } from "../auth/tokens.ts";
import { createLogger } from "../operations/index.ts";
import { createServer, type ServerOptions } from "../server.ts";

/**
 * The SQL among `statements` that served a request's data: without the credential's lookup and
 * last-use stamp, which the viewer cache saves or not depending on how long ago the token was last seen.
 */
export function dataStatements(statements: readonly string[]): string[] {
  return statements.filter((sql) => !/"(ApiToken|Session)"/.test(sql));
}

export interface GraphQLResponse<Data> {
  data?: Data | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends operations over HTTP with one set of credentials. */
export interface ApiClient {
  /** Sends an operation and returns the whole response. */
  request<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables?: Variables,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  /** Sends an operation and returns its data, failing on any GraphQL error. */
  query<Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables?: Variables): Promise<Data>;
}

export interface TestApi extends ApiClient {
  url: string;
  prisma: PrismaClient;
  db: Database;
  /** One user per role, each with a personal API token; the TestApi itself acts as the EDITOR. */
  users: Record<Role, { id: string; token: string }>;
  as(role: Role): ApiClient;
  /** A client with a new session of the role's user, as a sign-in gives (some acts need a session). */
  signedIn(role: Role): Promise<ApiClient>;
  anonymous: ApiClient;
  /** A client sending this bearer token. */
  withToken(token: string): ApiClient;
  /** Every SQL statement the API sent since the last `statements.length = 0`. */
  statements: string[];
  /** The PostgreSQL database's URL, or null on PGlite: for a second instance on the same database. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

/** A client sending `token` (or no credentials) to the GraphQL endpoint at `url`. */
export function clientFor(url: string, token: string | null): ApiClient {
  async function request<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables?: Variables,
    headers: Record<string, string> = {},
  ) {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    return (await response.json()) as GraphQLResponse<Data>;
  }
  return {
    request,
    async query(document, variables) {
      const response = await request(document, variables);
      if (response.errors?.length || !response.data) {
        throw new Error(`GraphQL errors: ${JSON.stringify(response.errors)}`);
      }
      return response.data;
    },
  };
}

/** A user with a personal API token valid for a day, written straight to the database. */
export async function createUserWithToken(
  prisma: PrismaClient,
  role: Role,
  fields: { email?: string; name?: string } = {},
): Promise<{ id: string; token: string }> {
  const user = await prisma.user.create({
    data: {
      email: fields.email ?? `${role.toLowerCase()}-${crypto.randomUUID()}@test.local`,
      name: fields.name ?? `Test ${role}`,
      role,
    },
  });
  const { token, hash, prefix } = issueToken("personal");
  await prisma.apiToken.create({
    data: { name: "tests", prefix, tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  return { id: user.id, token };
}

/** A session for the user, written straight to the database, as a sign-in makes; returns its token. */
export async function createSession(prisma: PrismaClient, userId: string): Promise<string> {
  const { token, hash } = issueToken("session");
  await prisma.session.create({ data: { tokenHash: hash, userId, expiresAt: new Date(Date.now() + 3_600_000) } });
  return token;
}

/** One user per role, each with a personal API token. */
export async function createRoleUsers(prisma: PrismaClient): Promise<TestApi["users"]> {
  const entries = await Promise.all(
    Object.values(Role).map(async (role) => [role, await createUserWithToken(prisma, role)] as const),
  );
  return Object.fromEntries(entries) as TestApi["users"];
}

/**
 * Starts the real server over HTTP on a fresh, migrated database: a new database on the
 * PostgreSQL server at `serverUrl` (DATABASE_URL by default) when there is one, else an in-memory PGlite.
 */
export async function startTestApi(
  options: Partial<Omit<ServerOptions, "db">> = {},
  serverUrl = process.env.DATABASE_URL,
): Promise<TestApi> {
  const fresh = serverUrl ? await createFreshPostgresDatabase(serverUrl) : null;
  const target: DatabaseTarget = fresh
    ? { kind: "postgres", url: fresh.url }
    : { kind: "pglite", dataDir: "memory://" };
  const statements: string[] = [];
  const db = await openDatabase(target, { onQuery: (sql) => statements.push(sql) });
  await applyMigrations(db);
  const users = await createRoleUsers(db.prisma);
  const server = await createServer({
    db,
    logger: createLogger({ level: "silent" }),
    logError: () => {},
    rateLimits: { requestsPerMinute: 1_000_000, signInsPer15Minutes: 1_000_000 },
    // Jobs are sent (in the writes' transactions) but not run, so no background work adds to the
    // statements a test counts; tests of what jobs do pass `jobs` and run them.
    jobs: { run: false },
    ...options,
  });
  const running = await server.listen(0);
  const clients = Object.fromEntries(
    Object.values(Role).map((role) => [role, clientFor(running.url, users[role].token)]),
  ) as Record<Role, ApiClient>;

  return {
    ...clients.EDITOR,
    url: running.url,
    prisma: db.prisma,
    db,
    users,
    as: (role) => clients[role],
    signedIn: async (role) => clientFor(running.url, await createSession(db.prisma, users[role].id)),
    anonymous: clientFor(running.url, null),
    withToken: (token) => clientFor(running.url, token),
    statements,
    databaseUrl: fresh?.url ?? null,
    async close() {
      await running.stop();
      await db.close();
      await fresh?.drop();
    },
  };
}
