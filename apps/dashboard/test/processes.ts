import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const dashboardDir = fileURLToPath(new URL("..", import.meta.url));
export const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export type StartedProcess = ReturnType<typeof startProcess>;

/** Starts a long-running command; its output is kept, and shown only if it fails to start. */
export function startProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }) {
  const child: ChildProcess = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const killed = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killed);
    },
    exited,
  };
}

/** Waits until `probe` answers true, the process exits, or the time is up. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  process: StartedProcess,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void process.exited.then(() => (gone = true));
  while (Date.now() < deadline) {
    if (gone) throw new Error(`${what} exited while starting:\n${process.output()}`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} did not start within ${timeoutMs} ms:\n${process.output()}`);
}

/** The production build served as `npm start` serves it (server.ts), on a port, talking to the API at `apiUrl`. */
export function startDashboard(port: number, apiUrl: string, env: Record<string, string> = {}): StartedProcess {
  return startProcess(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: dashboardDir,
    env: {
      ...process.env,
      API_URL: apiUrl,
      DASHBOARD_PORT: String(port),
      DASHBOARD_HOST: "127.0.0.1",
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    },
  });
}
