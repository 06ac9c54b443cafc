// One attempt at one delivery, run by the job queue: post it, record the outcome, and queue the
// next attempt (exponential backoff) in the same transaction — or give up after the retry window.
import type { PrismaClient } from "@engagement-tracker/db";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { Logger } from "../operations/index.ts";
import { postSigned, type Attempt } from "./signed-post.ts";
import { retryDelay, type WebhookSettings } from "./webhook-settings.ts";

export interface DeliveryEnvironment {
  prisma: PrismaClient;
  jobs: JobQueue;
  logger: Logger;
  now: () => Date;
  settings: WebhookSettings;
}

export async function attemptDelivery(environment: DeliveryEnvironment, deliveryId: string): Promise<void> {
  const { prisma, settings, now } = environment;
  const delivery = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId }, include: { endpoint: true } });
  // Delivered already (a job that ran twice), or deleted with its endpoint.
  if (!delivery || delivery.state !== "PENDING") return;
  const { endpoint } = delivery;
  if (endpoint.disabledAt) {
    await prisma.webhookDelivery.update({
      where: { id: deliveryId },
      data: { state: "FAILED", nextAttemptAt: null, lastError: "Not sent: the endpoint is disabled." },
    });
    return;
  }
  const attemptedAt = now();
  const outcome = await postSigned(endpoint.url, JSON.stringify(delivery.payload), {
    secret: endpoint.secret,
    idempotencyKey: delivery.idempotencyKey,
    allowList: settings.allowList,
    timeoutMs: settings.timeoutMs,
    now: attemptedAt,
  });
  const attempts = delivery.attempts + 1;
  const answer = {
    attempts,
    lastAttemptAt: attemptedAt,
    responseStatus: outcome.status,
    responseTimeMs: outcome.ms,
    lastError: outcome.error?.slice(0, 1000) ?? null,
  };
  if (outcome.ok) {
    await prisma.$transaction([
      prisma.webhookDelivery.update({
        where: { id: deliveryId },
        data: { ...answer, state: "DELIVERED", deliveredAt: now(), nextAttemptAt: null },
      }),
      prisma.webhookEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } }),
    ]);
    return;
  }
  await recordFailure(
    environment,
    { id: deliveryId, createdAt: delivery.createdAt, endpointId: endpoint.id },
    answer,
    outcome,
  );
}

async function recordFailure(
  { prisma, jobs, settings, now, logger }: DeliveryEnvironment,
  delivery: { id: string; createdAt: Date; endpointId: string },
  answer: { attempts: number },
  outcome: Attempt,
): Promise<void> {
  const failedAt = now();
  const givingUp = failedAt.getTime() - delivery.createdAt.getTime() >= settings.retryWindowMs;
  const delay = retryDelay(settings, answer.attempts);
  const windowStart = new Date(failedAt.getTime() - settings.retryWindowMs);
  const reason = `Disabled after failing for ${Math.round(settings.retryWindowMs / 3_600_000)} h: ${outcome.error ?? "no answer"}`;
  const disabled = await prisma.$transaction(async (tx) => {
    await tx.webhookDelivery.update({
      where: { id: delivery.id },
      data: {
        ...answer,
        state: givingUp ? "FAILED" : "PENDING",
        nextAttemptAt: givingUp ? null : new Date(failedAt.getTime() + delay),
      },
    });
    // The queue's clock is the real one, whatever `now` says.
    if (!givingUp)
      await jobs.send(
        "webhooks.deliver",
        { deliveryId: delivery.id },
        { tx, startAfter: new Date(Date.now() + delay) },
      );
    // One statement decides, so of two deliveries failing at once only one disables the endpoint (and tells the admins).
    const [endpoint] = await tx.$queryRaw<{ url: string; disabled: boolean }[]>`
      UPDATE "WebhookEndpoint"
      SET "failingSince" = COALESCE("failingSince", ${failedAt}::timestamptz),
        "disabledAt" = CASE WHEN "failingSince" <= ${windowStart}::timestamptz THEN ${failedAt}::timestamptz END,
        "disabledReason" = CASE WHEN "failingSince" <= ${windowStart}::timestamptz THEN ${reason.slice(0, 500)}::text END
      WHERE id = ${delivery.endpointId}::uuid AND "disabledAt" IS NULL
      RETURNING url, "disabledAt" IS NOT NULL AS disabled`;
    if (!endpoint?.disabled) return null;
    const admins = await tx.user.findMany({ where: { role: "ADMIN", disabledAt: null }, select: { id: true } });
    for (const admin of admins) {
      await jobs.send("webhooks.tell-admin", { userId: admin.id, url: endpoint.url, reason }, { tx });
    }
    return endpoint.url;
  });
  if (disabled) logger.warn({ component: "webhooks", endpoint: disabled }, reason);
}
