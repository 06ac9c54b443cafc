"use server";

import { graphql } from "@engagement-tracker/schema";
import { revalidatePath } from "next/cache";
import { mutate } from "../../lib/api";
import { textOf, type ActionState } from "../../lib/form-state";

const MarkReadMutation = graphql(`
  mutation DashboardMarkNotificationsRead($input: MarkNotificationsReadInput!) {
    markNotificationsRead(input: $input) {
      unreadCount
      errors {
        ...UserErrorFields
      }
    }
  }
`);

const WatchMutation = graphql(`
  mutation DashboardWatchEngagement($input: WatchEngagementInput!) {
    watchEngagement(input: $input) {
      watching
      errors {
        ...UserErrorFields
      }
    }
  }
`);

function settled(errors: readonly { message: string }[] | null, problem: string | null): ActionState {
  if (problem) return { error: problem };
  if (errors?.length) return { error: errors.map((error) => error.message).join(" ") };
  // The bell's count is in every page's header.
  revalidatePath("/", "layout");
  return { error: null };
}

/** Marks one notification read (`id`), or every one (`all`). */
export async function markReadAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const id = textOf(formData, "id");
  const result = await mutate(MarkReadMutation, { input: id ? { ids: [id] } : { all: true } });
  return settled(result.ok ? result.data.markNotificationsRead.errors : null, result.ok ? null : result.problem.detail);
}

export async function watchAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const input = { engagementId: textOf(formData, "engagementId"), watching: formData.get("watching") === "true" };
  const result = await mutate(WatchMutation, { input });
  return settled(result.ok ? result.data.watchEngagement.errors : null, result.ok ? null : result.problem.detail);
}
