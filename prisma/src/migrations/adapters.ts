import { PGlite, messages } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { embeddedPglite, type Database } from "../database.ts";

/** An adapter factory for the schema engine that can close everything it opened. */
export interface EngineAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  disposeAll(): Promise<void>;
}

/**
 * Connections to the database behind `db`, fit for applying migrations. Embedded
 * databases go through the PGlite instance `db` already has open (a data dir can be
 * opened only once per process). Applying and diagnosing need no shadow database;
 * should the engine ask for one, it gets a scratch PGlite rather than a CREATE DATABASE.
 *
 * Nothing here introspects PostgreSQL itself, which adapter-pg 7.10 could not serve:
 * it rejects the `"char"` type (OID 18) that catalog queries return. Diffs run on PGlite.
 */
export function migrationAdapterFactory(db: Database): EngineAdapterFactory {
  const { adapterFactory } = db;
  if (adapterFactory instanceof PrismaPg) {
    return trackConnections(adapterFactory.adapterName, () => connectPostgres(adapterFactory), connectScratch);
  }
  const pglite = embeddedPglite(adapterFactory);
  if (!pglite) throw new Error(`Cannot migrate through the ${adapterFactory.adapterName} adapter`);
  const connect = async () => withAwaitedScripts(await adapterFactory.connect(), pglite);
  return trackConnections(adapterFactory.adapterName, connect, connectScratch);
}

/**
 * A throwaway in-memory database for diffs, where the engine replays the migrations to
 * compare them with the schema: no server and no CREATEDB right needed.
 */
export function scratchAdapterFactory(): EngineAdapterFactory {
  // The engine replays the migrations on the shadow database; of the main one it only
  // asks the version, before opening the shadow. One PGlite serves as both.
  let scratch: Promise<SqlDriverAdapter> | undefined;
  const connect = () => (scratch ??= connectScratch());
  return trackConnections(scratchAdapterName, connect, connect);
}

const scratchAdapterName = "pglite-prisma-adapter";

async function connectScratch(): Promise<SqlDriverAdapter> {
  // Not the adapter's own connectToShadowDb: that PGlite is never closed.
  const pglite = await PGlite.create({ loadDataDir: await emptyCluster() });
  const adapter = withAwaitedScripts(await new PrismaPGlite(pglite).connect(), pglite);
  // The engine disposes the shadow database itself; closing twice would throw.
  return Object.assign(adapter, { dispose: async () => void (pglite.closed || (await pglite.close())) });
}

// initdb takes ~1.4 s per PGlite; loading a copy of a freshly initialised cluster ~0.3 s,
// which matters when a process diffs more than once (tests).
let emptyClusterDump: Promise<Blob> | undefined;

function emptyCluster(): Promise<Blob> {
  emptyClusterDump ??= (async () => {
    const pglite = await PGlite.create();
    try {
      return await pglite.dumpDataDir("none");
    } finally {
      await pglite.close();
    }
  })();
  return emptyClusterDump;
}

async function connectPostgres(factory: PrismaPg): Promise<SqlDriverAdapter> {
  const adapter = await factory.connect();
  // adapter-pg splits scripts at every ";" (even inside strings) and runs the pieces
  // one by one on any pool connection. A query without parameters goes over the simple
  // protocol, which runs a whole script in one implicit transaction, as Prisma's native
  // engine does: a failing migration leaves nothing half-applied.
  return Object.assign(adapter, {
    executeScript: async (script: string) => void (await adapter.executeRaw({ sql: script, args: [], argTypes: [] })),
  });
}

// pglite-prisma-adapter does not await exec(): a failing migration would be recorded
// as applied while its error surfaced as an unhandled rejection.
function withAwaitedScripts(adapter: SqlDriverAdapter, pglite: PGlite): SqlDriverAdapter {
  return Object.assign(adapter, {
    executeScript: async (script: string) => {
      await pglite.exec(script).catch((error: unknown) => {
        throw error instanceof messages.DatabaseError ? asDriverAdapterError(error) : error;
      });
    },
  });
}

function asDriverAdapterError(error: messages.DatabaseError): DriverAdapterError {
  return new DriverAdapterError({
    kind: "postgres",
    code: error.code ?? "",
    severity: error.severity ?? "ERROR",
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

function trackConnections(
  adapterName: string,
  connect: () => Promise<SqlDriverAdapter>,
  connectToShadowDb: () => Promise<SqlDriverAdapter>,
): EngineAdapterFactory {
  const opened = new Set<SqlDriverAdapter>();
  const tracked = (open: () => Promise<SqlDriverAdapter>) => async () => {
    const adapter = await open();
    opened.add(adapter);
    return adapter;
  };
  return {
    provider: "postgres",
    adapterName,
    connect: tracked(connect),
    connectToShadowDb: tracked(connectToShadowDb),
    async disposeAll() {
      const adapters = [...opened];
      opened.clear();
      await Promise.all(adapters.map((adapter) => adapter.dispose()));
    },
  };
}
