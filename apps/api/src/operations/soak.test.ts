import { seedSyntheticData } from "@engagement-tracker/db/seed";
import { graphql, type EngagementFilter } from "@engagement-tracker/schema";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import {
  EngagementPage,
  MoveStatus,
  exchange,
  historyOutOfStep,
  pick,
  runConcurrently,
  sleep,
  type Exchange,
} from "../test/load.ts";

const Search = graphql(`
  query SoakSearch($filter: EngagementFilter!) {
    engagements(first: 10, filter: $filter, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      nodes {
        id
        title
        status
      }
    }
  }
`);

const CONNECTIONS = 32;
const SOAK_MS = Number(process.env.TEST_SOAK_SECONDS ?? 15) * 1_000;
const WARM_UP_MS = 3_000;
/**
 * Growth of the heap between warm-up and the end, each read after a full collection, that still
 * counts as stable. (RSS is reported, not judged: it keeps the heap's high-water mark under load.)
 */
const HEAP_GROWTH_LIMIT = 16 * 1024 * 1024;

const SEARCHES: EngagementFilter[] = [
  { search: "dialogue", statuses: ["PLANNED", "CONFIRMED", "POSTPONED"] },
  { countries: ["CN", "US"], kinds: ["SITE_SURVEY", "HUMANITARIAN_MISSION"] },
  { health: ["AT_RISK", "OVERDUE"], search: "talks" },
  { region: "Hunan", statuses: ["PLANNED"] },
];

// The server runs in this process, so its heap is this process's; a full collection before each
// reading leaves only what is still referenced.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
function heapAfterCollection(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

describe(`${CONNECTIONS} connections of mixed load for ${SOAK_MS / 1000} s`, () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await seedSyntheticData(api.prisma, { count: 100 });
  });
  afterAll(() => api?.close());

  it(
    "answers everything without a 5xx, records exactly the moves it acknowledged, and holds its memory",
    async () => {
      // Few engagements, many connections: moves race on the same rows all the time.
      const contested = await Promise.all(
        Array.from({ length: 8 }, () => insertEngagement(api.prisma, { status: "PLANNED" })),
      );
      const token = api.users.EDITOR.token;
      // What the assertions need of each exchange, not its body: the test runs in the server's process,
      // and kept bodies would count as the server's heap growing.
      const exchanges: { status: number; ms: number; errors?: unknown }[] = [];
      const record = ({ status, ms, body }: Exchange<unknown>) =>
        exchanges.push({ status, ms, ...(body?.errors?.length && { errors: body.errors }) });
      const acknowledgedMoves = new Map<string, number>();
      let cursor: string | null = null;

      const load = runConcurrently(CONNECTIONS, async (connection) => {
        const kind = connection % 10;
        if (kind < 4) {
          const result = await exchange(api.url, token, EngagementPage, { after: cursor });
          cursor = result.body?.data?.engagements.pageInfo.endCursor ?? null;
          record(result);
        } else if (kind < 7) {
          record(await exchange(api.url, token, Search, { filter: pick(SEARCHES) }));
        } else {
          const engagement = pick(contested);
          const input = { id: engagement.globalId, status: pick(["POSTPONED", "PLANNED"] as const), reason: "Soak" };
          const result = await exchange(api.url, token, MoveStatus, { input });
          if (result.body?.data?.updateEngagementStatus.statusChange) {
            acknowledgedMoves.set(engagement.id, (acknowledgedMoves.get(engagement.id) ?? 0) + 1);
          }
          record(result);
        }
        // The test harness records every SQL statement; keep that from looking like a leak.
        if (api.statements.length > 10_000) api.statements.length = 0;
      });

      await sleep(WARM_UP_MS);
      const warmHeap = heapAfterCollection();
      const warmRss = process.memoryUsage().rss;
      await sleep(SOAK_MS - WARM_UP_MS);
      await load.stop();
      api.statements.length = 0;
      const endHeap = heapAfterCollection();
      const endRss = process.memoryUsage().rss;

      const serverErrors = exchanges.filter(({ status }) => status >= 500 || status === 0);
      const graphqlErrors = exchanges.filter(({ errors }) => errors);
      const moves = [...acknowledgedMoves.values()].reduce((sum, count) => sum + count, 0);
      const slowest = Math.max(...exchanges.map(({ ms }) => ms));
      const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
      console.info(
        `soak (${api.db.target.kind}): ${exchanges.length} requests in ${SOAK_MS / 1000} s over ${CONNECTIONS} connections ` +
          `(${Math.round(exchanges.length / (SOAK_MS / 1000))}/s), ${moves} moves acknowledged, slowest ${Math.round(slowest)} ms; ` +
          `heap ${mb(warmHeap)} after warm-up, ${mb(endHeap)} at the end; RSS ${mb(warmRss)} → ${mb(endRss)}`,
      );

      expect(serverErrors).toEqual([]);
      expect(graphqlErrors.map(({ errors }) => errors)).toEqual([]);
      expect(moves).toBeGreaterThan(0);

      const historyRows = await api.prisma.statusChange.groupBy({
        by: ["engagementId"],
        where: { engagementId: { in: contested.map(({ id }) => id) }, fromStatus: { not: null } },
        _count: true,
      });
      const recorded = Object.fromEntries(historyRows.map((row) => [row.engagementId, row._count]));
      expect(recorded).toEqual(Object.fromEntries(acknowledgedMoves));
      expect(await historyOutOfStep(api.prisma)).toEqual([]);

      expect(endHeap - warmHeap).toBeLessThan(HEAP_GROWTH_LIMIT);
    },
    SOAK_MS + 30_000,
  );
});
