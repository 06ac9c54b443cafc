// Attempts the deliveries that are due, on every API instance at once: each claims its own with
// SKIP LOCKED, so each attempt is made by one instance, and a claim lapses if its instance dies.
import type { PrismaClient } from "@engagement-tracker/db";
import type { Logger } from "../operations/index.ts";
import { postSigned, type Attempt } from "./signed-post.ts";
import { retryDelay, type WebhookSettings } from "./webhook-settings.ts";

/** Deliveries one instance attempts at a time. */
const BATCH = 20;

interface Claimed {
  id: string;
  endpointId: string;
  url: string;
  secret: string;
  idempotencyKey: string;
  payload: unknown;
  attempts: number;
  createdAt: Date;
}

/** Told when an endpoint has failed for the whole retry window and was disabled. */
export type OnEndpointDisabled = (endpoint: { id: string; url: string; reason: string }) => Promise<void>;

export class WebhookDispatcher {
  private running = true;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  private readonly loop: Promise<void>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly settings: WebhookSettings,
    private readonly logger: Logger,
    private readonly onEndpointDisabled: OnEndpointDisabled,
  ) {
    this.loop = this.run();
  }

  /** Looks for due deliveries now rather than at the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async close(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let claimed = 0;
      try {
        claimed = await this.attemptDue();
      } catch (error) {
        if (this.running) this.logger.error({ err: error, component: "webhooks" }, "webhook dispatch failed");
      }
      // A full batch suggests more are waiting: claim again at once.
      if (claimed < BATCH && this.running) {
        await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, this.settings.pollMs);
        });
        clearTimeout(this.timer);
      }
    }
  }

  /** Claims due deliveries, attempts them in parallel, records each outcome; returns how many it claimed. */
  async attemptDue(): Promise<number> {
    const now = this.settings.now();
    // The claim pushes nextAttemptAt past the attempt's timeout: if this instance dies mid-attempt,
    // another picks the delivery up then.
    const lease = new Date(now.getTime() + this.settings.timeoutMs + 30_000);
    const claimed = await this.prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" d
      SET "nextAttemptAt" = ${lease}::timestamptz, attempts = d.attempts + 1, "lastAttemptAt" = ${now}::timestamptz
      FROM "WebhookEndpoint" e
      WHERE e.id = d."endpointId" AND d.id IN (
        SELECT due.id FROM "WebhookDelivery" due
        JOIN "WebhookEndpoint" endpoint ON endpoint.id = due."endpointId" AND endpoint."disabledAt" IS NULL
        WHERE due.state = 'PENDING' AND due."nextAttemptAt" <= ${now}::timestamptz
        ORDER BY due."nextAttemptAt"
        LIMIT ${BATCH}
        FOR UPDATE OF due SKIP LOCKED)
      RETURNING d.id, d."endpointId", e.url, e.secret, d."idempotencyKey", d.payload, d.attempts, d."createdAt"`;
    await Promise.all(claimed.map((delivery) => this.attempt(delivery, now)));
    return claimed.length;
  }

  private async attempt(delivery: Claimed, now: Date): Promise<void> {
    const outcome = await postSigned(delivery.url, JSON.stringify(delivery.payload), {
      secret: delivery.secret,
      idempotencyKey: delivery.idempotencyKey,
      allowList: this.settings.allowList,
      timeoutMs: this.settings.timeoutMs,
      now,
    });
    if (outcome.ok) await this.recordSuccess(delivery, outcome);
    else await this.recordFailure(delivery, outcome);
  }

  private async recordSuccess(delivery: Claimed, outcome: Attempt): Promise<void> {
    const now = this.settings.now();
    await this.prisma.$transaction([
      this.prisma.webhookDelivery.update({
        where: { id: delivery.id },
        data: {
          state: "DELIVERED",
          deliveredAt: now,
          nextAttemptAt: null,
          responseStatus: outcome.status,
          responseTimeMs: outcome.ms,
          lastError: null,
        },
      }),
      this.prisma.webhookEndpoint.update({ where: { id: delivery.endpointId }, data: { failingSince: null } }),
    ]);
  }

  private async recordFailure(delivery: Claimed, outcome: Attempt): Promise<void> {
    const now = this.settings.now();
    const { retryWindowMs } = this.settings;
    const givingUp = now.getTime() - delivery.createdAt.getTime() >= retryWindowMs;
    await this.prisma.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        state: givingUp ? "FAILED" : "PENDING",
        nextAttemptAt: givingUp ? null : new Date(now.getTime() + retryDelay(this.settings, delivery.attempts)),
        responseStatus: outcome.status,
        responseTimeMs: outcome.ms,
        lastError: outcome.error?.slice(0, 1000),
      },
    });
    // One statement decides, so of two instances failing at once only one disables the endpoint (and tells its admins).
    const failingSince = new Date(now.getTime() - retryWindowMs);
    const reason = `Disabled after failing for ${Math.round(retryWindowMs / 3_600_000)} h: ${outcome.error ?? "no answer"}`;
    const disabled = await this.prisma.$queryRaw<{ id: string; url: string }[]>`
      UPDATE "WebhookEndpoint"
      SET "failingSince" = COALESCE("failingSince", ${now}::timestamptz),
        "disabledAt" = CASE WHEN "failingSince" <= ${failingSince}::timestamptz THEN ${now}::timestamptz END,
        "disabledReason" = CASE WHEN "failingSince" <= ${failingSince}::timestamptz THEN ${reason.slice(0, 500)}::text END
      WHERE id = ${delivery.endpointId}::uuid AND "disabledAt" IS NULL
      RETURNING id, url, "disabledAt" IS NOT NULL AS disabled`;
    const endpoint = disabled[0] as { id: string; url: string; disabled?: boolean } | undefined;
    if (endpoint?.disabled) {
      this.logger.warn({ component: "webhooks", endpoint: endpoint.url }, reason);
      await this.onEndpointDisabled({ id: endpoint.id, url: endpoint.url, reason });
    }
  }
}
