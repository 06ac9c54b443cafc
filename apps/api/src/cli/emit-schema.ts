import "reflect-metadata";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { buildAppSchema } from "../schema.ts";

// Writes packages/schema/schema.graphql from the resolvers; with --check, fails when the committed file is stale.
const sdlPath = fileURLToPath(new URL("../../../../packages/schema/schema.graphql", import.meta.url));
const header = "# Generated from apps/api by `npm run emit:schema -w @engagement-tracker/api`. Do not edit.\n\n";
const sdl = header + printSchema(await buildAppSchema()) + "\n";

if (process.argv.includes("--check")) {
  const committed = await readFile(sdlPath, "utf8").catch(() => "");
  if (committed !== sdl) {
    console.error(
      "packages/schema/schema.graphql is stale: run `npm run emit:schema -w @engagement-tracker/api` and commit it.",
    );
    process.exit(1);
  }
  console.log("packages/schema/schema.graphql is up to date.");
} else {
  await writeFile(sdlPath, sdl);
  console.log(`Wrote ${sdlPath}`);
}
