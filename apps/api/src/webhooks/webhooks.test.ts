import { openDatabase, type DatabaseTarget } from "@engagement-tracker/db";
import { applyMigrations, createFreshPostgresDatabase } from "@engagement-tracker/db/migrations";
import { postgresServerUrl } from "@engagement-tracker/db/testing";
import { graphql } from "@engagement-tracker/schema";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../operations/index.ts";
import { createServer, type ServerOptions } from "../server.ts";
import { freePort, startApiProcess } from "../test/api-process.ts";
import { clientFor, createUserWithToken, startTestApi, type TestApi } from "../test/api.ts";
import { jobQueueOf } from "../jobs/job-queue.ts";
import { day, insertEngagement } from "../test/fixtures.ts";
import { startMailCatcher, type MailCatcher } from "../test/mail-catcher.ts";
import { jobsSettled, until } from "../test/jobs.ts";
import { CreateEngagement, Rename } from "../test/shared-operations.ts";
import { startReceiver, verifySignature, type Receiver } from "../test/webhook-receiver.ts";
import { parseAllowList } from "./address-guard.ts";
import type { WebhookSettings } from "./webhook-settings.ts";

const CreateWebhookEndpoint = graphql(`
  mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      secret
      webhookEndpoint {
        id
        url
        events
        enabled
        secretPrefix
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const UpdateWebhookEndpoint = graphql(`
  mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      webhookEndpoint {
        enabled
        disabledReason
      }
      errors {
        code
        field
      }
    }
  }
`);

const WebhookLog = graphql(`
  query WebhookLog($id: ID!) {
    webhookEndpoint(id: $id) {
      enabled
      disabledReason
      failingSince
      deliveries {
        id
        idempotencyKey
        eventType
        state
        attempts
        responseStatus
        responseTimeMs
        lastError
        deliveredAt
      }
    }
  }
`);

const WebhookEndpoints = graphql(`
  query WebhookEndpoints {
    webhookEndpoints {
      id
      url
    }
  }
`);

const Redeliver = graphql(`
  mutation Redeliver($input: RedeliverWebhookInput!) {
    redeliverWebhook(input: $input) {
      delivery {
        idempotencyKey
        state
      }
      errors {
        code
      }
    }
  }
`);

const DeleteWebhookEndpoint = graphql(`
  mutation DeleteWebhookEndpoint($input: WebhookEndpointIdInput!) {
    deleteWebhookEndpoint(input: $input) {
      errors {
        code
      }
    }
  }
`);

/** Fast retries, and 127.0.0.1 allowed: the receivers run on this machine. */
const fast = (more: Partial<WebhookSettings> = {}): Partial<ServerOptions> => ({
  webhooks: { allowList: parseAllowList("127.0.0.1"), retryBaseMs: 50, timeoutMs: 2_000, ...more },
  jobs: { pollingIntervalSeconds: 0.5 },
});

const receivers: Receiver[] = [];
async function receiver(answer?: (n: number) => number) {
  const started = await startReceiver(answer);
  receivers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((started) => started.close()));
});

async function subscribe(api: TestApi, url: string, events: ("CHANGES" | "ALERTS")[] = ["CHANGES"]) {
  const { createWebhookEndpoint } = await api.as("ADMIN").query(CreateWebhookEndpoint, { input: { url, events } });
  expect(createWebhookEndpoint.errors).toEqual([]);
  return { id: createWebhookEndpoint.webhookEndpoint!.id, secret: createWebhookEndpoint.secret! };
}

async function rename(api: TestApi, engagementId: string, title: string) {
  const { updateEngagement } = await api.query(Rename, { input: { id: engagementId, title } });
  expect(updateEngagement.errors).toEqual([]);
}

describe("webhooks", () => {
  let api: TestApi;
  let smtp: MailCatcher;
  /** How far the API's clock is ahead. */
  let ahead = 0;
  beforeAll(async () => {
    smtp = await startMailCatcher();
    api = await startTestApi({
      ...fast(),
      now: () => new Date(Date.now() + ahead),
      mail: { smtpUrl: smtp.url },
      jobs: { pollingIntervalSeconds: 0.5, dashboardUrl: "https://tracker.example.org" },
    });
  });
  afterAll(async () => {
    await api.close();
    await smtp.close();
  });
  afterEach(async () => {
    ahead = 0;
    await api.prisma.webhookEndpoint.deleteMany();
  });

  it("a change is delivered once, signed with the endpoint's secret, which is shown only on creation", async () => {
    const hooks = await receiver();
    const endpoint = await subscribe(api, hooks.url);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Renamed for the receiver");

    const [delivery] = await hooks.waitFor(1);
    const body = JSON.parse(delivery!.body);
    expect(body).toMatchObject({
      type: "engagement.changed",
      engagement: { id: engagement.globalId, version: 2 },
      change: { kind: "EDITED", changes: { title: { to: "Renamed for the receiver" } } },
    });
    expect(delivery!.headers["webhook-id"]).toBe(body.id);
    expect(body.id).toBe(`change-${body.sequence}`);
    expect(
      verifySignature(endpoint.secret, String(delivery!.headers["x-engagement-tracker-signature"]), delivery!.body),
    ).toBe(true);
    expect(
      verifySignature(
        "whsec_someone-else",
        String(delivery!.headers["x-engagement-tracker-signature"]),
        delivery!.body,
      ),
    ).toBe(false);

    await until(
      async () =>
        (await api.as("ADMIN").query(WebhookLog, { id: endpoint.id })).webhookEndpoint!.deliveries[0]?.state ===
        "DELIVERED",
    );
    const { webhookEndpoint } = await api.as("ADMIN").query(WebhookLog, { id: endpoint.id });
    expect(webhookEndpoint!.deliveries).toEqual([
      expect.objectContaining({
        eventType: "engagement.changed",
        state: "DELIVERED",
        attempts: 1,
        responseStatus: 200,
        lastError: null,
      }),
    ]);
    expect(webhookEndpoint!.deliveries[0]!.responseTimeMs).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hooks.received).toHaveLength(1);
  });

  it("a receiver failing twice gets the delivery on the third attempt, with the same idempotency key", async () => {
    const hooks = await receiver((n) => (n < 2 ? 503 : 200));
    const endpoint = await subscribe(api, hooks.url);
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Third time lucky");

    const received = await hooks.waitFor(3);
    expect(new Set(received.map((delivery) => delivery.headers["webhook-id"])).size).toBe(1);
    expect(new Set(received.map((delivery) => delivery.body)).size).toBe(1);
    await until(
      async () =>
        (await api.as("ADMIN").query(WebhookLog, { id: endpoint.id })).webhookEndpoint!.deliveries[0]?.state ===
        "DELIVERED",
    );
    const { webhookEndpoint } = await api.as("ADMIN").query(WebhookLog, { id: endpoint.id });
    expect(webhookEndpoint!.deliveries[0]).toMatchObject({ attempts: 3, responseStatus: 200, state: "DELIVERED" });
    expect(webhookEndpoint!.failingSince).toBeNull();
  });

  it("redeliver sends the same event again under the same idempotency key", async () => {
    const hooks = await receiver();
    const endpoint = await subscribe(api, hooks.url);
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Once more");
    const [first] = await hooks.waitFor(1);
    const { webhookEndpoint } = await api.as("ADMIN").query(WebhookLog, { id: endpoint.id });
    const { redeliverWebhook } = await api
      .as("ADMIN")
      .query(Redeliver, { input: { deliveryId: webhookEndpoint!.deliveries[0]!.id } });
    expect(redeliverWebhook.errors).toEqual([]);
    const [, again] = await hooks.waitFor(2);
    expect(again!.headers["webhook-id"]).toBe(first!.headers["webhook-id"]);
    expect(again!.body).toBe(first!.body);
  });

  it("an endpoint failing for 24 hours is disabled, its admins are e-mailed, and it gets nothing more", async () => {
    const hooks = await receiver(() => 500);
    const endpoint = await subscribe(api, hooks.url);
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Nobody listens");
    await hooks.waitFor(1);
    ahead = 25 * 3_600_000;
    await until(async () => !(await api.as("ADMIN").query(WebhookLog, { id: endpoint.id })).webhookEndpoint!.enabled);
    const { webhookEndpoint } = await api.as("ADMIN").query(WebhookLog, { id: endpoint.id });
    expect(webhookEndpoint!.disabledReason).toMatch(/failing for 24 h/);
    expect(webhookEndpoint!.deliveries[0]).toMatchObject({ state: "FAILED", responseStatus: 500 });
    const admin = await api.prisma.user.findUniqueOrThrow({ where: { id: api.users.ADMIN.id } });
    const [mail] = await smtp.waitFor((sent) => sent.subject === `Webhook endpoint disabled: ${hooks.url}`);
    expect(mail!.to).toEqual([admin.email]);
    expect(mail!.text).toContain("https://tracker.example.org/admin/webhooks");
    const attempts = hooks.received.length;
    await rename(api, engagement.globalId, "Still nobody");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.received).toHaveLength(attempts);
  });

  it("an endpoint that is disabled or deleted is sent nothing", async () => {
    const hooks = await receiver();
    const endpoint = await subscribe(api, hooks.url);
    const { updateWebhookEndpoint } = await api
      .as("ADMIN")
      .query(UpdateWebhookEndpoint, { input: { id: endpoint.id, enabled: false } });
    expect(updateWebhookEndpoint.webhookEndpoint).toMatchObject({
      enabled: false,
      disabledReason: "Disabled by an admin.",
    });
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Unheard");
    const { deleteWebhookEndpoint } = await api
      .as("ADMIN")
      .query(DeleteWebhookEndpoint, { input: { id: endpoint.id } });
    expect(deleteWebhookEndpoint.errors).toEqual([]);
    await rename(api, engagement.globalId, "Unheard again");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.received).toHaveLength(0);
    expect(await api.prisma.webhookDelivery.count()).toBe(0);
  });

  it("an engagement starting in 5 days and still PLANNED yields one AT_RISK delivery to an alerts endpoint, and none on the next run", async () => {
    const hooks = await receiver();
    await subscribe(api, hooks.url, ["ALERTS"]);
    const { createEngagement } = await api.query(CreateEngagement, {
      input: {
        title: "Staff talks in Suva",
        kind: "DIALOGUE",
        status: "PLANNED",
        startsOn: day(5),
        endsOn: day(7),
        locationName: "Suva",
        country: "FJ",
        hostCountry: "FJ",
      },
    });
    const [delivery] = await hooks.waitFor(1);
    expect(JSON.parse(delivery!.body)).toMatchObject({
      type: "alert",
      alert: { kind: "AT_RISK" },
      engagement: { id: createEngagement.engagement!.id, title: "Staff talks in Suva", status: "PLANNED" },
    });
    expect(delivery!.headers["webhook-id"]).toMatch(/^alert-/);

    await jobQueueOf(api.prisma)!.send("alerts.sweep", {});
    await jobsSettled(api.prisma);
    expect(hooks.received).toHaveLength(1);
  });

  it("viewers and editors can neither see nor manage webhooks", async () => {
    for (const role of ["VIEWER", "EDITOR"] as const) {
      const listed = await api.as(role).request(WebhookEndpoints);
      expect(listed.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const created = await api.as(role).request(CreateWebhookEndpoint, {
        input: { url: "https://example.org/hooks", events: ["CHANGES"] },
      });
      expect(created.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    expect(await api.prisma.webhookEndpoint.count()).toBe(0);
  });
});

describe("webhooks and private addresses", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi(fast({ allowList: parseAllowList("") }));
  });
  afterAll(() => api.close());

  it.each([
    "http://127.0.0.1:9/hooks",
    "http://localhost/hooks",
    "http://10.1.2.3/hooks",
    "http://192.168.0.1/hooks",
    "http://169.254.169.254/latest/meta-data",
    "http://[::1]/hooks",
    "http://[fd00:ec2::254]/hooks",
    "http://[::ffff:127.0.0.1]/hooks",
    "http://0.0.0.0/hooks",
  ])("refuses to send to %s and writes nothing", async (url) => {
    const { createWebhookEndpoint } = await api
      .as("ADMIN")
      .query(CreateWebhookEndpoint, { input: { url, events: ["CHANGES"] } });
    expect(createWebhookEndpoint.webhookEndpoint).toBeNull();
    expect(createWebhookEndpoint.errors).toEqual([
      expect.objectContaining({
        code: "VALIDATION",
        field: ["url"],
        message: expect.stringMatching(/WEBHOOK_ALLOWED_HOSTS/),
      }),
    ]);
    expect(await api.prisma.webhookEndpoint.count()).toBe(0);
  });

  it("refuses malformed URLs and URLs carrying credentials", async () => {
    for (const url of ["not a url", "ftp://example.org/", "https://user:pass@example.org/"]) {
      const { createWebhookEndpoint } = await api
        .as("ADMIN")
        .query(CreateWebhookEndpoint, { input: { url, events: ["CHANGES"] } });
      expect(createWebhookEndpoint.errors).toEqual([expect.objectContaining({ code: "VALIDATION", field: ["url"] })]);
    }
  });

  it("checks the address again at delivery time: a private endpoint saved earlier is not reached", async () => {
    const hooks = await receiver();
    const endpoint = await api.prisma.webhookEndpoint.create({
      data: { url: hooks.url, events: ["CHANGES"], secret: "whsec_test", secretPrefix: "whsec_test" },
    });
    const engagement = await insertEngagement(api.prisma);
    await rename(api, engagement.globalId, "Not for localhost");
    await until(
      async () =>
        ((await api.prisma.webhookDelivery.findFirst({ where: { endpointId: endpoint.id } }))?.attempts ?? 0) > 0,
    );
    const delivery = await api.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.id } });
    expect(delivery.lastError).toMatch(/private, loopback or reserved address/);
    expect(hooks.received).toHaveLength(0);
  });

  it("allows a private address listed in WEBHOOK_ALLOWED_HOSTS", async () => {
    const allowed = await startTestApi(fast({ allowList: parseAllowList("localhost,10.0.0.0/8") }));
    try {
      for (const url of ["http://localhost:9/hooks", "http://10.1.2.3/hooks"]) {
        const { createWebhookEndpoint } = await allowed
          .as("ADMIN")
          .query(CreateWebhookEndpoint, { input: { url, events: ["ALERTS"] } });
        expect(createWebhookEndpoint.errors).toEqual([]);
      }
    } finally {
      await allowed.close();
    }
  });
});

const postgresUrl = postgresServerUrl();

describe("webhook deliveries across restarts and instances", () => {
  it("the API process restarted between attempts still delivers", async () => {
    let up = false;
    const hooks = await receiver(() => (up ? 200 : 503));
    // A database the API processes open in turn: a fresh PostgreSQL one when there is a server, else a PGlite folder.
    const fresh = postgresUrl ? await createFreshPostgresDatabase(postgresUrl) : null;
    const pgliteDir = fresh ? null : mkdtempSync(join(tmpdir(), "webhooks-restart-"));
    const target: DatabaseTarget = fresh
      ? { kind: "postgres", url: fresh.url }
      : { kind: "pglite", dataDir: pgliteDir! };
    const db = await openDatabase(target);
    await applyMigrations(db);
    const admin = await createUserWithToken(db.prisma, "ADMIN");
    const editor = await createUserWithToken(db.prisma, "EDITOR");
    const engagement = await insertEngagement(db.prisma);
    await db.close();
    const env = {
      ...(fresh ? { DATABASE_URL: fresh.url } : { PGLITE_DIR: pgliteDir! }),
      WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
      WEBHOOK_RETRY_BASE_MS: "1500",
      JOBS_POLL_SECONDS: "0.5",
    };
    let api = await startApiProcess(env, await freePort());
    try {
      const { createWebhookEndpoint } = await clientFor(api.url, admin.token).query(CreateWebhookEndpoint, {
        input: { url: hooks.url, events: ["CHANGES"] },
      });
      expect(createWebhookEndpoint.errors).toEqual([]);
      await clientFor(api.url, editor.token).query(Rename, { input: { id: engagement.globalId, title: "Restarted" } });
      await hooks.waitFor(1);
      expect(await api.stop()).toBe(0);
      up = true;
      api = await startApiProcess(env, await freePort());
      const received = await hooks.waitFor(2, 30_000);
      expect(received[1]!.headers["webhook-id"]).toBe(received[0]!.headers["webhook-id"]);
    } finally {
      await api.stop();
      await fresh?.drop();
      if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
    }
  }, 120_000);

  it.skipIf(!postgresUrl)("two API instances on one PostgreSQL database deliver each change exactly once", async () => {
    const hooks = await receiver();
    const api = await startTestApi(fast(), postgresUrl);
    const secondDb = await openDatabase({ kind: "postgres", url: api.databaseUrl! });
    const second = await (
      await createServer({ db: secondDb, logger: createLogger({ level: "silent" }), ...fast() })
    ).listen(0);
    try {
      await subscribe(api, hooks.url);
      const engagement = await insertEngagement(api.prisma);
      const changes = 30;
      for (let n = 0; n < changes; n++) await rename(api, engagement.globalId, `Change ${n}`);
      await hooks.waitFor(changes);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const keys = hooks.received.map((delivery) => delivery.headers["webhook-id"]);
      expect(keys).toHaveLength(changes);
      expect(new Set(keys).size).toBe(changes);
    } finally {
      await second.stop();
      await secondDb.close();
      await api.close();
    }
  });
});
