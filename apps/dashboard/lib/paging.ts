import type { ApiResult } from "./api";

export interface ConnectionPage<Node> {
  nodes: readonly Node[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * Follows a connection from its first page to its end, or to `limit` nodes, whichever comes
 * first; a page that fails ends it with that failure.
 */
export async function firstNodes<Node>(
  limit: number,
  pageAfter: (after: string | null) => Promise<ApiResult<ConnectionPage<Node>>>,
): Promise<ApiResult<Node[]>> {
  const nodes: Node[] = [];
  let after: string | null = null;
  do {
    const result = await pageAfter(after);
    if (!result.ok) return result;
    nodes.push(...result.data.nodes);
    after = result.data.pageInfo.hasNextPage ? (result.data.pageInfo.endCursor ?? null) : null;
  } while (after && nodes.length < limit);
  return { ok: true, data: nodes.slice(0, limit) };
}
