"use server";

import { graphql, type AlertKind, type AlertTiming } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../../lib/api";
import { formErrorsOf, NO_ERRORS, textOf, type FormErrors } from "../../../lib/form-state";

const UpdateAlertPreferencesMutation = graphql(`
  mutation DashboardUpdateAlertPreferences($input: UpdateAlertPreferencesInput!) {
    updateAlertPreferences(input: $input) {
      preferences {
        ...AlertPreferencesForm_preferences
      }
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface AlertPreferencesValues {
  kinds: string[];
  timing: string;
  quietFrom: string;
  quietUntil: string;
  timeZone: string;
  dueSoonDays: string;
}

export interface AlertPreferencesState extends FormErrors {
  values: AlertPreferencesValues;
  saved: boolean;
}

/** The API's field paths, as the form's input names. */
const INPUT_NAMES: Record<string, string> = {
  kinds: "kinds",
  timing: "timing",
  "quietHours.from": "quietFrom",
  "quietHours.until": "quietUntil",
  timeZone: "timeZone",
  dueSoonDays: "dueSoonDays",
};

export async function updateAlertPreferencesAction(
  _previous: AlertPreferencesState,
  formData: FormData,
): Promise<AlertPreferencesState> {
  const values: AlertPreferencesValues = {
    kinds: formData.getAll("kinds").filter((kind): kind is string => typeof kind === "string"),
    timing: textOf(formData, "timing"),
    quietFrom: textOf(formData, "quietFrom"),
    quietUntil: textOf(formData, "quietUntil"),
    timeZone: textOf(formData, "timeZone"),
    dueSoonDays: textOf(formData, "dueSoonDays"),
  };
  const days = Number(values.dueSoonDays);
  if (!values.dueSoonDays || !Number.isInteger(days)) {
    return { values, saved: false, fieldErrors: { dueSoonDays: "Enter a whole number of days." }, formErrors: [] };
  }
  // Both times empty: no quiet hours. One alone goes to the API, which says what is missing.
  const quietHours =
    values.quietFrom || values.quietUntil ? { from: values.quietFrom, until: values.quietUntil } : null;
  const result = await mutate(UpdateAlertPreferencesMutation, {
    input: {
      kinds: values.kinds as AlertKind[],
      timing: values.timing as AlertTiming,
      quietHours,
      timeZone: values.timeZone,
      dueSoonDays: days,
    },
  });
  if (!result.ok) return { values, saved: false, fieldErrors: {}, formErrors: [result.problem.detail] };
  const { preferences, errors } = result.data.updateAlertPreferences;
  if (errors.length || !preferences) {
    return { values, saved: false, ...formErrorsOf(errors, (field) => INPUT_NAMES[field] ?? null) };
  }
  revalidatePath("/settings/alerts");
  return { values, saved: true, ...NO_ERRORS };
}
