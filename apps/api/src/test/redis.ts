import { createConnection } from "node:net";

/** Whether something accepts connections at a redis:// URL (tests and benchmarks skip Redis fan-out without it). */
export function redisAnswers(redisUrl: string): Promise<boolean> {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) }, () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
