import { describe, expect, it } from "vitest";
import type { ApiProblem } from "./api";
import { firstNodes, type ConnectionPage } from "./paging";

/** A connection of `total` numbered nodes served `size` at a time, counting the pages asked for. */
function connection(total: number, size: number) {
  const asked: (string | null)[] = [];
  const pageAfter = async (after: string | null) => {
    asked.push(after);
    const start = after === null ? 0 : Number(after);
    const nodes = Array.from({ length: Math.min(size, total - start) }, (_, index) => start + index);
    const end = start + nodes.length;
    const page: ConnectionPage<number> = { nodes, pageInfo: { hasNextPage: end < total, endCursor: String(end) } };
    return { ok: true as const, data: page };
  };
  return { asked, pageAfter };
}

describe("firstNodes", () => {
  it("follows every page to the end, in order", async () => {
    const { asked, pageAfter } = connection(95, 30);
    const result = await firstNodes(5_000, pageAfter);
    expect(result).toEqual({ ok: true, data: Array.from({ length: 95 }, (_, index) => index) });
    expect(asked).toEqual([null, "30", "60", "90"]);
  });

  it("stops at the limit exactly, asking for no page beyond it (the 5,000-row export cap)", async () => {
    const { asked, pageAfter } = connection(20_000, 30);
    const result = await firstNodes(5_000, pageAfter);
    expect(result.ok && result.data.length).toBe(5_000);
    expect(result.ok && result.data.at(-1)).toBe(4_999);
    expect(asked).toHaveLength(Math.ceil(5_000 / 30));
  });

  it("ends with the failure of a page", async () => {
    const problem: ApiProblem = { code: "UNREACHABLE", title: "The API is not answering", detail: "Try again." };
    const { pageAfter } = connection(100, 30);
    const failing = async (after: string | null) =>
      after === "60" ? { ok: false as const, problem } : pageAfter(after);
    expect(await firstNodes(5_000, failing)).toEqual({ ok: false, problem });
  });
});
