// The webhooks' background work: turn each change into deliveries, and attempt them.
import type { JobEvents, JobQueue } from "../jobs/job-queue.ts";
import { attemptDelivery, type DeliveryEnvironment } from "./webhook-delivery.ts";
import { changePayload, enqueueDeliveries } from "./webhook-outbox.ts";
import { ATTEMPT_EXPIRY_SECONDS, type WebhookSettings } from "./webhook-settings.ts";

declare module "../jobs/job-queue.ts" {
  interface JobPayloads {
    /** A change to deliver to the endpoints that want every change. */
    "webhooks.changed": JobEvents["engagement.changed"];
  }
}

/** What the jobs use of the JobEnvironment (jobs/job-workers.ts, which lists this module). */
type WebhookJobEnvironment = Omit<DeliveryEnvironment, "settings" | "onEndpointDisabled"> & {
  webhooks: WebhookSettings;
};

export const webhookJobs = {
  declare(jobs: JobQueue) {
    // A lost attempt (its process died) is run again; a failed one queues its own retry (webhook-delivery.ts).
    jobs.define("webhooks.deliver", { retryLimit: 3, retryDelay: 5, expireInSeconds: ATTEMPT_EXPIRY_SECONDS });
    jobs.define("webhooks.changed", { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    jobs.subscribe("engagement.changed", "webhooks.changed");
  },
  async work({ prisma, jobs, logger, now, webhooks: settings }: WebhookJobEnvironment) {
    await jobs.work("webhooks.changed", async ({ sequence }) => {
      const event = await prisma.engagementEvent.findUnique({ where: { sequence: BigInt(sequence) } });
      if (!event) return;
      const { key, payload } = changePayload(event);
      await prisma.$transaction((tx) => enqueueDeliveries(tx, jobs, "CHANGES", key, payload));
    });
    const environment = { prisma, jobs, logger, now, settings, onEndpointDisabled: async () => {} };
    await jobs.work("webhooks.deliver", ({ deliveryId }) => attemptDelivery(environment, deliveryId), {
      concurrency: 5,
    });
  },
};
