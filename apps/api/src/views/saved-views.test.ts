import { seedDemoData } from "@engagement-tracker/db/seed";
import { graphql, type EngagementFilter, type SaveViewInput } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type ApiClient, type TestApi } from "../test/api.ts";

const SavedViews = graphql(`
  query SavedViews {
    savedViews {
      id
      name
      shared
      builtIn
      mine
      pinned
      filter {
        statuses
        kinds
        seriesIds
        countries
        health
        search
        from
        to
        upcoming
        includeArchived
        mine
      }
      orderBy {
        field
        direction
      }
    }
  }
`);

const SaveView = graphql(`
  mutation SaveView($input: SaveViewInput!) {
    saveView(input: $input) {
      savedView {
        id
        name
        shared
        pinned
        mine
      }
      errors {
        code
        field
        message
      }
    }
  }
`);

const PinView = graphql(`
  mutation PinView($input: PinViewInput!) {
    pinView(input: $input) {
      savedView {
        name
        pinned
      }
      errors {
        code
      }
    }
  }
`);

const DeleteView = graphql(`
  mutation DeleteView($input: DeleteViewInput!) {
    deleteView(input: $input) {
      deletedId
      errors {
        code
      }
    }
  }
`);

const AttentionLists = graphql(`
  query AttentionLists {
    dashboard {
      atRisk(limit: 100) {
        title
      }
      overdue(limit: 100) {
        title
      }
    }
  }
`);

const ViewedEngagements = graphql(`
  query ViewedEngagements($filter: EngagementFilter, $orderBy: EngagementOrder) {
    engagements(filter: $filter, orderBy: $orderBy, first: 100) {
      nodes {
        title
        startsOn
        endsOn
        series {
          shortName
        }
      }
    }
  }
`);

describe("saved views", () => {
  let api: TestApi;
  let editor: ApiClient;
  let viewer: ApiClient;

  const save = async (client: ApiClient, input: SaveViewInput) => {
    const { saveView } = await client.query(SaveView, { input });
    expect(saveView.errors).toEqual([]);
    return saveView.savedView!;
  };
  const viewsOf = async (client: ApiClient) => (await client.query(SavedViews)).savedViews;

  beforeAll(async () => {
    api = await startTestApi();
    await seedDemoData(api.prisma);
    editor = api;
    viewer = api.as("VIEWER");
  });
  afterAll(() => api.close());

  it("round-trips a view's filter and order, and renames, pins and deletes it", async () => {
    const filter: EngagementFilter = {
      statuses: ["PLANNED", "CONFIRMED"],
      kinds: ["SITE_SURVEY"],
      countries: ["CN"],
      search: "survey",
      from: "2027-01-01",
      to: "2027-02-01",
    };
    const saved = await save(viewer, {
      name: "  Surveys in China  ",
      filter,
      orderBy: { field: "TITLE", direction: "DESC" },
    });
    expect(saved).toMatchObject({ name: "Surveys in China", shared: false, pinned: false, mine: true });

    const listed = (await viewsOf(viewer)).find((view) => view.id === saved.id)!;
    expect(listed.filter).toEqual({
      ...filter,
      seriesIds: null,
      mine: null,
      health: null,
      upcoming: null,
      includeArchived: false,
    });
    expect(listed.orderBy).toEqual({ field: "TITLE", direction: "DESC" });

    await save(viewer, { id: saved.id, name: "China surveys", pinned: true });
    const renamed = (await viewsOf(viewer)).find((view) => view.id === saved.id)!;
    expect(renamed).toMatchObject({ name: "China surveys", pinned: true });
    expect(renamed.filter.kinds).toEqual(["SITE_SURVEY"]);

    const { deleteView } = await viewer.query(DeleteView, { input: { id: saved.id } });
    expect(deleteView).toEqual({ deletedId: saved.id, errors: [] });
    expect((await viewsOf(viewer)).map((view) => view.id)).not.toContain(saved.id);
  });

  it("shows a shared view to every user, who may pin it but not change or delete it; a personal one to its owner only", async () => {
    const shared = await save(editor, { name: "Maritime talks", shared: true, filter: { kinds: ["CONSULTATION"] } });
    const personal = await save(editor, { name: "Editor's scratch", filter: {} });
    const seenByViewer = await viewsOf(viewer);
    expect(seenByViewer.find((view) => view.id === shared.id)).toMatchObject({
      shared: true,
      mine: false,
      pinned: false,
    });
    expect(seenByViewer.map((view) => view.id)).not.toContain(personal.id);

    const { pinView } = await viewer.query(PinView, { input: { id: shared.id, pinned: true } });
    expect(pinView.savedView).toEqual({ name: "Maritime talks", pinned: true });
    // Pins are each user's own.
    expect((await viewsOf(editor)).find((view) => view.id === shared.id)?.pinned).toBe(false);

    const { saveView } = await viewer.query(SaveView, { input: { id: shared.id, name: "Mine now" } });
    expect(saveView.errors).toMatchObject([{ code: "NOT_FOUND", field: ["id"] }]);
    expect((await viewer.query(DeleteView, { input: { id: shared.id } })).deleteView.errors).toMatchObject([
      { code: "NOT_FOUND" },
    ]);
    expect((await viewer.query(PinView, { input: { id: personal.id, pinned: true } })).pinView.errors).toMatchObject([
      { code: "NOT_FOUND" },
    ]);
  });

  it("refuses a viewer sharing a view (FORBIDDEN), and writes nothing", async () => {
    const before = await api.prisma.savedView.count();
    const response = await viewer.request(SaveView, { input: { name: "Everyone look", shared: true, filter: {} } });
    expect(response.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await api.prisma.savedView.count()).toBe(before);
  });

  it("refuses an empty or too long name, and a filter the API would refuse, with typed errors, writing nothing", async () => {
    const before = await api.prisma.savedView.count();
    const cases: [SaveViewInput, string][] = [
      [{ name: "", filter: {} }, "name"],
      [{ name: "   ", filter: {} }, "name"],
      [{ filter: {} }, "name"],
      [{ name: "x".repeat(101), filter: {} }, "name"],
      [{ name: "Bad country", filter: { countries: ["ZZ"] } }, "filter"],
      [{ name: "Long search", filter: { search: "x".repeat(1_000) } }, "filter"],
      [{ name: "Not a series", filter: { seriesIds: ["nonsense"] } }, "filter"],
    ];
    for (const [input, field] of cases) {
      const { saveView } = await editor.query(SaveView, { input });
      expect(saveView.errors, JSON.stringify(input).slice(0, 60)).toMatchObject([
        { code: "VALIDATION", field: [field] },
      ]);
      expect(saveView.savedView).toBeNull();
    }
    expect(await api.prisma.savedView.count()).toBe(before);
  });

  it('offers "Mine" to everyone: what the reader owns or co-owns, soonest first', async () => {
    const mine = (await viewsOf(viewer)).find((view) => view.name === "Mine")!;
    expect(mine).toMatchObject({ builtIn: true, pinned: true, filter: { mine: true } });
  });

  it('offers "Needs attention" to everyone: the overview\'s at-risk and overdue engagements, soonest first', async () => {
    const needsAttention = (await viewsOf(viewer)).find((view) => view.name === "Needs attention")!;
    expect(needsAttention).toMatchObject({ builtIn: true, pinned: true, mine: false });
    const { dashboard } = await viewer.query(AttentionLists);
    const { engagements } = await viewer.query(ViewedEngagements, {
      filter: needsAttention.filter,
      orderBy: needsAttention.orderBy,
    });
    const titles = engagements.nodes.map((node) => node.title);
    expect(titles.length).toBeGreaterThan(1);
    expect(new Set(titles)).toEqual(new Set([...dashboard.atRisk, ...dashboard.overdue].map((item) => item.title)));
    const starts = engagements.nodes.map((node) => node.startsOn);
    expect(starts).toEqual([...starts].sort());
  });

  it.each([
    ["MMCA preparation", "MMCA", true],
    ["POW/MIA accounting missions", "POW/MIA", false],
  ])('shares the demo "%s" view: the %s engagements', async (name, series, upcoming) => {
    const view = (await viewsOf(viewer)).find((candidate) => candidate.name === name)!;
    expect(view).toMatchObject({ shared: true, mine: false, builtIn: false });
    const { engagements } = await viewer.query(ViewedEngagements, { filter: view.filter, orderBy: view.orderBy });
    expect(engagements.nodes.length).toBeGreaterThan(0);
    expect(new Set(engagements.nodes.map((node) => node.series?.shortName))).toEqual(new Set([series]));
    if (upcoming) {
      const today = new Date().toISOString().slice(0, 10);
      expect(engagements.nodes.every((node) => node.endsOn >= today)).toBe(true);
    }
  });
});
