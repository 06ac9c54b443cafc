import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

// Writes schema.graphql from the API's resolvers; with --check, fails when the committed file is stale.
// The API prints its schema in a process of its own, so this package never imports an app.
const sdlPath = fileURLToPath(new URL("schema.graphql", import.meta.url));
const rewrite = "npm run emit:schema";
const header = `# Generated from apps/api by \`${rewrite}\`. Do not edit.\n\n`;
const printed = execFileSync("npm", ["run", "--silent", "print:schema", "--workspace", "@engagement-tracker/api"], {
  encoding: "utf8",
  stdio: ["ignore", "pipe", "inherit"],
});
const sdl = header + printed;

if (process.argv.includes("--check")) {
  const committed = await readFile(sdlPath, "utf8").catch(() => "");
  if (committed !== sdl) {
    console.error(`packages/schema/schema.graphql is stale: run \`${rewrite}\` and commit it.`);
    process.exit(1);
  }
  console.log("packages/schema/schema.graphql is up to date.");
} else {
  await writeFile(sdlPath, sdl);
  console.log(`Wrote ${sdlPath}`);
}
