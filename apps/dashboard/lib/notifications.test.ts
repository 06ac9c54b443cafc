import { describe, expect, it } from "vitest";
import { notificationHref, notificationLead } from "./notifications";

describe("notifications", () => {
  it("says who did what, a mention first", () => {
    expect(notificationLead("STATUS_CHANGED", "WATCHING", "Dana Mercer")).toBe("Dana Mercer moved");
    expect(notificationLead("COMMENTED", "MENTIONED", "Dana Mercer")).toBe("Dana Mercer mentioned you in");
  });

  it("leads to the part of the engagement's page it concerns", () => {
    expect(notificationHref("COMMENT_EDITED", "RW5n")).toBe("/engagements/RW5n#comments");
    expect(notificationHref("MILESTONE_ADDED", "RW5n")).toBe("/engagements/RW5n#milestones");
    expect(notificationHref("EDITED", "RW5n")).toBe("/engagements/RW5n#activity");
  });
});
