import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EngagementStatus, type PrismaClient } from "../../generated/prisma/client.ts";
import { openDatabase, type Database } from "../database.ts";
import { applyMigrations } from "../migrations/index.ts";
import { DEMO_CALENDAR_DAY, seedDemoData, seedSyntheticData, SYNTHETIC_TITLE_PREFIX } from "./index.ts";

const openDatabases: Database[] = [];

async function freshDatabase(): Promise<PrismaClient> {
  const db = await openDatabase({ kind: "pglite", dataDir: "memory://" });
  openDatabases.push(db);
  await applyMigrations(db);
  return db.prisma;
}

afterAll(async () => {
  await Promise.all(openDatabases.map((db) => db.close()));
});

async function rowCounts(prisma: PrismaClient) {
  const [users, series, organizations, engagements, participations, milestones, statusChanges, views, pins, alerts] =
    await Promise.all([
      prisma.user.count(),
      prisma.series.count(),
      prisma.organization.count(),
      prisma.engagement.count(),
      prisma.participation.count(),
      prisma.milestone.count(),
      prisma.statusChange.count(),
      prisma.savedView.count(),
      prisma.savedViewPin.count(),
      prisma.alertPreference.count(),
    ]);
  return { users, series, organizations, engagements, participations, milestones, statusChanges, views, pins, alerts };
}

async function historyMismatches(prisma: PrismaClient): Promise<string[]> {
  const engagements = await prisma.engagement.findMany({
    select: { title: true, status: true, version: true, statusChanges: { orderBy: { at: "asc" } } },
  });
  return engagements
    .filter((engagement) => {
      const history = engagement.statusChanges;
      const chained = history.every((change, index) => change.fromStatus === (history[index - 1]?.toStatus ?? null));
      return !chained || history.at(-1)?.toStatus !== engagement.status || engagement.version !== history.length;
    })
    .map((engagement) => engagement.title);
}

const day = (isoDate: string) => new Date(`${isoDate}T00:00:00.000Z`);
const DAY_MS = 86_400_000;

// Seen from the day the demo calendar is written for, the brief's dates hold exactly.
describe("seedDemoData", () => {
  let prisma: PrismaClient;
  let firstRun: { created: number };

  beforeAll(async () => {
    prisma = await freshDatabase();
    firstRun = await seedDemoData(prisma, { today: day(DEMO_CALENDAR_DAY) });
  });

  it("creates nothing the second time, even on a later day", async () => {
    const before = await rowCounts(prisma);
    expect(firstRun.created).toBe(Object.values(before).reduce((sum, count) => sum + count, 0));

    expect(await seedDemoData(prisma, { today: day(DEMO_CALENDAR_DAY) })).toEqual({ created: 0 });
    expect(await seedDemoData(prisma, { today: day("2027-08-01") })).toEqual({ created: 0 });
    expect(await rowCounts(prisma)).toEqual(before);
  });

  it("shares a view of the MMCA series' upcoming engagements, pinned by its owner, and leaves it as its owner changed it", async () => {
    const view = await prisma.savedView.findFirstOrThrow({
      where: { name: "MMCA preparation" },
      include: { user: true, pins: { include: { user: true } } },
    });
    const mmca = await prisma.series.findUniqueOrThrow({ where: { shortName: "MMCA" } });
    expect(view).toMatchObject({ shared: true, user: { name: "Lt. Col. Dana Mercer" } });
    expect(view.filter).toEqual({
      seriesIds: [Buffer.from(`Series:${mmca.id}`).toString("base64")],
      upcoming: true,
    });
    expect(view.pins.map((pin) => pin.user.name)).toEqual(["Lt. Col. Dana Mercer"]);

    // Its owner unpins it and changes its filter: a later run leaves it as they left it.
    await prisma.savedViewPin.deleteMany({ where: { viewId: view.id } });
    await prisma.savedView.update({ where: { id: view.id }, data: { filter: { seriesIds: [] } } });
    expect(await seedDemoData(prisma, { today: day(DEMO_CALENDAR_DAY) })).toEqual({ created: 0 });
    expect(await prisma.savedView.findUniqueOrThrow({ where: { id: view.id } })).toMatchObject({
      filter: { seriesIds: [] },
    });
    expect(await prisma.savedViewPin.count({ where: { viewId: view.id } })).toBe(0);
  });

  it("keeps each engagement's status and version in step with its history", async () => {
    expect(await historyMismatches(prisma)).toEqual([]);
  });

  it("represents every status", async () => {
    const statuses = await prisma.engagement.findMany({ distinct: ["status"], select: { status: true } });
    expect(statuses.map(({ status }) => status).sort()).toEqual(Object.values(EngagementStatus).sort());
  });

  it("holds the 17th Defense Policy Coordination Talks in Washington D.C.", async () => {
    const talks = await prisma.engagement.findFirstOrThrow({
      where: { series: { shortName: "DPCT" }, round: 17 },
      include: { participations: { include: { organization: true } } },
    });
    expect(talks).toMatchObject({
      kind: "DIALOGUE",
      status: "COMPLETED",
      locationName: "Washington, D.C.",
      country: "US",
      startsOn: day("2024-01-08"),
    });
    expect(talks.outcome).toBeTruthy();
    expect(talks.participations.map((p) => p.organization.shortName)).toEqual(
      expect.arrayContaining(["OSD", "CMC OIMC"]),
    );
  });

  it("holds the upcoming MMCA meeting, at risk from a slipped milestone", async () => {
    const meeting = await prisma.engagement.findFirstOrThrow({
      where: { series: { shortName: "MMCA" }, startsOn: { gt: day(DEMO_CALENDAR_DAY) } },
      include: { milestones: true },
    });
    expect(meeting.kind).toBe("CONSULTATION");
    expect(meeting.status).toBe("CONFIRMED");
    const slipped = meeting.milestones.filter((m) => m.completedAt === null && m.dueOn < day(DEMO_CALENDAR_DAY));
    expect(slipped.map((m) => m.title)).toEqual(["Working-group papers circulated"]);
  });

  it("holds the January 5–19 site surveys in Guangxi and Hunan with DPAA", async () => {
    const surveys = await prisma.engagement.findMany({
      where: { kind: "SITE_SURVEY" },
      orderBy: { startsOn: "asc" },
      include: { participations: { include: { organization: true } } },
    });
    expect(surveys.map(({ region, country, hostCountry }) => ({ region, country, hostCountry }))).toEqual([
      { region: "Guangxi Zhuang Autonomous Region", country: "CN", hostCountry: "CN" },
      { region: "Hunan Province", country: "CN", hostCountry: "CN" },
    ]);
    expect(surveys[0]!.startsOn).toEqual(day("2027-01-05"));
    expect(surveys[1]!.endsOn).toEqual(day("2027-01-19"));
    for (const survey of surveys) {
      expect(survey.participations).toContainEqual(
        expect.objectContaining({ role: "DELEGATION", organization: expect.objectContaining({ shortName: "DPAA" }) }),
      );
    }
  });
});

describe("seedDemoData on a later day", () => {
  const engagementsSeenFrom = async (today: string) => {
    const prisma = await freshDatabase();
    await seedDemoData(prisma, { today: day(today) });
    return prisma.engagement.findMany({
      orderBy: { title: "asc" },
      select: {
        title: true,
        status: true,
        startsOn: true,
        endsOn: true,
        milestones: { select: { dueOn: true, completedAt: true }, orderBy: { title: "asc" } },
        statusChanges: { select: { at: true }, orderBy: { at: "asc" } },
      },
    });
  };

  it("moves the calendar with the day it runs, keeping the 17th talks of January 2024 where they were", async () => {
    const laterDay = "2027-11-29";
    const shift = (date: Date | null, days: number) => date && new Date(date.getTime() + days * DAY_MS);
    const [asWritten, later] = await Promise.all([
      engagementsSeenFrom(DEMO_CALENDAR_DAY),
      engagementsSeenFrom(laterDay),
    ]);
    const days = (day(laterDay).getTime() - day(DEMO_CALENDAR_DAY).getTime()) / DAY_MS;
    const fixed = ["17th China-U.S. Defense Policy Coordination Talks"];
    expect(later.map(({ title }) => title)).toEqual(asWritten.map(({ title }) => title));
    for (const [index, written] of asWritten.entries()) {
      const moved = fixed.includes(written.title) || written.startsOn.getUTCFullYear() < 2026 ? 0 : days;
      expect(later[index], written.title).toEqual({
        ...written,
        startsOn: shift(written.startsOn, moved),
        endsOn: shift(written.endsOn, moved),
        milestones: written.milestones.map((m) => ({
          dueOn: shift(m.dueOn, moved),
          completedAt: shift(m.completedAt, moved),
        })),
        statusChanges: written.statusChanges.map((c) => ({ at: shift(c.at, moved) })),
      });
    }
    expect(later.find(({ title }) => title === fixed[0])!.startsOn).toEqual(day("2024-01-08"));
    const future = later.flatMap(({ title, statusChanges }) =>
      statusChanges.filter(({ at }) => at >= day(laterDay)).map(() => title),
    );
    expect(future).toEqual([]);
  });
});

describe("seedSyntheticData", () => {
  const count = 500;
  const syntheticEngagements = (prisma: PrismaClient) =>
    prisma.engagement.findMany({
      where: { title: { startsWith: SYNTHETIC_TITLE_PREFIX } },
      orderBy: { id: "asc" },
      select: { id: true, title: true, status: true, startsOn: true, endsOn: true },
    });

  it("generates the same engagements on every database, once", async () => {
    const [first, second] = await Promise.all([freshDatabase(), freshDatabase()]);
    await seedSyntheticData(first, { count });
    await seedSyntheticData(second, { count });

    const generated = await syntheticEngagements(first);
    expect(generated).toHaveLength(count);
    expect(await syntheticEngagements(second)).toEqual(generated);

    const counts = await rowCounts(first);
    expect(counts.participations).toBeGreaterThanOrEqual(count);
    expect(counts.participations).toBeLessThanOrEqual(4 * count);
    expect(counts.milestones).toBeLessThanOrEqual(5 * count);
    expect(counts.statusChanges).toBeGreaterThanOrEqual(count);
    expect(await historyMismatches(first)).toEqual([]);

    expect(await seedSyntheticData(first, { count })).toEqual({ created: 0 });
    expect(await rowCounts(first)).toEqual(counts);
  });

  it("extends a smaller run with the same engagements", async () => {
    const prisma = await freshDatabase();
    await seedSyntheticData(prisma, { count: 200, batchSize: 64 });
    const smaller = await syntheticEngagements(prisma);
    await seedSyntheticData(prisma, { count: 300, batchSize: 64 });
    const larger = await syntheticEngagements(prisma);
    expect(larger).toHaveLength(300);
    expect(larger).toEqual(expect.arrayContaining(smaller));
  });
});
