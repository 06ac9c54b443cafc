import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineConfig } from "prisma/config";

// The Prisma CLI wants a native schema engine it would download; generate, validate
// and format never use it, so point it at a stub and stay offline.
// Migrations go through src/migrations (the wasm engine) instead.
const stub = join(import.meta.dirname, "generated", "schema-engine-stub");
if (!existsSync(stub)) {
  mkdirSync(join(import.meta.dirname, "generated"), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\nexit 1\n", { mode: 0o755 });
}
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
});
