"use server";

import { graphql, type EngagementSnapshot_EngagementFragment, type EngagementStatus } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { mutate } from "../../lib/api";
import {
  changedFields,
  engagementFieldsOf,
  formValuesOf,
  parseFormValues,
  withParticipantRowsChanged,
  type EngagementFormValues,
} from "../../lib/engagement-form";
import { formValuesOfEngagement } from "../../lib/engagement-form-options";
import { changesBetween, parseSnapshot, snapshotOf, type SnapshotChange } from "../../lib/engagement-snapshot";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors } from "../../lib/form-state";
import { STATUS_LABELS, STATUSES } from "../../lib/labels";
import { readableMoveErrors } from "../../lib/lifecycle-messages";
import { isCalendarDate } from "../../lib/list-view";
import { getFormatter } from "../../lib/reader";
import { engagementHref } from "../../lib/routes";

const ChangeStatusMutation = graphql(`
  mutation DashboardChangeStatus($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      engagement {
        allowedTransitions
        ...EngagementSnapshot_engagement
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const CompleteMilestoneMutation = graphql(`
  mutation DashboardCompleteMilestone($input: MilestoneStateInput!) {
    completeMilestone(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const ReopenMilestoneMutation = graphql(`
  mutation DashboardReopenMilestone($input: MilestoneStateInput!) {
    reopenMilestone(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const CreateEngagementMutation = graphql(`
  mutation DashboardCreateEngagement($input: CreateEngagementInput!) {
    createEngagement(input: $input) {
      engagement {
        id
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const UpdateEngagementMutation = graphql(`
  mutation DashboardUpdateEngagement($input: UpdateEngagementInput!) {
    updateEngagement(input: $input) {
      engagement {
        id
        ...EngagementSnapshot_engagement
        ...EngagementForm_engagement
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

/** Someone else's change found by a version conflict: what differs from what the user was looking at. */
export interface Conflict {
  changes: SnapshotChange[];
}

/** Compares the engagement as it now stands with the snapshot the form was rendered with. */
async function conflictWith(current: EngagementSnapshot_EngagementFragment, formData: FormData): Promise<Conflict> {
  const format = await getFormatter();
  return { changes: changesBetween(parseSnapshot(formData.get("seen")), snapshotOf(current, format)) };
}

export interface StatusChangeState extends FormErrors {
  /** What the user asked for, kept so a retry after a conflict starts from it. */
  status: string;
  reason: string;
  /** The new window typed when postponing. */
  startsOn: string;
  endsOn: string;
  conflict: Conflict | null;
  /** Said after a successful move. */
  done: string | null;
}

const STATUS_FORM_INPUTS = new Set(["status", "reason", "startsOn", "endsOn"]);

/** One lifecycle move with the version the user saw; a stale version comes back as a conflict to resolve. */
export async function changeStatusAction(_previous: StatusChangeState, formData: FormData): Promise<StatusChangeState> {
  const id = textOf(formData, "id");
  const status = textOf(formData, "status");
  const reason = textOf(formData, "reason");
  // Only a postponement carries new dates; the fields are hidden (and ignored) for other moves.
  const postponing = status === "POSTPONED";
  const window = {
    startsOn: postponing ? textOf(formData, "startsOn") : "",
    endsOn: postponing ? textOf(formData, "endsOn") : "",
  };
  const base = { status, reason, ...window, conflict: null, done: null };
  if (!(STATUSES as string[]).includes(status)) {
    return { ...base, fieldErrors: { status: "Choose the new status." }, formErrors: [] };
  }
  const badDates = Object.entries(window).filter(([, value]) => value && !isCalendarDate(value));
  if (badDates.length) {
    return {
      ...base,
      fieldErrors: Object.fromEntries(badDates.map(([name]) => [name, "Enter a date."])),
      formErrors: [],
    };
  }
  const result = await mutate(ChangeStatusMutation, {
    input: {
      id,
      status: status as EngagementStatus,
      reason: reason || null,
      startsOn: window.startsOn || null,
      endsOn: window.endsOn || null,
      expectedVersion: Number(textOf(formData, "expectedVersion")),
    },
  });
  if (!result.ok) return { ...base, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { engagement, errors } = result.data.updateEngagementStatus;
  revalidatePath(engagementHref(id));
  if (errors.length === 0) {
    return { ...base, reason: "", ...NO_ERRORS, done: `Moved to ${STATUS_LABELS[status as EngagementStatus]}.` };
  }
  if (errors.some((error) => error.code === "VERSION_CONFLICT") && engagement) {
    return { ...base, ...NO_ERRORS, conflict: await conflictWith(engagement, formData) };
  }
  const readable = engagement
    ? readableMoveErrors(errors, {
        from: engagement.status,
        to: status as EngagementStatus,
        allowed: engagement.allowedTransitions,
        reason,
      })
    : errors;
  return { ...base, ...formErrorsOf(readable, (path) => (STATUS_FORM_INPUTS.has(path) ? path : null)) };
}

export interface MilestoneState {
  error: string | null;
}

/**
 * Marks a milestone done or open again. Both are idempotent ("done already is not an error"),
 * so no version is sent: whoever did it first, the milestone ends up as asked.
 */
export async function toggleMilestoneAction(_previous: MilestoneState, formData: FormData): Promise<MilestoneState> {
  const input = { id: textOf(formData, "milestoneId") };
  const result =
    textOf(formData, "intent") === "reopen"
      ? await mutate(ReopenMilestoneMutation, { input })
      : await mutate(CompleteMilestoneMutation, { input });
  if (!result.ok) return { error: result.problem.detail };
  const { errors } = "reopenMilestone" in result.data ? result.data.reopenMilestone : result.data.completeMilestone;
  revalidatePath(engagementHref(textOf(formData, "engagementId")));
  return { error: errors[0]?.message ?? null };
}

export interface EngagementFormState extends FormErrors {
  values: EngagementFormValues | null;
  conflict: Conflict | null;
}

export async function createEngagementAction(
  _previous: EngagementFormState,
  formData: FormData,
): Promise<EngagementFormState> {
  const values = formValuesOf(formData);
  const rowsChanged = withParticipantRowsChanged(values, textOf(formData, "intent"));
  if (rowsChanged) return { values: rowsChanged, conflict: null, ...NO_ERRORS };
  const parsed = engagementFieldsOf(values);
  if (!parsed.ok) return { values, conflict: null, fieldErrors: parsed.fieldErrors, formErrors: [] };
  const result = await mutate(CreateEngagementMutation, {
    input: { ...parsed.fields, status: values.status === "PLANNED" ? "PLANNED" : "PROPOSED" },
  });
  if (!result.ok) return { values, conflict: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { engagement, errors } = result.data.createEngagement;
  if (errors.length || !engagement) return { values, conflict: null, ...formErrorsOf(errors, parsed.fieldNameOf) };
  revalidatePath("/", "layout");
  redirect(engagementHref(engagement.id));
}

export async function updateEngagementAction(
  _previous: EngagementFormState,
  formData: FormData,
): Promise<EngagementFormState> {
  const id = textOf(formData, "id");
  const values = formValuesOf(formData);
  const rowsChanged = withParticipantRowsChanged(values, textOf(formData, "intent"));
  if (rowsChanged) return { values: rowsChanged, conflict: null, ...NO_ERRORS };
  const parsed = engagementFieldsOf(values);
  if (!parsed.ok) return { values, conflict: null, fieldErrors: parsed.fieldErrors, formErrors: [] };
  // Only what the user changed is sent, so a colleague's change to another field survives.
  const original = parseFormValues(textOf(formData, "original"));
  const changed = original ? changedFields(values, original) : null;
  const fields = Object.fromEntries(
    Object.entries({ ...parsed.fields, outcome: values.outcome }).filter(
      ([name]) => !changed || changed.has(name as keyof EngagementFormValues),
    ),
  );
  const result = await mutate(UpdateEngagementMutation, {
    input: { ...fields, id, expectedVersion: Number(textOf(formData, "expectedVersion")) },
  });
  if (!result.ok) return { values, conflict: null, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { engagement, errors } = result.data.updateEngagement;
  if (errors.some((error) => error.code === "VERSION_CONFLICT") && engagement) {
    // The page re-renders with the fresh version. The form shows the engagement as it now stands
    // with the user's own changes on top, so saving again applies just those.
    revalidatePath(engagementHref(id), "layout");
    const merged = changed
      ? {
          ...formValuesOfEngagement(engagement),
          ...Object.fromEntries([...changed].map((name) => [name, values[name]])),
        }
      : values;
    return { values: merged, conflict: await conflictWith(engagement, formData), ...NO_ERRORS };
  }
  if (errors.length) return { values, conflict: null, ...formErrorsOf(errors, parsed.fieldNameOf) };
  revalidatePath("/", "layout");
  redirect(engagementHref(id));
}
