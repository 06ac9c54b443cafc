// The benchmark's operations, written once per server so each asks for the same data:
// our API (global IDs, its own field names), PostGraphile 5 (Amber + connection-filter names,
// row UUIDs) and the hand-written ceiling (an operation name and variables; SQL in ceiling/).

export const TARGETS = ["ours", "postgraphile", "ceiling"] as const;
export type Target = (typeof TARGETS)[number];

export const TARGET_LABELS: Record<Target, string> = {
  ours: "ours",
  postgraphile: "PostGraphile 5",
  ceiling: "pg + JSON ceiling",
};

export const OPERATIONS = [
  "dashboard",
  "page",
  "search",
  "detail",
  "statusMove",
  "pageWithCount",
  "searchWithCount",
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** What `npm run bench` measures unless told otherwise: the issue's (a)–(e). */
export const DEFAULT_OPERATIONS: readonly Operation[] = ["dashboard", "page", "search", "detail", "statusMove"];

export const OPERATION_LABELS: Record<Operation, string> = {
  dashboard: "(a) dashboard",
  page: "(b) page of 50",
  search: "(c) filtered search",
  detail: "(d) one by id",
  statusMove: "(e) status move",
  pageWithCount: "(b) + totalCount",
  searchWithCount: "(c) + totalCount",
};

/** Who answers what: PostGraphile has no lifecycle, the ceiling answers (b)–(d) only (as the issue defines it). */
export const TARGETS_OF: Record<Operation, readonly Target[]> = {
  dashboard: ["ours", "postgraphile"],
  page: ["ours", "postgraphile", "ceiling"],
  search: ["ours", "postgraphile", "ceiling"],
  detail: ["ours", "postgraphile", "ceiling"],
  statusMove: ["ours"],
  pageWithCount: ["ours", "postgraphile", "ceiling"],
  searchWithCount: ["ours", "postgraphile", "ceiling"],
};

/** Data the requests refer to, picked from the seeded database. */
export interface Fixtures {
  /** The day the dashboard is computed for (UTC midnight), as our API sees it. */
  today: Date;
  /** Engagements (row UUIDs) that (d) cycles through, so no single row stays hot in every cache. */
  detailIds: string[];
  /** PLANNED engagements that (e) moves to POSTPONED and back. */
  movableIds: string[];
}

/** The filtered search (c): status in two values, a country, a text term, a date range, page of 25. */
export const SEARCH = {
  statuses: ["PLANNED", "CONFIRMED"],
  country: "CN",
  term: "safety",
  from: "2026-06-01",
  to: "2028-12-31",
  pageSize: 25,
} as const;

export const PAGE_SIZE = 50;
const DASHBOARD = { chartMonths: 6, timelineDays: 90, upcomingLimit: 50, attentionLimit: 10, recentLimit: 8 };
const STATUSES = ["PROPOSED", "PLANNED", "CONFIRMED", "IN_PROGRESS", "COMPLETED", "POSTPONED", "CANCELLED"] as const;
const TERMINAL = ["COMPLETED", "CANCELLED"];
const SETTLED = ["CONFIRMED", "IN_PROGRESS"];
const AT_RISK_LEAD_DAYS = 14;

/** Relay global ID, as graphql-relay's toGlobalId writes it. */
export const globalId = (type: string, rowId: string) => Buffer.from(`${type}:${rowId}`).toString("base64");

const isoDay = (day: Date) => day.toISOString().slice(0, 10);
const addDays = (day: Date, days: number) => new Date(day.getTime() + days * 86_400_000);
const graphqlBody = (query: string, variables: Record<string, unknown> = {}) => JSON.stringify({ query, variables });
const ceilingBody = (operation: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ operation, variables });

// ------------------------------------------------------------------ ours

const OURS = {
  dashboard: `query Dashboard($timelineDays: Int!, $chartMonths: Int!) {
  dashboard {
    today
    statusCounts { status count }
    statusCountsByMonth(months: $chartMonths) { month statusCounts { status count } }
    healthCounts { health count }
    upcoming(days: $timelineDays, limit: ${DASHBOARD.upcomingLimit}) { id title status startsOn endsOn location { name } }
    atRisk(limit: ${DASHBOARD.attentionLimit}) { id title status startsOn endsOn healthReasons }
    overdue(limit: ${DASHBOARD.attentionLimit}) { id title status startsOn endsOn healthReasons }
    recentStatusChanges(limit: ${DASHBOARD.recentLimit}) { id fromStatus toStatus reason at actor { name } engagement { id title } }
  }
}`,
  page: (totalCount: string) => `query Page($first: Int!) {
  engagements(first: $first, orderBy: { field: START_DATE, direction: ASC }) {
    ${totalCount}
    pageInfo { hasNextPage endCursor }
    nodes {
      id title status startsOn endsOn location { name country }
      participants { role organization { id name country } }
      milestones { id title dueOn completedAt }
      latestStatusChange { id toStatus reason at }
    }
  }
}`,
  search: (totalCount: string) => `query Search($filter: EngagementFilter!, $first: Int!) {
  engagements(first: $first, filter: $filter, orderBy: { field: START_DATE, direction: ASC }) {
    ${totalCount}
    pageInfo { hasNextPage endCursor }
    nodes { id title status startsOn endsOn location { name country } }
  }
}`,
  detail: `query Detail($id: ID!) {
  engagement(id: $id) {
    id title kind status startsOn endsOn location { name region country } hostCountry summary version
    statusHistory { id fromStatus toStatus reason at actor { id name } }
  }
}`,
  statusMove: `mutation Move($id: ID!, $status: EngagementStatus!) {
  updateEngagementStatus(input: { id: $id, status: $status, reason: "Benchmark move" }) {
    engagement { id status version }
    statusChange { id fromStatus toStatus at }
    errors { code message }
  }
}`,
};

// ------------------------------------------------------------------ PostGraphile

const PGL_PAGE = (totalCount: string) => `query Page($first: Int!) {
  allEngagements(first: $first, orderBy: [STARTS_ON_ASC, ROW_ID_ASC], filter: { archivedAt: { isNull: true } }) {
    ${totalCount}
    pageInfo { hasNextPage endCursor }
    nodes {
      rowId title status startsOn endsOn locationName country
      participationsByEngagementId(orderBy: [ROW_ID_ASC]) { nodes { role organizationByOrganizationId { rowId name country } } }
      milestonesByEngagementId(orderBy: [DUE_ON_ASC, ROW_ID_ASC]) { nodes { rowId title dueOn completedAt } }
      statusChangesByEngagementId(first: 1, orderBy: [AT_DESC, ROW_ID_DESC]) { nodes { rowId toStatus reason at } }
    }
  }
}`;

const PGL_SEARCH = (totalCount: string) => `query Search($filter: EngagementFilter!, $first: Int!) {
  allEngagements(first: $first, orderBy: [STARTS_ON_ASC, ROW_ID_ASC], filter: $filter) {
    ${totalCount}
    pageInfo { hasNextPage endCursor }
    nodes { rowId title status startsOn endsOn locationName country }
  }
}`;

const PGL_DETAIL = `query Detail($id: UUID!) {
  engagementByRowId(rowId: $id) {
    rowId title kind status startsOn endsOn locationName region country hostCountry summary version
    statusChangesByEngagementId(orderBy: [AT_ASC, ROW_ID_ASC]) {
      nodes { rowId fromStatus toStatus reason at userByActorId { rowId name } }
    }
  }
}`;

/**
 * The dashboard as PostGraphile can answer it: one aliased `totalCount` per count our API
 * returns (by status, by health, by status per month) and the same four lists.
 */
function postgraphileDashboard(today: Date): string {
  const day = (date: Date) => JSON.stringify(isoDay(date));
  const live = `archivedAt: { isNull: true }`;
  const notTerminal = `status: { notIn: [${TERMINAL.join(", ")}] }`;
  const overdue = `${notTerminal}, endsOn: { lessThan: ${day(today)} }`;
  const atRisk =
    `${notTerminal}, endsOn: { greaterThanOrEqualTo: ${day(today)} }, or: [` +
    `{ status: { notIn: [${SETTLED.join(", ")}] }, startsOn: { lessThanOrEqualTo: ${day(addDays(today, AT_RISK_LEAD_DAYS))} } }, ` +
    `{ milestonesByEngagementId: { some: { completedAt: { isNull: true }, dueOn: { lessThan: ${day(today)} } } } }]`;
  const count = (alias: string, filter: string) =>
    `${alias}: allEngagements(filter: { ${live}, ${filter} }) { totalCount }`;
  const monthStart = (offset: number) => new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + offset, 1));
  const months = Array.from({ length: DASHBOARD.chartMonths }, (_, offset) =>
    STATUSES.map((status) =>
      count(
        `m${offset}_${status}`,
        `status: { equalTo: ${status} }, startsOn: { lessThan: ${day(monthStart(offset + 1))} }, endsOn: { greaterThanOrEqualTo: ${day(monthStart(offset))} }`,
      ),
    ).join("\n  "),
  );
  const attention = `nodes { rowId title status startsOn endsOn milestonesByEngagementId { nodes { title dueOn completedAt } } }`;
  return `query Dashboard {
  ${STATUSES.map((status) => count(`status_${status}`, `status: { equalTo: ${status} }`)).join("\n  ")}
  ${months.join("\n  ")}
  health_OVERDUE: allEngagements(filter: { ${live}, ${overdue} }) { totalCount }
  health_AT_RISK: allEngagements(filter: { ${live}, ${atRisk} }) { totalCount }
  health_ON_TRACK: allEngagements(filter: { ${live}, ${notTerminal}, not: { or: [{ ${overdue} }, { ${atRisk} }] } }) { totalCount }
  upcoming: allEngagements(first: ${DASHBOARD.upcomingLimit}, orderBy: [STARTS_ON_ASC, ROW_ID_ASC], filter: { ${live}, status: { notEqualTo: CANCELLED }, endsOn: { greaterThanOrEqualTo: ${day(today)} }, startsOn: { lessThanOrEqualTo: ${day(addDays(today, DASHBOARD.timelineDays))} } }) {
    nodes { rowId title status startsOn endsOn locationName }
  }
  atRisk: allEngagements(first: ${DASHBOARD.attentionLimit}, orderBy: [STARTS_ON_ASC, ROW_ID_ASC], filter: { ${live}, ${atRisk} }) { ${attention} }
  overdue: allEngagements(first: ${DASHBOARD.attentionLimit}, orderBy: [STARTS_ON_ASC, ROW_ID_ASC], filter: { ${live}, ${overdue} }) { ${attention} }
  recent: allStatusChanges(first: ${DASHBOARD.recentLimit}, orderBy: [AT_DESC, ROW_ID_DESC], filter: { engagementByEngagementId: { ${live} } }) {
    nodes { rowId fromStatus toStatus reason at userByActorId { name } engagementByEngagementId { rowId title } }
  }
}`;
}

// ------------------------------------------------------------------ request bodies

/** Makes the body of each request in turn; (d) and (e) vary the engagement per request. */
export type BodySource = () => string;

/** (e) moves each engagement PLANNED → POSTPONED → PLANNED …; the harness records what each move did. */
export class StatusMoves {
  private readonly statusOf = new Map<string, "PLANNED" | "POSTPONED">();
  /** Moves sent and not yet answered: never sent again until settled, so no move races another. */
  private readonly inFlight = new Set<string>();
  private next = 0;

  constructor(private readonly ids: readonly string[]) {
    for (const id of ids) this.statusOf.set(id, "PLANNED");
    if (!ids.length) throw new Error("no PLANNED engagement to move; seed more data");
  }

  /** The next move: round-robin over many engagements, skipping any whose last move is unanswered. */
  take(): { rowId: string; to: "PLANNED" | "POSTPONED" } {
    for (let tried = 0; tried < this.ids.length; tried++) {
      const rowId = this.ids[this.next++ % this.ids.length]!;
      if (this.inFlight.has(rowId)) continue;
      this.inFlight.add(rowId);
      return { rowId, to: this.statusOf.get(rowId) === "PLANNED" ? "POSTPONED" : "PLANNED" };
    }
    throw new Error("every engagement (e) moves has a move in flight; seed more data");
  }

  /** Our API answered the move: whatever it says the status now is. */
  settle(rowId: string, status: string): void {
    this.inFlight.delete(rowId);
    if (status === "PLANNED" || status === "POSTPONED") this.statusOf.set(rowId, status);
  }

  /** Follows our API's answer to a move (applied or refused, it names the engagement's status now). */
  followAnswer(body: string): void {
    try {
      const answer = JSON.parse(body) as {
        data?: { updateEngagementStatus?: { engagement?: { id: string; status: string } | null } };
      };
      const engagement = answer.data?.updateEngagementStatus?.engagement;
      const rowId = engagement && Buffer.from(engagement.id, "base64").toString("utf8").split(":")[1];
      if (engagement && rowId) this.settle(rowId, engagement.status);
    } catch {
      // A body that is not JSON is counted as a failure by the caller.
    }
  }

  /**
   * The load generator stops with requests in flight whose answers it drops, though the server
   * applied them: read where those engagements now stand.
   */
  async reconcile(readStatuses: (rowIds: string[]) => Promise<Map<string, string>>): Promise<void> {
    if (!this.inFlight.size) return;
    // Give the server time to finish what it was doing when the connections closed.
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const [rowId, status] of await readStatuses([...this.inFlight])) this.settle(rowId, status);
    this.inFlight.clear();
  }
}

function cycling(ids: readonly string[], body: (id: string) => string): BodySource {
  let next = 0;
  return () => body(ids[next++ % ids.length]!);
}

export interface BodyOptions {
  /** (b)'s page size; 50 unless counting statements across page sizes. */
  pageSize?: number;
}

export function bodySource(
  target: Target,
  operation: Operation,
  fixtures: Fixtures,
  moves: StatusMoves,
  options: BodyOptions = {},
): BodySource {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  // (b) and (c) as the issue states them ask for no count; their "+ totalCount" twins show what counting costs.
  const totalCount = operation === "pageWithCount" || operation === "searchWithCount" ? "totalCount" : "";
  const constant = (body: string) => () => body;
  const search = {
    ours: {
      statuses: SEARCH.statuses,
      countries: [SEARCH.country],
      search: SEARCH.term,
      from: SEARCH.from,
      to: SEARCH.to,
    },
    postgraphile: {
      archivedAt: { isNull: true },
      status: { in: SEARCH.statuses },
      country: { in: [SEARCH.country] },
      or: ["title", "summary", "locationName"].map((column) => ({ [column]: { includesInsensitive: SEARCH.term } })),
      endsOn: { greaterThanOrEqualTo: SEARCH.from },
      startsOn: { lessThanOrEqualTo: SEARCH.to },
    },
  };
  switch (target) {
    case "ours":
      switch (operation) {
        case "dashboard":
          return constant(
            graphqlBody(OURS.dashboard, {
              timelineDays: DASHBOARD.timelineDays,
              chartMonths: DASHBOARD.chartMonths,
            }),
          );
        case "page":
        case "pageWithCount":
          return constant(graphqlBody(OURS.page(totalCount), { first: pageSize }));
        case "search":
        case "searchWithCount":
          return constant(graphqlBody(OURS.search(totalCount), { filter: search.ours, first: SEARCH.pageSize }));
        case "detail":
          return cycling(fixtures.detailIds, (id) => graphqlBody(OURS.detail, { id: globalId("Engagement", id) }));
        case "statusMove":
          return () => {
            const move = moves.take();
            return graphqlBody(OURS.statusMove, { id: globalId("Engagement", move.rowId), status: move.to });
          };
      }
      break;
    case "postgraphile":
      switch (operation) {
        case "dashboard":
          return constant(graphqlBody(postgraphileDashboard(fixtures.today)));
        case "page":
        case "pageWithCount":
          return constant(graphqlBody(PGL_PAGE(totalCount), { first: pageSize }));
        case "search":
        case "searchWithCount":
          return constant(graphqlBody(PGL_SEARCH(totalCount), { filter: search.postgraphile, first: SEARCH.pageSize }));
        case "detail":
          return cycling(fixtures.detailIds, (id) => graphqlBody(PGL_DETAIL, { id }));
        case "statusMove":
          break;
      }
      break;
    case "ceiling":
      switch (operation) {
        case "page":
        case "pageWithCount":
        case "search":
        case "searchWithCount":
          return constant(
            ceilingBody(
              operation,
              operation.startsWith("page") ? { first: pageSize } : { ...SEARCH, first: SEARCH.pageSize },
            ),
          );
        case "detail":
          return cycling(fixtures.detailIds, (id) => ceilingBody("detail", { id }));
        case "dashboard":
        case "statusMove":
          break;
      }
      break;
  }
  throw new Error(`${TARGET_LABELS[target]} does not answer ${OPERATION_LABELS[operation]}`);
}

/** Why a response does not count as an answer (null when it does): HTTP status, GraphQL or payload errors, no data. */
export function problemWith(status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  // Top-level GraphQL errors and non-empty payload `errors` both start a list of objects.
  if (body.includes('"errors":[{')) return body.slice(0, 300);
  if (!body.includes('"data":')) return `no data: ${body.slice(0, 200)}`;
  return null;
}
