// End-to-end latency of live changes across instances: a status move is sent to API
// instance A; 100 subscribers wait on instance B. Reports, per fan-out (PostgreSQL
// LISTEN/NOTIFY, and Redis when it answers), the time from A's acknowledgement of the
// committed mutation to each subscriber receiving the change: p50, p99, max.
// Run: npm run bench:live [-- --subscribers 100 --moves 40]   (needs DATABASE_URL or PostgreSQL on 127.0.0.1:5432)
import "reflect-metadata";
import { openDatabase } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { parseArgs } from "node:util";
import { issueToken } from "../src/auth/tokens.ts";
import { freePort, startApiProcess, type ApiProcess } from "../src/test/api-process.ts";
import { insertEngagement } from "../src/test/fixtures.ts";
import { redisAnswers } from "../src/test/redis.ts";
import { recordChanges } from "../src/test/subscriptions.ts";

const { values } = parseArgs({
  options: { subscribers: { type: "string", default: "100" }, moves: { type: "string", default: "40" } },
});
const subscriberCount = Number(values.subscribers);
const moveCount = Number(values.moves);
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(label: string, env: Record<string, string>) {
  const fresh = await createFreshPostgresDatabase(serverUrl);
  const db = await openDatabase({ kind: "postgres", url: fresh.url });
  await applyMigrations(db);
  const user = await db.prisma.user.create({ data: { email: "bench@test.local", name: "Bench", role: "EDITOR" } });
  const { token, hash, prefix } = issueToken("personal");
  await db.prisma.apiToken.create({
    data: { name: "bench", prefix, tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  const statuses = ["PLANNED", "POSTPONED"] as const;
  const engagement = await insertEngagement(db.prisma, { status: "PROPOSED" });
  await db.close();

  const common = { DATABASE_URL: fresh.url, RATE_LIMIT_PER_MINUTE: "1000000", ...env };
  const latencies: number[] = [];
  // Stop the processes and drop the database even when a run fails part-way.
  const started: Promise<ApiProcess>[] = [];
  try {
    started.push(startApiProcess(common, await freePort()), startApiProcess(common, await freePort()));
    const [a, b] = (await Promise.all(started)) as [ApiProcess, ApiProcess];
    const subscribers = await Promise.all(Array.from({ length: subscriberCount }, () => recordChanges(b.url, token)));
    const arrival = new Map<string, number[]>();
    for (const subscriber of subscribers) {
      const received = subscriber.received;
      const push = received.push.bind(received);
      received.push = (...changes) => {
        for (const change of changes) {
          const times = arrival.get(change.event.sequence) ?? [];
          times.push(performance.now());
          arrival.set(change.event.sequence, times);
        }
        return push(...changes);
      };
    }

    for (let move = 0; move < moveCount; move++) {
      const response = await fetch(a.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query:
            'mutation($id: ID!, $s: EngagementStatus!) { updateEngagementStatus(input: { id: $id, status: $s, reason: "bench" }) { engagement { version } } }',
          variables: { id: engagement.globalId, s: statuses[move % 2] },
        }),
      });
      const acknowledged = performance.now();
      await response.json();
      await Promise.all(subscribers.map((subscriber) => subscriber.waitFor(move + 1, 10_000)));
      const sequence = subscribers[0]!.received[move]!.event.sequence;
      for (const time of arrival.get(sequence) ?? []) latencies.push(Math.max(0, time - acknowledged));
    }

    await Promise.all(subscribers.map((subscriber) => subscriber.close()));
  } finally {
    await Promise.all(started.map(async (process) => (await process.catch(() => null))?.stop()));
    await fresh.drop();
  }
  latencies.sort((x, y) => x - y);
  console.log(
    `${label.padEnd(28)} ${subscriberCount} subscribers, ${moveCount} moves: ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`,
  );
}

await measure("PostgreSQL LISTEN/NOTIFY", {});
if (await redisAnswers(redisUrl)) await measure("Redis pub/sub", { REDIS_URL: redisUrl });
else console.log(`Redis pub/sub: skipped, nothing answers at ${redisUrl}`);
process.exit(0);
