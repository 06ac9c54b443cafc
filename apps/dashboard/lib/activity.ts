import type { EngagementEventKind, EngagementKind, EngagementStatus } from "@engagement-tracker/schema";
import type { Formatter } from "./format";
import { KIND_LABELS, STATUS_LABELS } from "./labels";

/** The activity filter's choices (the `activity` URL parameter) and the event kinds each shows. */
export const ACTIVITY_FILTERS = {
  all: { label: "All activity", kinds: null },
  status: { label: "Status moves", kinds: ["CREATED", "STATUS_CHANGED"] },
  edits: { label: "Edits", kinds: ["EDITED"] },
  milestones: {
    label: "Milestones",
    kinds: ["MILESTONE_ADDED", "MILESTONE_EDITED", "MILESTONE_COMPLETED", "MILESTONE_REOPENED", "MILESTONE_REMOVED"],
  },
  archive: { label: "Archiving", kinds: ["ARCHIVED", "UNARCHIVED"] },
  comments: { label: "Comments", kinds: ["COMMENTED", "COMMENT_EDITED", "COMMENT_REMOVED"] },
} satisfies Record<string, { label: string; kinds: EngagementEventKind[] | null }>;

export type ActivityFilter = keyof typeof ACTIVITY_FILTERS;

export function activityFilterOf(param: string | string[] | undefined): ActivityFilter {
  const value = Array.isArray(param) ? param[0] : param;
  return value && Object.hasOwn(ACTIVITY_FILTERS, value) ? (value as ActivityFilter) : "all";
}

/** One changed value, as a reader sees it: "Start: Dec 8, 2026 → Mar 2, 2027". */
export interface ActivityChange {
  label: string;
  /** Null when the value is new rather than changed (a milestone's due date when it is added). */
  from: string | null;
  to: string;
}

export interface ActivityEntry {
  summary: string;
  changes: ActivityChange[];
  reason: string | null;
}

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  kind: "Kind",
  status: "Status",
  startsOn: "Start",
  endsOn: "End",
  dueOn: "Due date",
  note: "Note",
  locationName: "Location",
  region: "Region",
  country: "Country",
  hostCountry: "Host country",
  summary: "Summary",
  objectives: "Objectives",
  outcome: "Outcome",
  round: "Round",
  seriesId: "Series",
  participants: "Participants",
  ownerId: "Owner",
  coOwners: "Co-owners",
};

/** User names by ID, to tell who an owner change names; someone not listed (a disabled account) is "a former user". */
export type PeopleNames = ReadonlyMap<string, string>;

const nameOf = (people: PeopleNames, id: unknown) => people.get(String(id)) ?? "a former user";

const NONE = "(none)";

/** A recorded value in words: labels for enums, formatted days, country names. */
function readable(field: string, value: unknown, format: Formatter, people: PeopleNames): string {
  if (value == null || value === "") return NONE;
  switch (field) {
    case "status":
      return STATUS_LABELS[value as EngagementStatus] ?? String(value);
    case "kind":
      return KIND_LABELS[value as EngagementKind] ?? String(value);
    case "startsOn":
    case "endsOn":
    case "dueOn":
      return format.day(String(value));
    case "country":
    case "hostCountry":
      return format.country(String(value));
    case "objectives":
      return Array.isArray(value) && value.length ? value.join("; ") : NONE;
    case "participants":
      return Array.isArray(value) ? `${value.length} organization${value.length === 1 ? "" : "s"}` : String(value);
    case "seriesId":
      return "a series";
    case "ownerId":
      return nameOf(people, value);
    case "coOwners":
      return Array.isArray(value) && value.length ? value.map((id) => nameOf(people, id)).join(", ") : NONE;
    default:
      return String(value);
  }
}

type FromTo = { from?: unknown; to?: unknown };

const isFromTo = (value: unknown): value is FromTo =>
  typeof value === "object" && value !== null && !Array.isArray(value) && ("from" in value || "to" in value);

/** Every `{ field: { from, to } }` of a change record, in words. */
function changesOf(record: Record<string, unknown>, format: Formatter, people: PeopleNames): ActivityChange[] {
  return Object.entries(record)
    .filter((entry): entry is [string, FromTo] => entry[0] in FIELD_LABELS && isFromTo(entry[1]))
    .map(([field, { from, to }]) => ({
      label: FIELD_LABELS[field]!,
      from: readable(field, from, format, people),
      to: readable(field, to, format, people),
    }));
}

const MILESTONE_SUMMARIES: Partial<Record<EngagementEventKind, (title: string) => string>> = {
  MILESTONE_ADDED: (title) => `Milestone “${title}” added`,
  MILESTONE_EDITED: (title) => `Milestone “${title}” edited`,
  MILESTONE_COMPLETED: (title) => `Milestone “${title}” marked done`,
  MILESTONE_REOPENED: (title) => `Milestone “${title}” reopened`,
  MILESTONE_REMOVED: (title) => `Milestone “${title}” removed`,
};

const SUMMARIES: Partial<Record<EngagementEventKind, string>> = {
  CREATED: "Created",
  EDITED: "Details edited",
  STATUS_CHANGED: "Status changed",
  ARCHIVED: "Archived",
  UNARCHIVED: "Unarchived",
  COMMENTED: "Commented",
  COMMENT_EDITED: "Comment edited",
  COMMENT_REMOVED: "Comment removed",
};

/** An audit-trail event as the activity timeline tells it. */
export function describeEvent(
  event: { kind: EngagementEventKind; changes: unknown },
  format: Formatter,
  people: PeopleNames = new Map(),
): ActivityEntry {
  // The API's JSONObject scalar: always an object.
  const recorded = event.changes as Record<string, unknown>;
  const reason = typeof recorded.reason === "string" ? recorded.reason : null;
  const milestoneSummary = MILESTONE_SUMMARIES[event.kind];
  if (milestoneSummary) {
    const milestone = (recorded.milestone ?? {}) as Record<string, unknown>;
    const changes =
      event.kind === "MILESTONE_EDITED"
        ? changesOf((milestone.changes ?? {}) as Record<string, unknown>, format, people)
        : event.kind === "MILESTONE_ADDED" && typeof milestone.dueOn === "string"
          ? [{ label: "Due date", from: null, to: format.day(milestone.dueOn) }]
          : [];
    return { summary: milestoneSummary(String(milestone.title ?? "")), changes, reason };
  }
  return { summary: SUMMARIES[event.kind] ?? event.kind, changes: changesOf(recorded, format, people), reason };
}
