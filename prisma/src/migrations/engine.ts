import * as engineGlue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { EngineAdapterFactory } from "./adapters.ts";

/** What the engine needs to see of a Prisma schema file. */
export interface SchemaFile {
  path: string;
  content: string;
}

/** No tables or enums are managed outside Prisma. */
export const noExternalObjects = { externalTables: [], externalEnums: [] };

// Neither lib ES2023 nor @types/node declares WebAssembly; this is the part used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

// The package's own entry imports the .wasm as an ES module, which Node 22 cannot do (24 only with an
// experimental warning); instantiate it here, once per process: the glue module holds a single instance anyway.
let engineReady: Promise<void> | undefined;

function instantiateEngine(): Promise<void> {
  engineReady ??= (async () => {
    const gluePath = createRequire(import.meta.url).resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(join(dirname(gluePath), "schema_engine_bg.wasm"));
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": withUnrefTimers(engineGlue) });
    engineGlue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return engineReady;
}

// Every engine arms a 10 s timer it never clears (the glue has no clearTimeout);
// unref'd, it no longer keeps a finished process alive.
function withUnrefTimers(glue: typeof engineGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const name of Object.keys(glue).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
    imports[name] = (callback: () => void, delayMs: number) => setTimeout(callback, delayMs >>> 0).unref();
  }
  return imports;
}

/**
 * Runs `use` with a schema engine connected through `adapterFactory`, then frees the
 * engine and closes every connection it opened (the engine itself never does).
 */
export async function withSchemaEngine<T>(
  adapterFactory: EngineAdapterFactory,
  schemaFiles: SchemaFile[] | undefined,
  use: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  await instantiateEngine();
  try {
    const engine = await engineGlue.SchemaEngine.new(
      { datamodels: schemaFiles?.map((file) => [file.path, file.content]) },
      () => {},
      bindMigrationAwareSqlAdapterFactory(adapterFactory),
    ).catch(rethrowReadable);
    try {
      return await use(engine).catch(rethrowReadable);
    } finally {
      engine.free();
    }
  } finally {
    await adapterFactory.disposeAll();
  }
}

// Engine errors end in a Rust span trace ("   0: sql_schema_connector::…"); keep the message.
function rethrowReadable(error: unknown): never {
  if (!(error instanceof Error)) throw error;
  const message = error.message.split(/\n\s+0: /)[0]!.trim();
  throw new Error(message, { cause: error });
}
