import { createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { dashboardDir, freePort, nextBin, startDashboard, startProcess, waitUntil } from "./processes";

declare module "vitest" {
  export interface ProvidedContext {
    dashboardUrl: string;
    apiUrl: string;
    /** The password every seeded demo user signs in with. */
    demoPassword: string;
  }
}

const apiDir = fileURLToPath(new URL("../../api", import.meta.url));

/**
 * The real API on a fresh, seeded database (a new database on the PostgreSQL server of
 * DATABASE_URL when it is set, else in-memory PGlite) and the dashboard's production build
 * in front of it, as `npm start` runs them.
 */
export default async function setup(project: TestProject) {
  buildIfStale();
  const fresh = process.env.DATABASE_URL ? await createFreshPostgresDatabase(process.env.DATABASE_URL) : null;
  const [apiPort, dashboardPort] = await Promise.all([freePort(), freePort()]);
  const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
  const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
  const demoPassword = randomBytes(12).toString("base64url");

  const { DATABASE_URL: _serverUrl, ...environment } = process.env;
  const api = startProcess(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: apiDir,
    env: {
      ...environment,
      ...(fresh ? { DATABASE_URL: fresh.url } : { PGLITE_DIR: "memory://" }),
      API_HOST: "127.0.0.1",
      API_PORT: String(apiPort),
      SEED_DEMO_DATA: "true",
      DEMO_PASSWORD: demoPassword,
      // Rate limits are the API's to test; here every page view is one reader's many requests.
      RATE_LIMIT_PER_MINUTE: "100000",
      SIGN_IN_LIMIT_PER_15_MINUTES: "1000",
      // The webhook tests' receivers listen on this machine.
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    },
  });
  const dashboard = startDashboard(dashboardPort, apiUrl);
  try {
    await waitUntil("The API", () => answers(apiUrl, { method: "POST", body: "{}" }), api, 90_000);
    await waitUntil("The dashboard", () => answers(`${dashboardUrl}/sign-in`), dashboard);
  } catch (error) {
    await Promise.all([dashboard.stop(), api.stop()]);
    await fresh?.drop();
    throw error;
  }

  project.provide("dashboardUrl", dashboardUrl);
  project.provide("apiUrl", apiUrl);
  project.provide("demoPassword", demoPassword);
  return async () => {
    await Promise.all([dashboard.stop(), api.stop()]);
    await fresh?.drop();
  };
}

async function answers(url: string, init: RequestInit = {}): Promise<boolean> {
  const response = await fetch(url, { ...init, headers: { "content-type": "application/json" } });
  return response.status < 500;
}

/**
 * `npm test` builds first (turbo's `build`, cached); run directly, the suite builds when the
 * sources changed since the last build, so it never tests stale code.
 */
function buildIfStale(): void {
  const builtAt = modifiedAt(join(dashboardDir, ".next", "BUILD_ID"));
  const sources = [
    "app",
    "components",
    "lib",
    "next.config.ts",
    "proxy.ts",
    "instrumentation.ts",
    "instrumentation.node.ts",
  ].map((name) => join(dashboardDir, name));
  if (builtAt > 0 && sources.every((source) => newestIn(source) < builtAt)) return;
  const build = spawnSync(process.execPath, [nextBin, "build", "--webpack"], {
    cwd: dashboardDir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  });
  if (build.status !== 0) throw new Error(`next build failed:\n${build.stdout}\n${build.stderr}`);
}

function modifiedAt(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestIn(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestIn(join(path, name))));
}
