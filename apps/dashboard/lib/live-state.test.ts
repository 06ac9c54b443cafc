import { describe, expect, it } from "vitest";
import { LiveState } from "./live-state";

const viewer = { id: "VXNlcjox", name: "Vera Viewer", email: "viewer@example.org", role: "VIEWER" as const };

describe("what the dashboard knows from its live streams", () => {
  it("knows the latest change only while a stream is open to see the next one", () => {
    const state = new LiveState();
    state.changeSeen("7");
    expect(state.latestChange()).toBeNull();
    state.streamOpened("token-a");
    expect(state.latestChange()).toBeNull();
    state.changeSeen("9");
    state.changeSeen("8");
    expect(state.latestChange()).toBe(9n);
    state.streamClosed("token-a");
    expect(state.latestChange()).toBeNull();
    // Changes made while nothing listened are unknown: a new stream starts from nothing.
    state.streamOpened("token-b");
    expect(state.latestChange()).toBeNull();
  });

  it("remembers who a session is only while one of its streams is open", () => {
    const state = new LiveState();
    state.rememberViewer("token-a", viewer);
    expect(state.viewerOf("token-a")).toBeUndefined();
    state.streamOpened("token-a");
    state.streamOpened("token-a");
    state.rememberViewer("token-a", viewer);
    state.streamClosed("token-a");
    expect(state.viewerOf("token-a")).toEqual(viewer);
    state.streamClosed("token-a");
    expect(state.viewerOf("token-a")).toBeUndefined();
  });

  it("remembers a session's pinned views only while one of its streams is open", () => {
    const state = new LiveState();
    const pinned = [{ id: "U2F2ZWRWaWV3OjE=", name: "Surveys", href: "/engagements?kind=SITE_SURVEY" }];
    state.rememberPinnedViews("token-a", pinned);
    expect(state.pinnedViewsOf("token-a")).toBeUndefined();
    state.streamOpened("token-a");
    state.rememberPinnedViews("token-a", pinned);
    expect(state.pinnedViewsOf("token-a")).toEqual(pinned);
    expect(state.pinnedViewsOf("token-b")).toBeUndefined();
    state.streamClosed("token-a");
    expect(state.pinnedViewsOf("token-a")).toBeUndefined();
  });

  it("lets a session that just wrote read afresh for a while", () => {
    const state = new LiveState();
    state.wrote("token-a", 1_000);
    expect(state.wroteRecently("token-a", 5_000)).toBe(true);
    expect(state.wroteRecently("token-b", 5_000)).toBe(false);
    expect(state.wroteRecently("token-a", 20_000)).toBe(false);
  });

  describe("a session's answers about its own user", () => {
    const DAY = "2026-11-30";
    const mine = { ok: true as const, data: { myOverdue: [{ id: "RW5nYWdlbWVudDox", title: "MMCA" }] } };
    async function keeping(answer: Promise<unknown> = Promise.resolve(mine)) {
      const state = new LiveState();
      state.streamOpened("token-a");
      state.rememberOwnAnswer("token-a", "MyAttention {}", DAY, answer as never);
      await answer;
      return state;
    }

    it("are kept across changes that neither concern the user nor touch what they show", async () => {
      const state = await keeping();
      state.changeReached("token-a", "RW5nYWdlbWVudDoy", false);
      await expect(state.ownAnswerOf("token-a", "MyAttention {}", DAY)).resolves.toEqual(mine);
      expect(state.ownAnswerOf("token-b", "MyAttention {}", DAY)).toBeUndefined();
      expect(state.ownAnswerOf("token-a", "MyAttention {}", "2026-12-01")).toBeUndefined();
    });

    it("go with a change that concerns the user, or one to an engagement they show", async () => {
      const concerning = await keeping();
      concerning.changeReached("token-a", "RW5nYWdlbWVudDoy", true);
      expect(concerning.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
      const shown = await keeping();
      shown.changeReached("token-a", "RW5nYWdlbWVudDox", false);
      expect(shown.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
    });

    it("go when the session writes, when its streams close, and when the answer failed", async () => {
      const written = await keeping();
      written.wrote("token-a");
      expect(written.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
      const closed = await keeping();
      closed.streamClosed("token-a");
      closed.streamOpened("token-a");
      expect(closed.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
      const failed = await keeping(Promise.resolve({ ok: false, problem: { kind: "unavailable" } }));
      expect(failed.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
    });

    it("are not reused when a change arrives while the answer is still on its way", () => {
      const state = new LiveState();
      state.streamOpened("token-a");
      state.rememberOwnAnswer("token-a", "MyAttention {}", DAY, new Promise(() => {}));
      state.changeReached("token-a", "RW5nYWdlbWVudDoy", false);
      expect(state.ownAnswerOf("token-a", "MyAttention {}", DAY)).toBeUndefined();
    });
  });
});
