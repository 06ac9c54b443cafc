import type { EngagementEventKind, NotificationReason } from "@engagement-tracker/schema";
import { engagementHref } from "./routes";

const WHAT: Record<EngagementEventKind, string> = {
  CREATED: "created",
  EDITED: "edited",
  STATUS_CHANGED: "moved",
  ARCHIVED: "archived",
  UNARCHIVED: "unarchived",
  MILESTONE_ADDED: "added a milestone to",
  MILESTONE_EDITED: "edited a milestone of",
  MILESTONE_COMPLETED: "completed a milestone of",
  MILESTONE_REOPENED: "reopened a milestone of",
  MILESTONE_REMOVED: "removed a milestone of",
  COMMENTED: "commented on",
  COMMENT_EDITED: "edited a comment on",
  COMMENT_REMOVED: "removed a comment on",
};

/** "Jordan Ellis commented on", "Dana Mercer mentioned you in": what a notification says before the engagement's title. */
export function notificationLead(kind: EngagementEventKind, reason: NotificationReason, actor: string): string {
  if (reason === "MENTIONED") return `${actor} mentioned you in`;
  return `${actor} ${WHAT[kind]}`;
}

/** Where a notification leads: the part of the engagement's page it concerns. */
export function notificationHref(kind: EngagementEventKind, engagementId: string): string {
  const part = kind.startsWith("COMMENT") ? "comments" : kind.startsWith("MILESTONE") ? "milestones" : "activity";
  return `${engagementHref(engagementId)}#${part}`;
}
