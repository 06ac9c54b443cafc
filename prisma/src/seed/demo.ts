import { EngagementEventKind, type Prisma, type PrismaClient } from "../../generated/prisma/client.ts";
import { DEMO_CALENDAR_DAY, demoEngagements, type DemoEngagement } from "./demo-engagements.ts";
import { ensureDemoAlertPreferences } from "./demo-alerts.ts";
import { ensureDemoViews } from "./demo-views.ts";
import { assertValidHistory, calendarDate, DAY_MS } from "./lifecycle.ts";
import { ensureReferenceData, type ReferenceIds } from "./reference-data.ts";

export interface SeedResult {
  /** Rows inserted across all tables; 0 when everything was already there. */
  created: number;
}

export interface SeedOptions {
  /** The day the demo calendar is seen from (UTC midnight); today by default. */
  today?: Date;
}

/**
 * Loads the demo users and their alert settings, series, organizations, engagements and shared
 * views, their dates moved so they read the same from `today` as from DEMO_CALENDAR_DAY
 * (historical events keep theirs). Idempotent:
 * rows are matched on natural keys (email, short name, name + country, engagement title, view name
 * + owner) and
 * only missing ones are created, so a re-run, on any day, creates nothing and never overwrites edits.
 */
export async function seedDemoData(
  prisma: PrismaClient,
  { today = utcToday() }: SeedOptions = {},
): Promise<SeedResult> {
  const shiftDays = Math.round((today.getTime() - calendarDate(DEMO_CALENDAR_DAY).getTime()) / DAY_MS);
  // PGlite needs a few seconds for the ~200 statements; the default 5 s is too tight.
  return prisma.$transaction(
    async (tx) => {
      const reference = await ensureReferenceData(tx);
      let created = reference.created;
      for (const engagement of demoEngagements) {
        const existing = await tx.engagement.findFirst({ where: { title: engagement.title }, select: { id: true } });
        if (existing) continue;
        const dated = engagement.fixedDates ? engagement : movedBy(engagement, shiftDays);
        await tx.engagement.create({ data: engagementData(dated, reference.ids) });
        created += 1 + engagement.participants.length + engagement.milestones.length + engagement.history.length;
      }
      created += await ensureDemoViews(tx, reference.ids);
      created += await ensureDemoAlertPreferences(tx, reference.ids);
      return { created };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function utcToday(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** The engagement `days` later: its window, milestones and history all move together. */
function movedBy(engagement: DemoEngagement, days: number): DemoEngagement {
  const instant = (iso: string) => new Date(new Date(iso).getTime() + days * DAY_MS).toISOString();
  const date = (iso: string) => instant(`${iso}T00:00:00.000Z`).slice(0, 10);
  return {
    ...engagement,
    startsOn: date(engagement.startsOn),
    endsOn: date(engagement.endsOn),
    milestones: engagement.milestones.map((milestone) => ({
      ...milestone,
      dueOn: date(milestone.dueOn),
      completedAt: milestone.completedAt && instant(milestone.completedAt),
    })),
    history: engagement.history.map((step) => ({ ...step, at: instant(step.at) })),
    comments: engagement.comments?.map((comment) => ({ ...comment, at: instant(comment.at) })),
  };
}

function engagementData(engagement: DemoEngagement, ids: ReferenceIds): Prisma.EngagementCreateInput {
  const history = engagement.history.map((step) => ({ ...step, at: new Date(step.at) }));
  assertValidHistory(engagement.title, history);
  const createdAt = history[0]!.at;
  const lastChange = history[history.length - 1]!;
  const owner = engagement.owner ?? history[0]!.by;

  const milestones = engagement.milestones.map((milestone) => {
    const completedAt = milestone.completedAt ? new Date(milestone.completedAt) : null;
    if (completedAt && completedAt < createdAt) {
      throw new Error(`${engagement.title}: "${milestone.title}" is completed before the engagement existed`);
    }
    return {
      title: milestone.title,
      dueOn: calendarDate(milestone.dueOn),
      note: milestone.note ?? null,
      completedAt,
      // The desk officer who opened the engagement keeps its milestones.
      completedBy: completedAt ? { connect: { id: ids.users[history[0]!.by] } } : undefined,
      owner: { connect: { id: ids.users[owner] } },
      createdAt,
      updatedAt: completedAt ?? createdAt,
    };
  });
  const comments = (engagement.comments ?? []).map((comment) => {
    const at = new Date(comment.at);
    if (at < lastChange.at) throw new Error(`${engagement.title}: a comment comes before the last status move`);
    const author = { connect: { id: ids.users[comment.by] } };
    return {
      row: {
        author,
        body: comment.body,
        createdAt: at,
        mentions: { create: (comment.mentions ?? []).map((key) => ({ user: { connect: { id: ids.users[key] } } })) },
      },
      // A comment leaves the engagement's version as it is.
      event: {
        kind: EngagementEventKind.COMMENTED,
        version: history.length,
        actor: author,
        changes: { comment: { body: comment.body } },
        at,
      },
    };
  });
  const lastWrite = [lastChange.at, ...milestones.map((milestone) => milestone.updatedAt)].reduce((latest, at) =>
    at > latest ? at : latest,
  );

  return {
    title: engagement.title,
    kind: engagement.kind,
    series: engagement.series ? { connect: { id: ids.series[engagement.series] } } : undefined,
    owner: { connect: { id: ids.users[owner] } },
    coOwners: { create: (engagement.coOwners ?? []).map((key) => ({ user: { connect: { id: ids.users[key] } } })) },
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
    comments: { create: comments.map(({ row }) => row) },
    // The audit trail the activity timeline reads: the creation, each status move, then the comments.
    events: {
      create: [
        ...history.map((step, index) => ({
          kind: index === 0 ? EngagementEventKind.CREATED : EngagementEventKind.STATUS_CHANGED,
          version: index + 1,
          actor: { connect: { id: ids.users[step.by] } },
          changes:
            index === 0
              ? {}
              : { status: { from: history[index - 1]!.to, to: step.to }, ...(step.reason && { reason: step.reason }) },
          at: step.at,
        })),
        ...comments.map(({ event }) => event),
      ],
    },
  };
}
