import { describe, expect, it } from "vitest";
import { safeReturnPath } from "./form-state";

describe("safeReturnPath", () => {
  it.each([
    ["/engagements?status=PLANNED", "/engagements?status=PLANNED"],
    ["/engagements/abc#history", "/engagements/abc#history"],
    ["/a/../tokens", "/tokens"],
  ])("keeps the dashboard path %j", (next, expected) => {
    expect(safeReturnPath(next)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    " /engagements",
    "",
    null,
    undefined,
  ])("refuses %j, which leads off the dashboard or is not a path", (next) => {
    expect(safeReturnPath(next)).toBe("/");
  });
});
