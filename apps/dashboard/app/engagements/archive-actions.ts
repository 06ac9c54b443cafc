"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { textOf } from "../../lib/form-state";
import { engagementHref } from "../../lib/routes";

const ArchiveMutation = graphql(`
  mutation DashboardArchiveEngagement($input: ArchiveEngagementInput!) {
    archiveEngagement(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const UnarchiveMutation = graphql(`
  mutation DashboardUnarchiveEngagement($input: ArchiveEngagementInput!) {
    unarchiveEngagement(input: $input) {
      errors {
        ...UserErrorFields
      }
    }
  }
`);

export interface ArchiveState {
  error: string | null;
}

/**
 * Archives (`intent=archive`) or unarchives the engagement, with the version the user saw: a
 * change made meanwhile is refused, and the page then shows it.
 */
export async function archiveAction(_previous: ArchiveState, formData: FormData): Promise<ArchiveState> {
  const id = textOf(formData, "id");
  const input = { id, expectedVersion: Number(textOf(formData, "expectedVersion")) };
  const result =
    textOf(formData, "intent") === "unarchive"
      ? await mutate(UnarchiveMutation, { input })
      : await mutate(ArchiveMutation, { input });
  if (!result.ok) return { error: result.problem.detail };
  const { errors } =
    "unarchiveEngagement" in result.data ? result.data.unarchiveEngagement : result.data.archiveEngagement;
  // Lists, counts and the overview change too.
  revalidatePath("/", "layout");
  revalidatePath(engagementHref(id));
  return { error: errors[0]?.message ?? null };
}
