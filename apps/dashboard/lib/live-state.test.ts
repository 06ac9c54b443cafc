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
});
