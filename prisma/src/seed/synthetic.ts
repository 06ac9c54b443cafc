import {
  EngagementStatus,
  ParticipationRole,
  Role,
  type Engagement,
  type Milestone,
  type Participation,
  type PrismaClient,
  type StatusChange,
} from "../../generated/prisma/client.ts";
import { insertRows, type ColumnTypes } from "./bulk-insert.ts";
import type { SeedResult } from "./demo.ts";
import { assertValidHistory, calendarDate, DAY_MS, type HistoryStep } from "./lifecycle.ts";
import { SeededRandom } from "./random.ts";
import {
  durationDays,
  kindLabels,
  milestoneTitles,
  outcomes,
  reasons,
  resumedReason,
  topics,
  venues,
  venuesInChina,
} from "./synthetic-vocabulary.ts";
import { ensureReferenceData, seedOrganizations, seedUsers, entries, type ReferenceIds } from "./reference-data.ts";

/** Every synthetic title starts with this, so they are easy to find, filter out or delete. */
export const SYNTHETIC_TITLE_PREFIX = "[synthetic]";

export interface SyntheticOptions {
  count: number;
  /** Same seed, same data: titles, dates, statuses and ids. */
  seed?: number;
  /** Engagements written per transaction. */
  batchSize?: number;
  onProgress?: (written: number, count: number) => void;
}

/**
 * Statuses are decided against this day rather than the clock, so one seed gives the
 * same data on any day; seen from later days more of it simply turns overdue.
 */
const REFERENCE_DAY = calendarDate("2026-11-29").getTime();
const FIRST_START = calendarDate("2020-01-01").getTime();
const LAST_START = calendarDate("2030-12-31").getTime();

/** Goes into each id, so an engagement's rows never collide with each other. */
const RowTag = { Engagement: 0, Participation: 1, Milestone: 2, StatusChange: 3 } as const;
type RowTag = (typeof RowTag)[keyof typeof RowTag];

/** How likely a milestone is done, by the engagement's current status. */
const milestoneCompletionLikelihood: Record<EngagementStatus, number> = {
  PROPOSED: 0.1,
  PLANNED: 0.5,
  CONFIRMED: 0.9,
  IN_PROGRESS: 0.95,
  COMPLETED: 1,
  POSTPONED: 0.5,
  CANCELLED: 0.4,
};

const { PROPOSED, PLANNED, CONFIRMED, IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED } = EngagementStatus;
const forwardPath: EngagementStatus[] = [PROPOSED, PLANNED, CONFIRMED, IN_PROGRESS, COMPLETED];

// Only desk officers move engagements along.
const actors = entries(seedUsers)
  .filter(([, user]) => user.role === Role.EDITOR)
  .map(([key]) => key);

// Model types keep the rows in step with schema.prisma; the column lists must name every field.
type EngagementRow = Omit<Engagement, "round" | "archivedAt">;

const engagementColumns: ColumnTypes<EngagementRow> = {
  id: "uuid",
  title: "text",
  kind: '"EngagementKind"',
  seriesId: "uuid",
  ownerId: "uuid",
  status: '"EngagementStatus"',
  startsOn: "date",
  endsOn: "date",
  locationName: "text",
  region: "text",
  country: "text",
  hostCountry: "text",
  summary: "text",
  objectives: "text[]",
  outcome: "text",
  version: "integer",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
};
const participationColumns: ColumnTypes<Participation> = {
  id: "uuid",
  engagementId: "uuid",
  organizationId: "uuid",
  role: '"ParticipationRole"',
};
const milestoneColumns: ColumnTypes<Milestone> = {
  id: "uuid",
  engagementId: "uuid",
  title: "text",
  dueOn: "date",
  note: "text",
  completedAt: "timestamptz",
  completedById: "uuid",
  removedAt: "timestamptz",
  removedById: "uuid",
  ownerId: "uuid",
  createdAt: "timestamptz",
  updatedAt: "timestamptz",
};
const statusChangeColumns: ColumnTypes<StatusChange> = {
  id: "uuid",
  engagementId: "uuid",
  fromStatus: '"EngagementStatus"',
  toStatus: '"EngagementStatus"',
  reason: "text",
  actorId: "uuid",
  at: "timestamptz",
};

interface SyntheticBatch {
  engagements: EngagementRow[];
  participations: Participation[];
  milestones: Milestone[];
  statusChanges: StatusChange[];
}

/**
 * Writes `count` generated engagements with participants, milestones and a lifecycle-valid
 * status history, one transaction per batch, over the demo users, series and organizations
 * (created if missing). Ids derive from the seed and the position, so a re-run with the same
 * seed and count adds nothing, and a larger count only adds the tail.
 */
export async function seedSyntheticData(prisma: PrismaClient, options: SyntheticOptions): Promise<SeedResult> {
  const { count, seed = 1, batchSize = 2_000, onProgress } = options;
  if (!Number.isInteger(count) || count < 0) throw new Error(`count must be a whole number, got ${count}`);

  const reference = await prisma.$transaction((tx) => ensureReferenceData(tx));
  let created = reference.created;
  const generator = new SyntheticGenerator(seed, reference.ids);

  for (let first = 0; first < count; first += batchSize) {
    const batch = generator.batch(first, Math.min(first + batchSize, count));
    const ids = batch.engagements.map((engagement) => engagement.id);
    const present = await prisma.engagement.count({ where: { id: { in: ids } } });
    if (present < ids.length) {
      const inserted = await prisma.$transaction([
        insertRows(prisma, "Engagement", engagementColumns, batch.engagements),
        insertRows(prisma, "Participation", participationColumns, batch.participations),
        insertRows(prisma, "Milestone", milestoneColumns, batch.milestones),
        insertRows(prisma, "StatusChange", statusChangeColumns, batch.statusChanges),
      ]);
      created += inserted.reduce((sum, rows) => sum + rows, 0);
    }
    onProgress?.(first + ids.length, count);
  }
  return { created };
}

/** Engagements must be generated in order: each draws from the one random stream. */
class SyntheticGenerator {
  private readonly random: SeededRandom;
  private readonly idSeedBits: number;
  private next = 0;

  constructor(
    seed: number,
    private readonly ids: ReferenceIds,
  ) {
    this.random = new SeededRandom(seed);
    this.idSeedBits = Math.imul(seed, 0x9e3779b1) >>> 18;
  }

  batch(first: number, end: number): SyntheticBatch {
    if (first !== this.next) throw new Error(`synthetic engagements are generated in order; expected #${this.next}`);
    const batch: SyntheticBatch = { engagements: [], participations: [], milestones: [], statusChanges: [] };
    for (let index = first; index < end; index++) this.addEngagement(index, batch);
    this.next = end;
    return batch;
  }

  private addEngagement(index: number, batch: SyntheticBatch): void {
    const random = this.random;
    const topic = random.pick(topics);
    const kind = random.pick(topic.kinds);
    const venue = random.pick(topic.inChinaOnly ? venuesInChina : venues);
    const hostCountry = venue.country === "CN" || venue.country === "US" ? venue.country : random.pick(["CN", "US"]);

    const [shortest, longest] = durationDays[kind];
    const startsOn = FIRST_START + random.int(0, (LAST_START - FIRST_START) / DAY_MS) * DAY_MS;
    const endsOn = startsOn + (random.int(shortest, longest) - 1) * DAY_MS;
    let createdAt = startsOn - random.int(20, 240) * DAY_MS + random.int(0, DAY_MS - 1);
    if (createdAt >= REFERENCE_DAY - DAY_MS)
      createdAt = REFERENCE_DAY - random.int(2, 90) * DAY_MS + random.int(0, DAY_MS - 1);

    const history = this.history(startsOn, endsOn, createdAt);
    const title = `${SYNTHETIC_TITLE_PREFIX} ${topic.subject} ${kindLabels[kind]}, ${venue.city} #${String(index + 1).padStart(6, "0")}`;
    assertValidHistory(title, history);
    const status = history[history.length - 1]!.to;
    const id = this.id(createdAt, RowTag.Engagement, 0, index);

    const hostOptions = topic.organizations.filter((key) => seedOrganizations[key].country === hostCountry);
    const host = random.pick(hostOptions);
    const others = random.sample(
      topic.organizations.filter((key) => key !== host),
      random.int(0, 3),
    );
    [host, ...others].forEach((organization, ordinal) => {
      const role =
        ordinal === 0
          ? ParticipationRole.HOST
          : random.chance(0.1)
            ? ParticipationRole.OBSERVER
            : seedOrganizations[organization].country === hostCountry
              ? ParticipationRole.SUPPORT
              : ParticipationRole.DELEGATION;
      batch.participations.push({
        id: this.id(createdAt, RowTag.Participation, ordinal, index),
        engagementId: id,
        organizationId: this.ids.organizations[organization],
        role,
      });
    });

    let updatedAt = history[history.length - 1]!.at.getTime();
    const milestoneCount = random.int(0, 5);
    const spacingDays = random.int(5, 14);
    const chosenTitles = random
      .sample(milestoneTitles, milestoneCount)
      .sort((a, b) => milestoneTitles.indexOf(a) - milestoneTitles.indexOf(b));
    chosenTitles.forEach((milestoneTitle, ordinal) => {
      const dueOn = Math.max(
        startsOn - (milestoneCount - ordinal) * spacingDays * DAY_MS,
        createdAt - (createdAt % DAY_MS),
      );
      const completedAt = this.milestoneCompletion(status, dueOn, createdAt);
      if (completedAt !== null && completedAt > updatedAt) updatedAt = completedAt;
      batch.milestones.push({
        id: this.id(createdAt, RowTag.Milestone, ordinal, index),
        engagementId: id,
        title: milestoneTitle,
        dueOn: new Date(dueOn),
        note: null,
        completedAt: completedAt === null ? null : new Date(completedAt),
        completedById: null,
        removedAt: null,
        removedById: null,
        ownerId: null,
        createdAt: new Date(createdAt),
        updatedAt: new Date(completedAt ?? createdAt),
      });
    });

    history.forEach((step, ordinal) => {
      batch.statusChanges.push({
        id: this.id(createdAt, RowTag.StatusChange, ordinal, index),
        engagementId: id,
        fromStatus: history[ordinal - 1]?.to ?? null,
        toStatus: step.to,
        reason: step.reason ?? null,
        actorId: this.ids.users[random.pick(actors)],
        at: step.at,
      });
    });

    const seriesId = topic.series && random.chance(0.7) ? this.ids.series[topic.series] : null;
    batch.engagements.push({
      id,
      title,
      kind,
      seriesId,
      // By turn rather than drawn, so the rest of the generated data stays as it was.
      ownerId: this.ids.users[actors[index % actors.length]!],
      status,
      startsOn: new Date(startsOn),
      endsOn: new Date(endsOn),
      locationName: venue.city,
      region: venue.region,
      country: venue.country,
      hostCountry,
      summary: `${topic.summary} Hosted in ${venue.city}.`,
      objectives: random.sample(topic.objectives, random.int(1, 3)),
      outcome: status === COMPLETED ? random.pick(outcomes) : null,
      version: history.length,
      createdAt: new Date(createdAt),
      updatedAt: new Date(updatedAt),
    });
  }

  /** A lifecycle-valid history whose end state is plausible for where the window sits relative to the reference day. */
  private history(startsOn: number, endsOn: number, createdAt: number): HistoryStep[] {
    const random = this.random;
    const target: EngagementStatus =
      endsOn < REFERENCE_DAY
        ? random.weighted({ COMPLETED: 84, CANCELLED: 9, POSTPONED: 2, CONFIRMED: 2, IN_PROGRESS: 2, PLANNED: 1 })
        : startsOn < REFERENCE_DAY
          ? random.weighted({ IN_PROGRESS: 75, CONFIRMED: 15, POSTPONED: 10 })
          : random.weighted({ PROPOSED: 22, PLANNED: 30, CONFIRMED: 30, POSTPONED: 8, CANCELLED: 10 });

    let beforeStart: EngagementStatus[];
    if (target === POSTPONED) {
      beforeStart = [...forwardPath.slice(0, random.int(1, 3)), POSTPONED];
    } else if (target === CANCELLED) {
      beforeStart = [...forwardPath.slice(0, random.int(1, 3)), ...(random.chance(0.3) ? [POSTPONED] : []), CANCELLED];
    } else {
      beforeStart = forwardPath.slice(0, Math.min(forwardPath.indexOf(target) + 1, 3));
      // Some engagements slipped once and came back on the same dates.
      const resumeAt = beforeStart[beforeStart.length - 1]!;
      if (resumeAt !== PROPOSED && random.chance(0.12)) beforeStart.push(POSTPONED, resumeAt);
    }
    const afterStart = forwardPath.slice(3, forwardPath.indexOf(target) + 1);

    // Moves before the start are spread over the preparation time, in order; none lies after the reference day.
    const span = Math.min(startsOn, REFERENCE_DAY) - createdAt;
    const steps: HistoryStep[] = beforeStart.map((to, ordinal) => ({
      to,
      at: new Date(
        ordinal === 0
          ? createdAt
          : createdAt + Math.floor((span * (ordinal + 0.1 + 0.8 * random.next())) / beforeStart.length),
      ),
    }));
    for (const to of afterStart) {
      const at = to === IN_PROGRESS ? startsOn + random.int(1, 9) * 3_600_000 : endsOn + random.int(10, 20) * 3_600_000;
      steps.push({ to, at: new Date(at) });
    }
    steps.forEach((step, ordinal) => {
      step.reason = steps[ordinal - 1]?.to === POSTPONED ? resumedReason : random.pick(reasons[step.to]);
    });
    return steps;
  }

  private milestoneCompletion(status: EngagementStatus, dueOn: number, createdAt: number): number | null {
    const random = this.random;
    if (!random.chance(milestoneCompletionLikelihood[status])) return null;
    const completedAt = Math.max(dueOn - random.int(0, 4) * DAY_MS + random.int(0, DAY_MS - 1), createdAt + 3_600_000);
    return completedAt < REFERENCE_DAY ? completedAt : null;
  }

  /**
   * UUID-shaped ids in the UUIDv7 layout (creation time first, so they sort like the
   * database's own), made unique by construction: row kind and ordinal in the version
   * field, 14 bits of the seed and the engagement's position after the variant bits.
   */
  private id(createdAt: number, tag: RowTag, ordinal: number, index: number): string {
    const time = createdAt.toString(16).padStart(12, "0");
    const kindAndOrdinal = ((tag << 8) | ordinal).toString(16).padStart(3, "0");
    const seedBits = (0x8000 | this.idSeedBits).toString(16);
    return `${time.slice(0, 8)}-${time.slice(8)}-7${kindAndOrdinal}-${seedBits}-${index.toString(16).padStart(12, "0")}`;
  }
}
