import { graphql, type EngagementSnapshot_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "./format";
import { KIND_LABELS, PARTICIPATION_ROLE_LABELS, STATUS_LABELS } from "./labels";
import { placeOf } from "./location";

export const EngagementSnapshotFragment = graphql(`
  fragment EngagementSnapshot_engagement on Engagement {
    version
    title
    kind
    status
    round
    startsOn
    endsOn
    hostCountry
    summary
    objectives
    outcome
    series {
      shortName
    }
    location {
      ...LocationFields
    }
    participants {
      role
      organization {
        name
      }
    }
    milestones {
      title
      completedAt
    }
  }
`);

/**
 * The facts of an engagement a person can see, as labelled text. A form keeps the snapshot it
 * was rendered with; when the API reports a version conflict, comparing it with the fresh one
 * says what someone else changed in between.
 */
export type EngagementSnapshot = Record<string, string>;

export function snapshotOf(engagement: EngagementSnapshot_EngagementFragment, format: Formatter): EngagementSnapshot {
  return {
    Status: STATUS_LABELS[engagement.status],
    Title: engagement.title,
    Kind: KIND_LABELS[engagement.kind],
    Series: [engagement.series?.shortName, engagement.round ? `round ${engagement.round}` : null]
      .filter(Boolean)
      .join(", "),
    Dates: format.dayRange(engagement.startsOn, engagement.endsOn),
    Location: placeOf(engagement.location, format),
    Host: format.country(engagement.hostCountry),
    Summary: engagement.summary ?? "",
    Objectives: engagement.objectives.join("; "),
    Outcome: engagement.outcome ?? "",
    Participants: engagement.participants
      .map((participant) => `${participant.organization.name} (${PARTICIPATION_ROLE_LABELS[participant.role]})`)
      .join("; "),
    ...Object.fromEntries(
      engagement.milestones.map((milestone) => [
        `Milestone “${milestone.title}”`,
        milestone.completedAt ? "done" : "open",
      ]),
    ),
  };
}

export interface SnapshotChange {
  label: string;
  before: string;
  after: string;
}

export function changesBetween(before: EngagementSnapshot, after: EngagementSnapshot): SnapshotChange[] {
  return Object.keys(after)
    .filter((label) => (before[label] ?? "") !== after[label])
    .map((label) => ({ label, before: before[label] ?? "", after: after[label] ?? "" }));
}

/** A snapshot carried through a form in a hidden field; anything unreadable counts as unknown. */
export function parseSnapshot(value: FormDataEntryValue | null): EngagementSnapshot {
  if (typeof value !== "string") return {};
  try {
    const parsed: unknown = JSON.parse(value);
    if (!parsed || typeof parsed !== "object") return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
  } catch {
    return {};
  }
}
