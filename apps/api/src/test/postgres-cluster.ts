import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./api-process.ts";

const run = promisify(execFile);

const SERVER_TOOLS = ["initdb", "pg_ctl", "postgres"];

/**
 * Where PostgreSQL's server programs are: TEST_POSTGRES_BIN, else `pg_config --bindir`, else the
 * newest /usr/lib/postgresql/<version>/bin (where Debian's pg_ctlcluster finds any installed version).
 */
function postgresBinCandidates(): string[] {
  if (process.env.TEST_POSTGRES_BIN) return [process.env.TEST_POSTGRES_BIN];
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8" }).trim());
  } catch {
    // No pg_config on the PATH: look where Debian installs the server.
  }
  const debianRoot = "/usr/lib/postgresql";
  const versions = existsSync(debianRoot) ? readdirSync(debianRoot).filter((name) => /^\d+$/.test(name)) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  candidates.push(...versions.map((version) => join(debianRoot, version, "bin")));
  return candidates;
}

const POSTGRES_BIN = postgresBinCandidates().find((dir) => SERVER_TOOLS.every((tool) => existsSync(join(dir, tool))));

/** Why a private cluster cannot be started here, or null when it can. */
export function privateClusterUnavailable(): string | null {
  if (POSTGRES_BIN) return null;
  const looked = postgresBinCandidates();
  return `PostgreSQL's ${SERVER_TOOLS.join(", ")} (looked in ${looked.join(", ") || "TEST_POSTGRES_BIN, pg_config --bindir and /usr/lib/postgresql/*/bin"}; set TEST_POSTGRES_BIN)`;
}

/** A throwaway PostgreSQL cluster of this test's own: stopping it disturbs nobody else. */
export interface PrivateCluster {
  /** A URL to the cluster's `postgres` database, as superuser `postgres`. */
  url: string;
  /** Stops the server at once, as a crash would: no checkpoint, recovery from the WAL on start. */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/**
 * initdb + pg_ctl in a temporary directory, listening on a free loopback port. initdb refuses
 * to run as root, so as root the cluster belongs to (and runs as) the `postgres` OS user.
 */
export async function startPrivateCluster(): Promise<PrivateCluster> {
  const directory = await mkdtemp(join(tmpdir(), "engagement-tracker-pg-"));
  const dataDir = join(directory, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(directory, Number(stdout), Number(group));
  }
  const bin = POSTGRES_BIN;
  if (!bin) throw new Error(`cannot start a private cluster without ${privateClusterUnavailable()}`);
  const tool = (name: string, args: string[]) => {
    const [command, commandArgs] = asRoot
      ? ["runuser", ["-u", "postgres", "--", join(bin, name), ...args]]
      : [join(bin, name), args];
    return run(command, commandArgs, { cwd: directory });
  };

  await tool("initdb", [
    "-D",
    dataDir,
    "-U",
    "postgres",
    "--auth=trust",
    "-E",
    "UTF8",
    "--no-sync",
    "--no-instructions",
  ]);
  const port = await freePort();
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -k ${directory}`;
  const pgCtl = (...args: string[]) => tool("pg_ctl", ["-D", dataDir, "-l", join(directory, "server.log"), ...args]);
  const start = async () => void (await pgCtl("-o", serverOptions, "-w", "-t", "30", "start"));
  await start();

  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    crash: async () => void (await pgCtl("-m", "immediate", "-w", "stop")),
    start,
    async destroy() {
      await pgCtl("-m", "immediate", "-w", "stop").catch(() => {});
      await rm(directory, { recursive: true, force: true });
    },
  };
}
