import type {
  EngagementKind,
  EngagementStatus,
  Health,
  ParticipationRole,
  Role,
  WebhookDeliveryState,
  WebhookEventKind,
} from "@engagement-tracker/schema";

// Records keyed by the generated enum types, so a value added to the schema fails to compile until it has a label.

/** Lifecycle order, which is also the order of the overview's cards and the filter's options. */
export const STATUS_LABELS: Record<EngagementStatus, string> = {
  PROPOSED: "Proposed",
  PLANNED: "Planned",
  CONFIRMED: "Confirmed",
  IN_PROGRESS: "In progress",
  COMPLETED: "Completed",
  POSTPONED: "Postponed",
  CANCELLED: "Cancelled",
};

export const KIND_LABELS: Record<EngagementKind, string> = {
  DIALOGUE: "Dialogue",
  CONSULTATION: "Consultation",
  HUMANITARIAN_MISSION: "Humanitarian mission",
  SITE_SURVEY: "Site survey",
  HIGH_LEVEL_VISIT: "High-level visit",
  EXERCISE: "Exercise",
  WORKING_GROUP: "Working group",
  OTHER: "Other",
};

export const HEALTH_LABELS: Record<Health, string> = {
  ON_TRACK: "On track",
  AT_RISK: "At risk",
  OVERDUE: "Overdue",
  CLOSED: "Closed",
};

export const PARTICIPATION_ROLE_LABELS: Record<ParticipationRole, string> = {
  HOST: "Host",
  DELEGATION: "Delegation",
  OBSERVER: "Observer",
  SUPPORT: "Support",
};

export const STATUSES = Object.keys(STATUS_LABELS) as EngagementStatus[];
export const KINDS = Object.keys(KIND_LABELS) as EngagementKind[];
export const HEALTHS = Object.keys(HEALTH_LABELS) as Health[];
/** Health an open engagement can have: the overview's health cards. Completed and cancelled ones are CLOSED. */
export const OPEN_HEALTHS = HEALTHS.filter((health) => health !== "CLOSED");
export const PARTICIPATION_ROLES = Object.keys(PARTICIPATION_ROLE_LABELS) as ParticipationRole[];

/** The lifecycle requires a reason for these moves. */
export const STATUSES_NEEDING_REASON: readonly EngagementStatus[] = ["POSTPONED", "CANCELLED"];

export const USER_ROLE_LABELS: Record<Role, string> = {
  VIEWER: "Viewer",
  EDITOR: "Editor",
  ADMIN: "Admin",
};

export const WEBHOOK_EVENT_LABELS: Record<WebhookEventKind, string> = {
  CHANGES: "Every change",
  ALERTS: "Alerts",
};

export const WEBHOOK_DELIVERY_STATE_LABELS: Record<WebhookDeliveryState, string> = {
  PENDING: "Pending",
  DELIVERED: "Delivered",
  FAILED: "Failed",
};
