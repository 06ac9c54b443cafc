// The alerts' background jobs: evaluate on every change and on schedule, fan each alert out to its
// recipients, e-mail it (after quiet hours), and send the daily digest.
import { assessHealth, todayUtc } from "../engagements/health.ts";
import type { JobModule } from "../jobs/job-workers.ts";
import { digestItems } from "./alert-digest.ts";
import { alertMail, digestMail, quietHoursEnd } from "./alert-mail.ts";
import { AlertKind, AlertTiming } from "./alert-rules.ts";
import { engagementsToSweep, evaluateEngagement, followersOf, preferencesOf } from "./alert.service.ts";

declare module "../jobs/job-queue.ts" {
  interface JobEvents {
    /** An alert was raised (see evaluateEngagement): each alert channel subscribes a queue to it. */
    "alert.recorded": { alertId: string };
  }
  interface JobPayloads {
    "alerts.evaluate": JobEvents["engagement.changed"];
    "alerts.sweep": Record<string, never>;
    "alerts.fan-out": JobEvents["alert.recorded"];
    "alerts.email": { alertId: string; userId: string };
    "alerts.digest": Record<string, never>;
    "alerts.digest-to": { userId: string };
  }
}

/** Schedules, in UTC: the day (and so health) turns at midnight UTC, as `Dashboard.today` says. */
export const SWEEP_CRON = "*/5 * * * *";
export const MIDNIGHT_CRON = "0 0 * * *";

/** Retries for anything that talks to the SMTP server: its outages are usually short. */
const MAIL_RETRIES = { retryLimit: 8, retryDelay: 30, retryBackoff: true, retryDelayMax: 3600 };

export const alertJobs: JobModule = {
  declare(jobs) {
    jobs.define("alerts.evaluate", { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    jobs.define("alerts.sweep", { retryLimit: 2, retryDelay: 30 });
    jobs.define("alerts.fan-out", { retryLimit: 5, retryDelay: 5, retryBackoff: true });
    jobs.define("alerts.email", MAIL_RETRIES);
    jobs.define("alerts.digest", { retryLimit: 2, retryDelay: 60 });
    jobs.define("alerts.digest-to", MAIL_RETRIES);
    jobs.subscribe("engagement.changed", "alerts.evaluate");
    jobs.subscribe("alert.recorded", "alerts.fan-out");
  },

  async work({ prisma, jobs, now, mailer, settings }) {
    const today = () => todayUtc(now());

    await jobs.work("alerts.evaluate", async ({ engagementId, sequence }) => {
      await evaluateEngagement(prisma, jobs, { engagementId, today: today(), changeSequence: BigInt(sequence) });
    });

    await jobs.work("alerts.sweep", async () => {
      const day = today();
      for (const engagementId of await engagementsToSweep(prisma, day)) {
        await evaluateEngagement(prisma, jobs, { engagementId, today: day });
      }
    });
    await jobs.schedule("alerts.sweep", SWEEP_CRON, {}, { key: "every-few-minutes" });
    await jobs.schedule("alerts.sweep", MIDNIGHT_CRON, {}, { key: "midnight" });

    await jobs.work("alerts.fan-out", async ({ alertId }) => {
      const alert = await prisma.alert.findUnique({ where: { id: alertId } });
      if (!alert) return;
      const actor =
        alert.eventSequence === null
          ? null
          : (await prisma.engagementEvent.findUnique({ where: { sequence: alert.eventSequence } }))?.actorId;
      const followers = await followersOf(prisma, alert.engagementId);
      // Whoever made the change knows of it; a due-soon window is one user's.
      const reached = followers.filter((userId) => userId !== actor && (!alert.userId || userId === alert.userId));
      const preferences = await preferencesOf(prisma, reached);
      const wanting = reached.filter((userId) => preferences.get(userId)!.kinds.includes(alert.kind));
      await prisma.alertRecipient.createMany({
        data: wanting.map((userId) => ({ alertId, userId })),
        skipDuplicates: true,
      });
      if (!mailer) return;
      for (const userId of wanting) {
        const preference = preferences.get(userId)!;
        if (preference.timing !== AlertTiming.IMMEDIATE) continue;
        const startAfter = quietHoursEnd(preference, now()) ?? undefined;
        await jobs.send("alerts.email", { alertId, userId }, { startAfter });
      }
    });

    await jobs.work("alerts.email", async ({ alertId, userId }) => {
      if (!mailer) return;
      const recipient = await prisma.alertRecipient.findUnique({
        where: { alertId_userId: { alertId, userId } },
        include: {
          user: { select: { email: true, disabledAt: true } },
          alert: {
            include: {
              engagement: {
                include: { milestones: { where: { removedAt: null } } },
              },
            },
          },
        },
      });
      // Sent already (a retried job), or the user left since.
      if (!recipient || recipient.emailedAt || recipient.user.disabledAt) return;
      const { alert } = recipient;
      const { engagement } = alert;
      const milestone = engagement.milestones.find((candidate) => candidate.id === alert.milestoneId) ?? null;
      const healthKinds: AlertKind[] = [AlertKind.AT_RISK, AlertKind.OVERDUE];
      const message = alertMail(
        {
          kind: alert.kind,
          engagement,
          milestone,
          issues: healthKinds.includes(alert.kind) ? assessHealth(engagement, alert.day).issues : [],
        },
        settings.dashboardUrl,
      );
      await mailer.send({ to: recipient.user.email, ...message });
      await prisma.alertRecipient.update({
        where: { alertId_userId: { alertId, userId } },
        data: { emailedAt: now() },
      });
    });

    await jobs.work("alerts.digest", async () => {
      if (!mailer) return;
      const users = await prisma.alertPreference.findMany({
        where: { timing: AlertTiming.DIGEST, user: { disabledAt: null } },
        select: { userId: true },
      });
      for (const { userId } of users) await jobs.send("alerts.digest-to", { userId });
    });
    await jobs.schedule("alerts.digest", `0 ${settings.digestHourUtc} * * *`, {}, { key: "daily" });

    await jobs.work("alerts.digest-to", async ({ userId }) => {
      if (!mailer) return;
      const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
      if (!user || user.disabledAt) return;
      const day = today();
      const preferences = (await preferencesOf(prisma, [userId])).get(userId)!;
      const items = await digestItems(prisma, userId, day, preferences);
      if (!items.length) return;
      await mailer.send({ to: user.email, ...digestMail(items, day, settings.dashboardUrl) });
    });
  },
};
