import type { CreateEngagementInput, EngagementKind, ParticipationRole } from "@engagement-tracker/schema";
import { countryCodeOf } from "@engagement-tracker/schema/countries";
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
  ownerId: "Owner",
};

/** The `intent` of the participant rows' Add and Remove buttons (Remove's ends with the row's index). */
export const ADD_PARTICIPANT = "add-participant";
export const REMOVE_PARTICIPANT = "remove-participant-";

/**
 * The values with a participant row added or removed, when that is what the form was submitted
 * for (without JavaScript, Add and Remove are submit buttons); null for a real submission.
 */
export function withParticipantRowsChanged(values: EngagementFormValues, intent: string): EngagementFormValues | null {
  if (intent === ADD_PARTICIPANT) {
    return { ...values, participants: [...values.participants, { organizationId: "", role: "" }] };
  }
  if (!intent.startsWith(REMOVE_PARTICIPANT)) return null;
  const removed = Number(intent.slice(REMOVE_PARTICIPANT.length));
  return { ...values, participants: values.participants.filter((_, index) => index !== removed) };
}

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
  ownerId: string;
  coOwnerIds: string[];
  participants: { organizationId: string; role: string }[];
}

/** Form values carried through the page as JSON (the edit form's starting point); null if malformed. */
export function parseFormValues(json: string): EngagementFormValues | null {
  try {
    const parsed: unknown = JSON.parse(json);
    const record = parsed as Record<string, unknown>;
    const isText = (value: unknown) => typeof value === "string";
    const valid =
      typeof parsed === "object" &&
      parsed !== null &&
      Object.keys(ENGAGEMENT_FIELD_LABELS).every((name) => isText(record[name])) &&
      Array.isArray(record.coOwnerIds) &&
      record.coOwnerIds.every(isText) &&
      Array.isArray(record.participants) &&
      record.participants.every(
        (participant: Record<string, unknown>) => isText(participant?.organizationId) && isText(participant?.role),
      );
    return valid ? (parsed as EngagementFormValues) : null;
  } catch {
    return null;
  }
}

/** The participants a person chose: rows left without an organization are not meant. */
const chosenParticipants = (values: EngagementFormValues) =>
  JSON.stringify(values.participants.filter((participant) => participant.organizationId));

/**
 * The form's fields whose value differs from what the form started with: an edit sends only
 * these, so it never writes back a value someone else changed meanwhile that the user did not touch.
 */
export function changedFields(
  values: EngagementFormValues,
  original: EngagementFormValues,
): Set<keyof EngagementFormValues> {
  const names = Object.keys(values) as (keyof EngagementFormValues)[];
  return new Set(
    names.filter((name) =>
      name === "participants"
        ? chosenParticipants(values) !== chosenParticipants(original)
        : name === "coOwnerIds"
          ? [...values.coOwnerIds].sort().join() !== [...original.coOwnerIds].sort().join()
          : values[name] !== original[name],
    ),
  );
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
    country: textOf(formData, "country"),
    hostCountry: textOf(formData, "hostCountry"),
    summary: textOf(formData, "summary"),
    objectives: textOf(formData, "objectives"),
    outcome: textOf(formData, "outcome"),
    status: textOf(formData, "status"),
    ownerId: textOf(formData, "ownerId"),
    coOwnerIds: formData.getAll("coOwnerIds").filter((value): value is string => typeof value === "string"),
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
  // A country is typed by name or code; anything else is refused here, never cut down to two letters.
  const countries = { country: countryCodeOf(values.country), hostCountry: countryCodeOf(values.hostCountry) };
  for (const name of ["country", "hostCountry"] as const) {
    if (!countries[name]) fieldErrors[name] = "Choose a country from the list.";
  }
  const participants = values.participants
    .map((participant, index) => ({ ...participant, index }))
    .filter((participant) => participant.organizationId);
  for (const participant of participants) {
    if (!(PARTICIPATION_ROLES as string[]).includes(participant.role)) {
      fieldErrors[`participants.${participant.index}.role`] = "Choose a role.";
    }
  }
  if (Object.keys(fieldErrors).length || !countries.country || !countries.hostCountry)
    return { ok: false, fieldErrors };
  return {
    ok: true,
    // Blank participant rows are not sent, so the API's "participants.1" may be the form's row 2.
    fieldNameOf: (apiPath) =>
      apiPath
        .replace(
          /^participants\.(\d+)/,
          (_, sent: string) => `participants.${participants[Number(sent)]?.index ?? sent}`,
        )
        // One group of checkboxes holds every co-owner: an error on any is shown there.
        .replace(/^coOwnerIds\.\d+$/, "coOwnerIds"),
    fields: {
      title: values.title,
      kind: values.kind as EngagementKind,
      seriesId: values.seriesId || null,
      round: values.round ? Number(values.round) : null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      locationName: values.locationName,
      region: values.region,
      country: countries.country,
      hostCountry: countries.hostCountry,
      summary: values.summary,
      objectives: values.objectives
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      // Blank: unassigned on an edit; on a new engagement the API makes its creator the owner.
      ownerId: values.ownerId || null,
      coOwnerIds: values.coOwnerIds,
      participants: participants.map(({ organizationId, role }) => ({
        organizationId,
        role: role as ParticipationRole,
      })),
    },
  };
}
