import { openDatabase, type Database, type DatabaseTarget } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { describeNeeding, postgresServerUrl } from "@engagement-tracker/db/testing";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobQueueOf } from "../jobs/job-queue.ts";
import { createLogger } from "../operations/index.ts";
import { createServer, type RunningServer } from "../server.ts";
import { freePort, startApiProcess } from "../test/api-process.ts";
import { clientFor, createUserWithToken } from "../test/api.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { startMailCatcher, type MailCatcher } from "../test/mail-catcher.ts";
import { until } from "../test/jobs.ts";
import { CreateEngagement } from "../test/shared-operations.ts";

const postgresUrl = postgresServerUrl();

let smtp: MailCatcher;
beforeAll(async () => {
  smtp = await startMailCatcher();
});
afterAll(async () => {
  await smtp?.close();
});

/** An API instance as main.ts starts one, polling often and retrying at once so the tests take seconds. */
async function startInstance(db: Database): Promise<RunningServer> {
  const server = await createServer({
    db,
    logger: createLogger({ level: "silent" }),
    logError: () => {},
    rateLimits: { requestsPerMinute: 1_000_000, signInsPer15Minutes: 1_000_000 },
    jobs: { pollingIntervalSeconds: 0.5, retryDelayCapSeconds: 1 },
    mail: { smtpUrl: smtp.url },
  });
  return server.listen(0);
}

describe("alert delivery across a restart", () => {
  let target: DatabaseTarget;
  let cleanUp: () => Promise<void>;

  beforeAll(async () => {
    if (postgresUrl) {
      const fresh = await createFreshPostgresDatabase(postgresUrl);
      target = { kind: "postgres", url: fresh.url };
      cleanUp = fresh.drop;
    } else {
      const dataDir = mkdtempSync(join(tmpdir(), "alerts-"));
      target = { kind: "pglite", dataDir };
      cleanUp = async () => rmSync(dataDir, { recursive: true, force: true });
    }
  });
  afterAll(async () => {
    await cleanUp?.();
  });

  it("an e-mail the SMTP server refused before the API stopped is delivered once after it starts again", async () => {
    const first = await openDatabase(target);
    await applyMigrations(first);
    const owner = await createUserWithToken(first.prisma, "EDITOR");
    const { email } = await first.prisma.user.findUniqueOrThrow({ where: { id: owner.id } });
    const before = await startInstance(first);
    smtp.refusing = true;
    const { title } = await insertEngagement(first.prisma, {
      ownerId: owner.id,
      startsOn: new Date(day(5)),
      endsOn: new Date(day(6)),
    });
    await jobQueueOf(first.prisma)!.send("alerts.sweep", {});
    // The first attempt was refused: the job waits for its retry.
    await until(async () => {
      const [row] = await first.prisma.$queryRawUnsafe<{ retries: number }[]>(
        `SELECT max(retry_count)::int AS retries FROM pgboss.job WHERE name = 'alerts.email'`,
      );
      return (row?.retries ?? 0) >= 1;
    });
    await before.stop();
    await first.close();

    smtp.refusing = false;
    const second = await openDatabase(target);
    const after = await startInstance(second);
    try {
      const [mail] = await smtp.waitFor((mail) => mail.subject === `${title}: at risk`);
      expect(mail!.to).toEqual([email]);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(smtp.mails.filter((mail) => mail.subject === `${title}: at risk`)).toHaveLength(1);
    } finally {
      await after.stop();
      await second.close();
    }
  });
});

describeNeeding(
  postgresUrl ? null : "a PostgreSQL server (TEST_POSTGRES_URL or DATABASE_URL)",
  "alert delivery from several API instances on one PostgreSQL database",
  () => {
    const instances: { db: Database; running: RunningServer }[] = [];
    let drop: () => Promise<void>;
    let token: string;

    beforeAll(async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      drop = fresh.drop;
      const setup = await openDatabase({ kind: "postgres", url: fresh.url });
      await applyMigrations(setup);
      ({ token } = await createUserWithToken(setup.prisma, "EDITOR"));
      await setup.close();
      for (let n = 0; n < 2; n++) {
        const db = await openDatabase({ kind: "postgres", url: fresh.url });
        instances.push({ db, running: await startInstance(db) });
      }
    });
    afterAll(async () => {
      for (const { db, running } of instances) {
        await running.stop();
        await db.close();
      }
      await drop?.();
    });

    it("each alert is e-mailed exactly once, whichever instance wrote or swept", async () => {
      const titles = Array.from({ length: 8 }, (_, n) => `Two instances ${n} ${crypto.randomUUID()}`);
      await Promise.all(
        titles.map((title, n) =>
          clientFor(instances[n % 2]!.running.url, token).query(CreateEngagement, {
            input: {
              title,
              kind: "DIALOGUE",
              status: "PROPOSED",
              startsOn: day(4),
              endsOn: day(5),
              locationName: "Apia",
              country: "WS",
              hostCountry: "WS",
            },
          }),
        ),
      );
      const isOneOf = (mail: { subject: string }) => titles.some((title) => mail.subject === `${title}: at risk`);
      await smtp.waitFor(isOneOf, titles.length);
      await Promise.all(instances.map(({ db }) => jobQueueOf(db.prisma)!.send("alerts.sweep", {})));
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const subjects = smtp.mails.filter(isOneOf).map((mail) => mail.subject);
      expect(subjects.sort()).toEqual(titles.map((title) => `${title}: at risk`).sort());
    });
  },
);

describeNeeding(
  postgresUrl ? null : "a PostgreSQL server (TEST_POSTGRES_URL or DATABASE_URL)",
  "an API that only sends jobs, and `npm run worker` running them",
  () => {
    it("delivers the alert of a write made on the API from the worker process", async () => {
      const fresh = await createFreshPostgresDatabase(postgresUrl!);
      const setup = await openDatabase({ kind: "postgres", url: fresh.url });
      await applyMigrations(setup);
      const { token } = await createUserWithToken(setup.prisma, "EDITOR");
      await setup.close();
      const env = { DATABASE_URL: fresh.url, SMTP_URL: smtp.url, JOBS_POLL_SECONDS: "0.5", LOG_LEVEL: "warn" };
      const api = await startApiProcess({ ...env, API_RUNS_JOBS: "false" }, await freePort());
      const workerPort = await freePort();
      const worker = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], {
        cwd: fileURLToPath(new URL("../..", import.meta.url)),
        env: { ...process.env, ...env, WORKER_PORT: String(workerPort) },
        stdio: "ignore",
      });
      try {
        const title = `Worker-delivered ${crypto.randomUUID()}`;
        await clientFor(api.url, token).query(CreateEngagement, {
          input: {
            title,
            kind: "DIALOGUE",
            status: "PLANNED",
            startsOn: day(2),
            endsOn: day(3),
            locationName: "Nuku'alofa",
            country: "TO",
            hostCountry: "TO",
          },
        });
        await smtp.waitFor((mail) => mail.subject === `${title}: at risk`, 1, 40_000);
        // The attempt is counted once it settles, a moment after the SMTP server has the message.
        const emailed = /jobs_attempts_total\{queue="alerts.email",outcome="completed"\} 1/;
        await until(async () => emailed.test(await (await fetch(`http://127.0.0.1:${workerPort}/metrics`)).text()), {
          timeoutMs: 5_000,
        });
      } finally {
        worker.kill("SIGTERM");
        if (worker.exitCode === null) await once(worker, "exit");
        await api.stop();
        await fresh.drop();
      }
    }, 90_000);
  },
);
