import { randomBytes } from "node:crypto";
import pg from "pg";

export interface FreshPostgresDatabase {
  /** Connection URL of the new, empty database. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

/**
 * Creates an empty, uniquely named database on the server `serverUrl` points at
 * (any database there serves to connect). The role needs CREATEDB.
 */
export async function createFreshPostgresDatabase(serverUrl: string): Promise<FreshPostgresDatabase> {
  const name = `engagement_tracker_test_${randomBytes(6).toString("hex")}`;
  await onServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE (PostgreSQL 13+): a test that forgot to close its pool must not leave the database behind.
    drop: () => onServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}

async function onServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
