import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const apiRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface ApiProcess {
  url: string;
  child: ChildProcess;
  /** Everything the process printed. */
  output: () => string;
  /** Sends SIGTERM and resolves with the exit code (npm's, when started with `npm start`). */
  stop(): Promise<number | null>;
}

/**
 * Runs the real entry point (`src/main.ts`) as its own process and waits until it listens:
 * on this test's Node.js, or as a user starts it, with `npm start` in the API's folder.
 */
export async function startApiProcess(
  env: Record<string, string>,
  port: number,
  launch: "node" | "npm start" = "node",
): Promise<ApiProcess> {
  const options: SpawnOptions = {
    cwd: apiRoot,
    env: { ...process.env, SEED_DEMO_DATA: "false", LOG_LEVEL: "warn", ...env, API_PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  };
  // npm runs the script in a shell that does not pass SIGTERM on: that launch gets a process group to signal.
  const child =
    launch === "node"
      ? spawn(process.execPath, ["--import", "tsx", "src/main.ts"], options)
      : spawn("npm", ["start"], { ...options, detached: true });
  const terminate = () => (launch === "node" ? child.kill("SIGTERM") : process.kill(-child.pid!, "SIGTERM"));
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/graphql`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`API process exited early:\n${output}`);
    const ready = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"query":"{ viewer { id } }"}',
    }).catch(() => null);
    if (ready?.ok) break;
    if (Date.now() > deadline) {
      terminate();
      throw new Error(`API process did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      terminate();
      const [code] = (await once(child, "exit")) as [number | null];
      return code;
    },
  };
}

/** A TCP port nobody listens on now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
