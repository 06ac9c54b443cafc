// Jobs per second the queue sustains on PostgreSQL: N jobs are queued, then W workers (each a
// JobQueue, as API instances or `npm run worker` processes would hold, concurrency C) run them;
// reports jobs/s from the first to the last completion, and the send rate.
// Run: npm run bench:jobs [-- --jobs 5000 --workers 2 --concurrency 8]   (needs DATABASE_URL or PostgreSQL on 127.0.0.1:5432)
import { openDatabase } from "@engagement-tracker/db";
import { createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { parseArgs } from "node:util";
import { JobQueue } from "../src/jobs/job-queue.ts";
import { createLogger } from "../src/operations/index.ts";

declare module "../src/jobs/job-queue.ts" {
  interface JobPayloads {
    "bench.noop": { n: number };
  }
}

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "5000" },
    workers: { type: "string", default: "2" },
    concurrency: { type: "string", default: "8" },
  },
});
const jobCount = Number(values.jobs);
const workerCount = Number(values.workers);
const concurrency = Number(values.concurrency);
const serverUrl = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const logger = createLogger({ level: "warn" });

const fresh = await createFreshPostgresDatabase(serverUrl);
const databases = await Promise.all(
  Array.from({ length: workerCount }, () => openDatabase({ kind: "postgres", url: fresh.url })),
);
const queues = databases.map((db) => new JobQueue({ db, logger, pollingIntervalSeconds: 0.5 }));
try {
  for (const queue of queues) queue.define("bench.noop");
  await Promise.all(queues.map((queue) => queue.start()));

  const sendStarted = performance.now();
  for (let n = 0; n < jobCount; n += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, jobCount - n) }, (_, i) => queues[0]!.send("bench.noop", { n: n + i })),
    );
  }
  const sendSeconds = (performance.now() - sendStarted) / 1000;

  let done = 0;
  let first = 0;
  let last = 0;
  const finished = new Promise<void>((resolve) => {
    for (const queue of queues) {
      void queue.work(
        "bench.noop",
        async () => {
          const now = performance.now();
          first ||= now;
          last = now;
          if (++done === jobCount) resolve();
        },
        { concurrency },
      );
    }
  });
  await finished;
  // Wait for the completions to be written, so the next run starts on a quiet database.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const runSeconds = (last - first) / 1000;
  console.log(
    `${jobCount} jobs: sent at ${Math.round(jobCount / sendSeconds)} jobs/s (1 process, 50 at a time); ` +
      `run at ${Math.round(jobCount / runSeconds)} jobs/s by ${workerCount} worker(s) × concurrency ${concurrency}`,
  );
} finally {
  await Promise.all(queues.map((queue) => queue.stop(2_000)));
  await Promise.all(databases.map((db) => db.close()));
  await fresh.drop();
}
