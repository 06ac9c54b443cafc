import { seedDemoData } from "@engagement-tracker/db/seed";
import * as documents from "@engagement-tracker/schema";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { Kind, parse, print, type DocumentNode } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../test/api.ts";

// The read module answers `engagements` and `engagement(id)` from one SQL statement; `node(s)`
// still reads through the loaders (Prisma, a statement per relation). Both must give the same answer.

/** Every field of an engagement, as the README's examples and API clients may ask. */
const EVERY_FIELD = `
  fragment EveryField_engagement on Engagement {
    id title kind round status allowedTransitions startsOn endsOn hostCountry summary objectives outcome
    version createdAt updatedAt archivedAt
    location { name region country }
    series { id name shortName }
    participants { role organization { id name shortName country } }
    milestones { id title dueOn note completedAt overdue createdAt updatedAt }
    statusHistory { id fromStatus toStatus reason at actor { id name } }
    latestStatusChange { id fromStatus toStatus reason at actor { id name } }
    health healthReasons healthIssues { kind date status milestoneTitle }
    activity { kind version }
  }`;

/** The dashboard's own fragments on Engagement (the overview, the list, the detail page, the forms) and EVERY_FIELD. */
const shapes: { name: string; text: string }[] = [
  ...Object.entries(documents)
    .filter(([exported]) => exported.endsWith("_EngagementFragmentDoc"))
    .map(([, document]) => document as DocumentNode),
  parse(EVERY_FIELD),
].map((document) => {
  const [first] = document.definitions;
  if (first?.kind !== Kind.FRAGMENT_DEFINITION) throw new Error("expected a fragment");
  return { name: first.name.value, text: print(document) };
});

const operation = (text: string) => parse(text) as TypedDocumentNode<Record<string, unknown>, Record<string, unknown>>;

/** The variables a fragment uses, declared for the operation that spreads it (the activity timeline's kinds). */
const declared = (text: string) => (text.includes("$activityKinds") ? ", $activityKinds: [EngagementEventKind!]" : "");

/** Pages small enough for the API's cost limit, however many fields a shape selects. */
const PAGE_SIZE = 5;

type Nodes = { nodes: { id: string }[] };

let api: TestApi;
let ids: string[];

beforeAll(async () => {
  api = await startTestApi();
  await seedDemoData(api.prisma);
  const { engagements } = (await api.query(
    operation(`{ engagements(first: 100, filter: { includeArchived: true }) { nodes { id } } }`),
  )) as { engagements: Nodes };
  ids = engagements.nodes.map((node) => node.id);
});
afterAll(() => api.close());

describe("reads shaped by the database", () => {
  it("covers the dashboard's shapes and a seeded list with engagements of every kind", () => {
    expect(shapes.map((shape) => shape.name)).toEqual(
      expect.arrayContaining(["EngagementTable_engagement", "FactsCard_engagement", "EveryField_engagement"]),
    );
    expect(ids.length).toBeGreaterThan(10);
  });

  it.each(shapes)(
    "$name: each page answers as the loaders do, nulls, empty lists and nested order included",
    async ({ text, name }) => {
      let after: string | null = null;
      const read: string[] = [];
      do {
        const { engagements } = (await api.query(
          operation(`query Page($after: String${declared(text)}) {
          engagements(first: ${PAGE_SIZE}, after: $after, filter: { includeArchived: true }) {
            nodes { id ...${name} }
            pageInfo { hasNextPage endCursor }
          }
        } ${text}`),
          { after },
        )) as { engagements: Nodes & { pageInfo: { hasNextPage: boolean; endCursor: string } } };
        const pageIds = engagements.nodes.map((node) => node.id);
        const loaded = (await api.query(
          operation(`query Loaded($ids: [ID!]!${declared(text)}) { nodes(ids: $ids) { id ...${name} } } ${text}`),
          { ids: pageIds },
        )) as Nodes;
        expect(engagements.nodes).toEqual(loaded.nodes);
        read.push(...pageIds);
        after = engagements.pageInfo.hasNextPage ? engagements.pageInfo.endCursor : null;
      } while (after);
      expect(read).toEqual(ids);
    },
  );

  it.each(shapes)("$name: one engagement by ID answers as the loaders do", async ({ text, name }) => {
    for (const id of ids) {
      const answer = (await api.query(
        operation(
          `query One($id: ID!${declared(text)}) { engagement(id: $id) { id ...${name} } node(id: $id) { id ...${name} } } ${text}`,
        ),
        { id },
      )) as { engagement: unknown; node: unknown };
      expect(answer.engagement).toEqual(answer.node);
    }
  });

  it("filters by health with the rules it reports health by", async () => {
    const everyHealth = (await api.query(
      operation(`{ engagements(first: 100, filter: { includeArchived: true }) { nodes { id health } } }`),
    )) as { engagements: { nodes: { id: string; health: string }[] } };
    for (const health of ["ON_TRACK", "AT_RISK", "OVERDUE", "CLOSED"]) {
      const filtered = (await api.query(
        operation(`query ($health: [Health!]) {
          engagements(first: 100, filter: { includeArchived: true, health: $health }) { nodes { id } }
        }`),
        { health: [health] },
      )) as { engagements: Nodes };
      const reported = everyHealth.engagements.nodes.filter((node) => node.health === health).map((node) => node.id);
      expect(filtered.engagements.nodes.map((node) => node.id).sort(), health).toEqual(reported.sort());
    }
  });
});
