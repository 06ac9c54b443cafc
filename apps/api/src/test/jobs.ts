// Waiting on background work in tests: jobs run on their own schedule, not the request's.
import type { PrismaClient } from "@engagement-tracker/db";

/** Resolves once `check` holds, asking every `pollMs`; rejects after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  { timeoutMs = 20_000, pollMs = 50 }: { timeoutMs?: number; pollMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/**
 * Resolves once no job of the queues named `prefix…` is due or running (jobs deferred to later
 * aside) for three polls in a row: a job that finishes may have queued the next.
 */
export async function jobsSettled(prisma: PrismaClient, prefix = ""): Promise<void> {
  let quietPolls = 0;
  await until(
    async () => {
      const [{ busy }] = await prisma.$queryRawUnsafe<[{ busy: number }]>(
        `SELECT count(*)::int AS busy FROM pgboss.job
         WHERE name LIKE $1 AND state::text IN ('created', 'retry', 'active') AND start_after <= now()`,
        `${prefix}%`,
      );
      quietPolls = busy ? 0 : quietPolls + 1;
      return quietPolls >= 3;
    },
    { pollMs: 100 },
  );
}
