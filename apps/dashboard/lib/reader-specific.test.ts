import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { answersDifferPerReader } from "./reader-specific";

describe("which answers a role's readers may share", () => {
  it("shares engagement data, which is the same for everyone of a role", () => {
    expect(answersDifferPerReader(parse("query Page { engagements { nodes { id title } } }"), "{}")).toBe(false);
  });

  it("keeps to one reader what is about that reader: watching, notifications, views", () => {
    for (const field of [
      "viewerIsWatching",
      "unreadNotificationCount",
      "notifications { totalCount }",
      "savedViews { id }",
    ]) {
      const document = parse(
        `query Detail { engagement(id: "1") { id } viewer { id } x: engagement(id: "2") { id } ${field} }`,
      );
      expect(answersDifferPerReader(document, "{}"), field).toBe(true);
    }
  });

  it('keeps "mine" reads to one reader, in the document or in its variables', () => {
    expect(answersDifferPerReader(parse("query Due { dashboard { milestonesDue(mine: true) { id } } }"), "{}")).toBe(
      true,
    );
    const page = parse("query Page($filter: EngagementFilter) { engagements(filter: $filter) { nodes { id } } }");
    expect(answersDifferPerReader(page, '{"filter":{"mine":true}}')).toBe(true);
    expect(answersDifferPerReader(page, '{"filter":{"mine":false}}')).toBe(false);
  });
});
