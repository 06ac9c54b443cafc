import { seedDemoData } from "@engagement-tracker/db/seed";
import { graphql, type CreateCalendarFeedInput, type SaveViewInput } from "@engagement-tracker/schema";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globalIdOf } from "../common/node.ts";
import { createLogger } from "../operations/index.ts";
import { startTestApi, type ApiClient, type TestApi } from "../test/api.ts";

const CreateCalendarFeed = graphql(`
  mutation CreateCalendarFeed($input: CreateCalendarFeedInput!) {
    createCalendarFeed(input: $input) {
      path
      calendarFeed {
        id
        name
        prefix
        filtered
        revokedAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const RevokeCalendarFeed = graphql(`
  mutation RevokeCalendarFeed($input: RevokeCalendarFeedInput!) {
    revokeCalendarFeed(input: $input) {
      calendarFeed {
        revokedAt
      }
      errors {
        code
      }
    }
  }
`);

const CalendarFeeds = graphql(`
  query CalendarFeeds {
    calendarFeeds {
      name
      lastUsedAt
    }
  }
`);

const RetitleForFeed = graphql(`
  mutation RetitleForFeed($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      engagement {
        version
      }
      errors {
        code
      }
    }
  }
`);

const CancelForFeed = graphql(`
  mutation CancelForFeed($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      errors {
        code
      }
    }
  }
`);

const DisableForFeed = graphql(`
  mutation DisableForFeed($input: UpdateUserInput!) {
    updateUser(input: $input) {
      errors {
        code
      }
    }
  }
`);

const SaveViewForFeed = graphql(`
  mutation SaveViewForFeed($input: SaveViewInput!) {
    saveView(input: $input) {
      savedView {
        id
      }
      errors {
        code
      }
    }
  }
`);

const DeleteViewForFeed = graphql(`
  mutation DeleteViewForFeed($input: DeleteViewInput!) {
    deleteView(input: $input) {
      errors {
        code
      }
    }
  }
`);

const WhoHoldsFeedToken = graphql(`
  query WhoHoldsFeedToken {
    viewer {
      id
    }
  }
`);

const MMCA = "Military Maritime Consultative Agreement meeting, Honolulu";
const GUANGXI = "Joint site survey for missing WWII U.S. personnel, Guangxi Zhuang Autonomous Region";
const HUNAN = "Joint site survey for missing WWII U.S. personnel, Hunan Province";
const TALKS = "17th China-U.S. Defense Policy Coordination Talks";

interface ParsedEvent {
  uid: string;
  summary: string;
  start: string;
  /** Exclusive, as iCalendar writes all-day events. */
  end: string;
  allDay: boolean;
  status: string;
  sequence: number;
}

/** Reads a feed back with ical.js, as a calendar program would. */
function parseFeed(text: string): ParsedEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      end: event.endDate.toString(),
      allDay: event.startDate.isDate,
      status: String(component.getFirstPropertyValue("status")),
      sequence: event.sequence,
    };
  });
}

const eventTitled = (events: ParsedEvent[], title: string) => events.find((event) => event.summary === title)!;

describe("calendar feeds", () => {
  let api: TestApi;
  let editor: ApiClient;
  let base: string;
  const rawLog: string[] = [];

  const fetchFeed = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers });

  async function createFeed(client: ApiClient, input: CreateCalendarFeedInput) {
    const { createCalendarFeed } = await client.query(CreateCalendarFeed, { input });
    expect(createCalendarFeed.errors).toEqual([]);
    return { path: createCalendarFeed.path!, id: createCalendarFeed.calendarFeed!.id };
  }

  beforeAll(async () => {
    api = await startTestApi({
      logger: createLogger({ level: "trace", destination: { write: (line) => rawLog.push(line) } }),
    });
    await seedDemoData(api.prisma, { today: new Date("2026-11-29T00:00:00Z") });
    editor = await api.signedIn("EDITOR");
    base = new URL(api.url).origin;
  });
  afterAll(() => api.close());

  it("serves every engagement the owner can read as all-day events with the brief's dates, milestones included", async () => {
    const { path } = await createFeed(editor, { name: "Outlook" });
    expect(path).toMatch(/^\/calendar\/etc_[A-Za-z0-9_-]{43}\.ics$/);
    const response = await fetchFeed(path);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("etag")).toBeTruthy();
    expect(response.headers.get("last-modified")).toBeTruthy();
    const events = parseFeed(await response.text());
    expect(events.every((event) => event.allDay)).toBe(true);
    expect(eventTitled(events, MMCA)).toMatchObject({ start: "2026-12-15", end: "2026-12-18" });
    expect(eventTitled(events, GUANGXI)).toMatchObject({ start: "2027-01-05", end: "2027-01-13" });
    expect(eventTitled(events, HUNAN)).toMatchObject({ start: "2027-01-13", end: "2027-01-20" });
    expect(eventTitled(events, TALKS)).toMatchObject({ start: "2024-01-08", end: "2024-01-10", status: "CONFIRMED" });
    expect(eventTitled(events, `Interpretation and translated papers ready — ${MMCA}`)).toMatchObject({
      start: "2026-12-08",
      end: "2026-12-09",
    });
    const engagements = await api.prisma.engagement.count({ where: { archivedAt: null } });
    const milestones = await api.prisma.milestone.count({
      where: { removedAt: null, engagement: { archivedAt: null } },
    });
    expect(events).toHaveLength(engagements + milestones);
    expect(new Set(events.map((event) => event.uid)).size).toBe(events.length);
  });

  it("answers an unchanged poll with 304, and a change with a new ETag and a higher SEQUENCE", async () => {
    const { path } = await createFeed(editor, { name: "Thunderbird" });
    const first = await fetchFeed(path);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    const before = eventTitled(parseFeed(await first.text()), MMCA);

    const byTag = await fetchFeed(path, { "if-none-match": etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe("");
    expect((await fetchFeed(path, { "if-modified-since": lastModified })).status).toBe(304);

    const mmca = await api.prisma.engagement.findFirstOrThrow({ where: { title: MMCA } });
    const { updateEngagement } = await api.query(RetitleForFeed, {
      input: { id: globalIdOf("Engagement", mmca.id), summary: "Agenda now includes unsafe-encounter case reviews." },
    });
    expect(updateEngagement.errors).toEqual([]);

    const changed = await fetchFeed(path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
    const after = eventTitled(parseFeed(await changed.text()), MMCA);
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
  });

  it("shows a cancelled engagement, and its milestones, as cancelled", async () => {
    const { path } = await createFeed(editor, { name: "Phone" });
    const hunan = await api.prisma.engagement.findFirstOrThrow({ where: { title: HUNAN } });
    const { updateEngagementStatus } = await api.query(CancelForFeed, {
      input: { id: globalIdOf("Engagement", hunan.id), status: "CANCELLED", reason: "Access not granted in time." },
    });
    expect(updateEngagementStatus.errors).toEqual([]);
    const events = parseFeed(await (await fetchFeed(path)).text());
    const ofHunan = events.filter((event) => event.summary.endsWith(HUNAN));
    expect(ofHunan.length).toBeGreaterThan(1);
    expect(ofHunan.every((event) => event.status === "CANCELLED")).toBe(true);
  });

  it("follows the filter it was made with", async () => {
    const { path } = await createFeed(editor, { name: "Surveys", filter: { kinds: ["SITE_SURVEY"] } });
    const titles = parseFeed(await (await fetchFeed(path)).text())
      .filter((event) => !event.summary.includes(" — "))
      .map((event) => event.summary);
    expect(titles).toContain(GUANGXI);
    expect(titles).not.toContain(MMCA);
  });

  it("follows a saved view as it changes, and answers 404 once the view is unshared or deleted", async () => {
    const saveView = async (client: ApiClient, input: SaveViewInput) => {
      const saved = (await client.query(SaveViewForFeed, { input })).saveView;
      expect(saved.errors).toEqual([]);
      return saved.savedView!.id;
    };
    const viewId = await saveView(editor, { name: "Surveys", shared: true, filter: { kinds: ["SITE_SURVEY"] } });
    const viewer = await api.signedIn("VIEWER");
    const { path } = await createFeed(viewer, { name: "Shared surveys", viewId });
    const titlesOf = async (response: Response) =>
      parseFeed(await response.text())
        .filter((event) => !event.summary.includes(" — "))
        .map((event) => event.summary);
    const first = await fetchFeed(path);
    const etag = first.headers.get("etag")!;
    expect(await titlesOf(first)).toContain(GUANGXI);

    await saveView(editor, { id: viewId, filter: { kinds: ["CONSULTATION"] } });
    const changed = await fetchFeed(path, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    const titles = await titlesOf(changed);
    expect(titles).toContain(MMCA);
    expect(titles).not.toContain(GUANGXI);

    await saveView(editor, { id: viewId, shared: false });
    expect((await fetchFeed(path)).status).toBe(404);
    const own = await createFeed(editor, { name: "My surveys", viewId });
    expect((await fetchFeed(own.path)).status).toBe(200);
    await api.query(DeleteViewForFeed, { input: { id: viewId } });
    expect((await fetchFeed(own.path)).status).toBe(404);
  });

  it("refuses a name or a filter the API would refuse, with a typed error, and writes nothing", async () => {
    const before = await api.prisma.calendarFeed.count();
    const cases = [
      { input: { name: "" }, field: ["name"] },
      { input: { name: "x".repeat(101) }, field: ["name"] },
      { input: { name: "Bad country", filter: { countries: ["XX"] } }, field: ["filter"] },
      { input: { name: "Both", filter: {}, viewId: "U2F2ZWRWaWV3OjA=" }, field: ["viewId"] },
    ];
    for (const { input, field } of cases) {
      const { createCalendarFeed } = await editor.query(CreateCalendarFeed, { input });
      expect(createCalendarFeed.errors).toMatchObject([{ code: "VALIDATION", field }]);
      expect(createCalendarFeed.path).toBeNull();
    }
    expect(await api.prisma.calendarFeed.count()).toBe(before);
  });

  it("is created only from a signed-in session, not with an API token", async () => {
    const response = await api.request(CreateCalendarFeed, { input: { name: "Script" } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("answers a malformed, unknown or revoked token with a bare 404, and is no credential for the API", async () => {
    const { path, id } = await createFeed(editor, { name: "To revoke" });
    const token = path.slice("/calendar/".length, -".ics".length);
    expect((await api.withToken(token).query(WhoHoldsFeedToken)).viewer).toBeNull();

    const { revokeCalendarFeed } = await editor.query(RevokeCalendarFeed, { input: { id } });
    expect(revokeCalendarFeed.calendarFeed?.revokedAt).toBeTruthy();
    const unknown = `/calendar/etc_${"A".repeat(43)}.ics`;
    for (const wrong of [path, unknown, "/calendar/etc_short.ics", "/calendar/nothing", `/calendar/${token}`]) {
      const response = await fetchFeed(wrong);
      expect(response.status, wrong).toBe(404);
      expect(await response.text()).toBe("Not found\n");
    }
  });

  it("never writes a feed's token to the log, though it is in the path", async () => {
    const { path } = await createFeed(editor, { name: "Logged" });
    rawLog.length = 0;
    await fetchFeed(path);
    await fetchFeed(path.replace("etc_", "etc_x"));
    const token = path.slice("/calendar/".length, -".ics".length);
    await expect.poll(() => rawLog.filter((line) => line.includes('"path":"/calendar/')).length).toBe(2);
    expect(rawLog.join("")).not.toContain(token.slice("etc_".length, 20));
  });

  it("is listed with when it was last polled, and only to its owner", async () => {
    const viewer = await api.signedIn("VIEWER");
    const { path } = await createFeed(viewer, { name: "Viewer's calendar" });
    await fetchFeed(path);
    const { calendarFeeds } = await viewer.query(CalendarFeeds);
    expect(calendarFeeds).toContainEqual({ name: "Viewer's calendar", lastUsedAt: expect.any(String) });
    expect((await editor.query(CalendarFeeds)).calendarFeeds.map((feed) => feed.name)).not.toContain(
      "Viewer's calendar",
    );
  });

  it("answers 404 while its owner is disabled", async () => {
    const viewer = await api.signedIn("VIEWER");
    const { path } = await createFeed(viewer, { name: "Before leaving" });
    const input = { id: globalIdOf("User", api.users.VIEWER.id), disabled: true };
    expect((await api.as("ADMIN").query(DisableForFeed, { input })).updateUser.errors).toEqual([]);
    expect((await fetchFeed(path)).status).toBe(404);
  });
});
