import type { CreateEngagementInput, EngagementKind, ParticipationRole } from "@engagement-tracker/schema";
import { textOf } from "./form-state";
import { KINDS, PARTICIPATION_ROLES } from "./labels";

/**
 * The create and edit forms' fields. Input names are the API's input paths (participants
 * included: "participants.0.organizationId"), so a payload error's `field` names its input.
 */
export const ENGAGEMENT_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  kind: "Kind",
  seriesId: "Series",
  round: "Round",
  startsOn: "First day",
  endsOn: "Last day",
  locationName: "Place",
  region: "Region",
  country: "Country",
  hostCountry: "Host country",
  summary: "Summary",
  objectives: "Objectives",
  outcome: "Outcome",
  status: "Starting status",
};

/** Blank participant rows a form offers beyond the existing ones, so it works without JavaScript. */
export const SPARE_PARTICIPANT_ROWS = 3;

export function participantLabel(index: number, part: "organizationId" | "role"): string {
  return `Participant ${index + 1} ${part === "role" ? "role" : "organization"}`;
}

/** What a person typed, to put back into the form when the API refuses it. */
export interface EngagementFormValues {
  title: string;
  kind: string;
  seriesId: string;
  round: string;
  startsOn: string;
  endsOn: string;
  locationName: string;
  region: string;
  country: string;
  hostCountry: string;
  summary: string;
  objectives: string;
  outcome: string;
  status: string;
  participants: { organizationId: string; role: string }[];
}

/** The fields both mutations take, with the form's blanks as the API's "none". */
export type EngagementFields = Omit<CreateEngagementInput, "status">;

export function formValuesOf(formData: FormData): EngagementFormValues {
  const participants: EngagementFormValues["participants"] = [];
  for (let index = 0; formData.has(`participants.${index}.organizationId`); index++) {
    participants.push({
      organizationId: textOf(formData, `participants.${index}.organizationId`),
      role: textOf(formData, `participants.${index}.role`),
    });
  }
  return {
    title: textOf(formData, "title"),
    kind: textOf(formData, "kind"),
    seriesId: textOf(formData, "seriesId"),
    round: textOf(formData, "round"),
    startsOn: textOf(formData, "startsOn"),
    endsOn: textOf(formData, "endsOn"),
    locationName: textOf(formData, "locationName"),
    region: textOf(formData, "region"),
    country: textOf(formData, "country").toUpperCase(),
    hostCountry: textOf(formData, "hostCountry").toUpperCase(),
    summary: textOf(formData, "summary"),
    objectives: textOf(formData, "objectives"),
    outcome: textOf(formData, "outcome"),
    status: textOf(formData, "status"),
    participants,
  };
}

/**
 * The API input for what was typed, or the errors GraphQL itself would reject the request
 * for (a missing date, a round that is not a number); every other rule is the API's to check.
 */
export function engagementFieldsOf(
  values: EngagementFormValues,
):
  | { ok: true; fields: EngagementFields; fieldNameOf: (apiPath: string) => string }
  | { ok: false; fieldErrors: Record<string, string> } {
  const fieldErrors: Record<string, string> = {};
  for (const name of ["startsOn", "endsOn"] as const) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values[name])) fieldErrors[name] = "Enter a date.";
  }
  if (!(KINDS as string[]).includes(values.kind)) fieldErrors.kind = "Choose a kind.";
  if (values.round && !/^\d+$/.test(values.round)) fieldErrors.round = "Enter a whole number, such as 17.";
  const participants = values.participants
    .map((participant, index) => ({ ...participant, index }))
    .filter((participant) => participant.organizationId);
  for (const participant of participants) {
    if (!(PARTICIPATION_ROLES as string[]).includes(participant.role)) {
      fieldErrors[`participants.${participant.index}.role`] = "Choose a role.";
    }
  }
  if (Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  return {
    ok: true,
    // Blank participant rows are not sent, so the API's "participants.1" may be the form's row 2.
    fieldNameOf: (apiPath) =>
      apiPath.replace(
        /^participants\.(\d+)/,
        (_, sent: string) => `participants.${participants[Number(sent)]?.index ?? sent}`,
      ),
    fields: {
      title: values.title,
      kind: values.kind as EngagementKind,
      seriesId: values.seriesId || null,
      round: values.round ? Number(values.round) : null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      locationName: values.locationName,
      region: values.region,
      country: values.country,
      hostCountry: values.hostCountry,
      summary: values.summary,
      objectives: values.objectives
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      participants: participants.map(({ organizationId, role }) => ({
        organizationId,
        role: role as ParticipationRole,
      })),
    },
  };
}
