import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import { demoEngagements, type DemoEngagement } from "./demo-engagements.ts";
import { assertValidHistory, calendarDate } from "./lifecycle.ts";
import { ensureReferenceData, type ReferenceIds } from "./reference-data.ts";

export interface SeedResult {
  /** Rows inserted across all tables; 0 when everything was already there. */
  created: number;
}

/**
 * Loads the demo users, series, organizations and engagements. Idempotent: rows are
 * matched on natural keys (email, short name, name + country, engagement title) and
 * only missing ones are created, so a re-run creates nothing and never overwrites edits.
 */
export async function seedDemoData(prisma: PrismaClient): Promise<SeedResult> {
  // PGlite needs a few seconds for the ~200 statements; the default 5 s is too tight.
  return prisma.$transaction(
    async (tx) => {
      const reference = await ensureReferenceData(tx);
      let created = reference.created;
      for (const engagement of demoEngagements) {
        const existing = await tx.engagement.findFirst({ where: { title: engagement.title }, select: { id: true } });
        if (existing) continue;
        await tx.engagement.create({ data: engagementData(engagement, reference.ids) });
        created += 1 + engagement.participants.length + engagement.milestones.length + engagement.history.length;
      }
      return { created };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function engagementData(engagement: DemoEngagement, ids: ReferenceIds): Prisma.EngagementCreateInput {
  const history = engagement.history.map((step) => ({ ...step, at: new Date(step.at) }));
  assertValidHistory(engagement.title, history);
  const createdAt = history[0]!.at;
  const lastChange = history[history.length - 1]!;

  const milestones = engagement.milestones.map((milestone) => {
    const completedAt = milestone.completedAt ? new Date(milestone.completedAt) : null;
    if (completedAt && completedAt < createdAt) {
      throw new Error(`${engagement.title}: "${milestone.title}" is completed before the engagement existed`);
    }
    return {
      title: milestone.title,
      dueOn: calendarDate(milestone.dueOn),
      completedAt,
      createdAt,
      updatedAt: completedAt ?? createdAt,
    };
  });
  const lastWrite = [lastChange.at, ...milestones.map((milestone) => milestone.updatedAt)].reduce((latest, at) =>
    at > latest ? at : latest,
  );

  return {
    title: engagement.title,
    kind: engagement.kind,
    series: engagement.series ? { connect: { id: ids.series[engagement.series] } } : undefined,
    round: engagement.round ?? null,
    status: lastChange.to,
    startsOn: calendarDate(engagement.startsOn),
    endsOn: calendarDate(engagement.endsOn),
    locationName: engagement.locationName,
    region: engagement.region ?? null,
    country: engagement.country,
    hostCountry: engagement.hostCountry,
    summary: engagement.summary,
    objectives: engagement.objectives,
    outcome: engagement.outcome ?? null,
    // Each status change was one write to the engagement.
    version: history.length,
    createdAt,
    updatedAt: lastWrite,
    participations: {
      create: engagement.participants.map((participant) => ({
        organization: { connect: { id: ids.organizations[participant.organization] } },
        role: participant.role,
      })),
    },
    milestones: { create: milestones },
    statusChanges: {
      create: history.map((step, index) => ({
        fromStatus: history[index - 1]?.to ?? null,
        toStatus: step.to,
        reason: step.reason ?? null,
        actor: { connect: { id: ids.users[step.by] } },
        at: step.at,
      })),
    },
  };
}
