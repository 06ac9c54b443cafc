// The webhooks' background work: turn each change into deliveries, and attempt them.
import type { JobEvents, JobQueue } from "../jobs/job-queue.ts";
import { attemptDelivery, type DeliveryEnvironment } from "./webhook-delivery.ts";
import type { Mailer } from "../mail/mailer.ts";
import { endpointDisabledMail } from "./webhook-mail.ts";
import { alertPayload, changePayload, enqueueDeliveries } from "./webhook-outbox.ts";
import { ATTEMPT_EXPIRY_SECONDS, type WebhookSettings } from "./webhook-settings.ts";

declare module "../jobs/job-queue.ts" {
  interface JobPayloads {
    /** A change to deliver to the endpoints that want every change. */
    "webhooks.changed": JobEvents["engagement.changed"];
    /** An alert to deliver to the endpoints that want alerts. */
    "webhooks.alert": JobEvents["alert.recorded"];
    /** E-mails one admin that an endpoint was disabled after failing for the whole retry window. */
    "webhooks.tell-admin": { userId: string; url: string; reason: string };
  }
}

/** What the jobs use of the JobEnvironment (jobs/job-workers.ts, which lists this module). */
type WebhookJobEnvironment = Omit<DeliveryEnvironment, "settings"> & {
  webhooks: WebhookSettings;
  mailer: Mailer | null;
  settings: { dashboardUrl: string };
};

/** Retries for the SMTP server, whose outages are usually short. */
const MAIL_RETRIES = { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600 };

export const webhookJobs = {
  declare(jobs: JobQueue) {
    // A lost attempt (its process died) is run again; a failed one queues its own retry (webhook-delivery.ts).
    jobs.define("webhooks.deliver", { retryLimit: 3, retryDelay: 5, expireInSeconds: ATTEMPT_EXPIRY_SECONDS });
    jobs.define("webhooks.changed", { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    jobs.define("webhooks.alert", { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    jobs.define("webhooks.tell-admin", MAIL_RETRIES);
    jobs.subscribe("engagement.changed", "webhooks.changed");
    jobs.subscribe("alert.recorded", "webhooks.alert");
  },
  async work({ prisma, jobs, logger, now, mailer, settings, webhooks }: WebhookJobEnvironment) {
    await jobs.work("webhooks.changed", async ({ sequence }) => {
      const event = await prisma.engagementEvent.findUnique({ where: { sequence: BigInt(sequence) } });
      if (!event) return;
      const { key, payload } = changePayload(event);
      await prisma.$transaction((tx) => enqueueDeliveries(tx, jobs, "CHANGES", key, payload));
    });
    await jobs.work("webhooks.alert", async ({ alertId }) => {
      const alert = await prisma.alert.findUnique({
        where: { id: alertId },
        include: { engagement: { select: { title: true, status: true } } },
      });
      // One user's due-soon window is that user's preference, not news for other systems.
      if (!alert || alert.userId) return;
      const { engagement, ...row } = alert;
      const { key, payload } = alertPayload(row, engagement);
      await prisma.$transaction((tx) => enqueueDeliveries(tx, jobs, "ALERTS", key, payload));
    });
    await jobs.work("webhooks.tell-admin", async ({ userId, url, reason }) => {
      const admin = await prisma.user.findUnique({ where: { id: userId } });
      // Without e-mail the admins learn it from /admin/webhooks (and the log says it).
      if (!mailer || !admin || admin.disabledAt) return;
      await mailer.send({ to: admin.email, ...endpointDisabledMail(url, reason, settings.dashboardUrl) });
    });
    const environment = { prisma, jobs, logger, now, settings: webhooks };
    await jobs.work("webhooks.deliver", ({ deliveryId }) => attemptDelivery(environment, deliveryId), {
      concurrency: 5,
    });
  },
};
