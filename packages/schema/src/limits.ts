/**
 * The API's limits on one operation, as part of its contract with clients: the API enforces
 * them (apps/api/src/security/limits.ts, common/connection.ts) and the dashboard sizes its
 * queries to stay within them. The dashboard's deepest query (an engagement with its
 * participants' organizations and history actors) is depth 6 and well under the cost.
 */
export const OPERATION_LIMITS = {
  maxDepth: 10,
  maxCost: 5_000,
  maxAliases: 15,
  maxTokens: 3_000,
  maxDirectives: 20,
} as const;

/** Most nodes one page of a connection returns (`first`/`last`). */
export const MAX_PAGE_SIZE = 100;
