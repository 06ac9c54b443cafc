import { spawnSync } from "node:child_process";
import { delimiter, join, sep } from "node:path";
import semver from "semver";
import { afterAll, describe, expect, it } from "vitest";
import project from "../../../../package.json" with { type: "json" };
import { freePort, startApiProcess, type ApiProcess } from "../test/api-process.ts";

// What a user's shell has: this PATH without the node_modules folders npm and npx put first.
const shellPath = process.env
  .PATH!.split(delimiter)
  .filter((folder) => !folder.split(sep).includes("node_modules"))
  .join(delimiter);
// On the embedded database in memory, whichever database the other tests use.
const shellEnv = { PATH: shellPath, DATABASE_URL: "", PGLITE_DIR: "memory://" };
const shellNode = spawnSync("node", ["--version"], { env: { PATH: shellPath }, encoding: "utf8" }).stdout.trim();

describe("the Node.js the API runs on", () => {
  let api: ApiProcess | undefined;
  afterAll(() => api?.stop());

  it(`npm start runs the API on Node.js 24 or newer, whatever the shell's node (here ${shellNode})`, async () => {
    api = await startApiProcess(shellEnv, await freePort(), "npm start");
    const metrics = await (await fetch(new URL("/metrics", api.url))).text();
    const major = /^nodejs_version_info\{.*major="(\d+)"/m.exec(metrics)?.[1];
    expect(Number(major)).toBeGreaterThanOrEqual(24);
  }, 90_000);

  it.runIf(!semver.satisfies(shellNode, project.engines.node))(
    `an unsupported Node.js (the shell's ${shellNode}) is refused with one line`,
    () => {
      const run = spawnSync("node", ["--import", "tsx", "src/main.ts"], {
        cwd: join(import.meta.dirname, "..", ".."),
        env: { ...process.env, ...shellEnv },
        encoding: "utf8",
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim().split("\n")).toEqual([
        expect.stringContaining(`needs Node.js ${project.engines.node}, not ${shellNode}`),
      ]);
    },
  );
});
