"use client";

import { useActionState } from "react";
import { toggleMilestoneAction, type MilestoneState } from "../../app/engagements/actions";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./EngagementDetail.module.css";

/** Completes or reopens one milestone; a plain form post when JavaScript is off. */
export function MilestoneToggle({
  engagementId,
  milestoneId,
  title,
  done,
}: {
  engagementId: string;
  milestoneId: string;
  title: string;
  done: boolean;
}) {
  const [state, formAction] = useActionState<MilestoneState, FormData>(toggleMilestoneAction, { error: null });
  return (
    <form action={formAction} className={styles.milestoneAction}>
      <input type="hidden" name="engagementId" value={engagementId} />
      <input type="hidden" name="milestoneId" value={milestoneId} />
      <input type="hidden" name="intent" value={done ? "reopen" : "complete"} />
      <SubmitButton variant="small" pendingLabel="Saving…">
        {done ? "Reopen" : "Mark done"}
        <span className="visually-hidden">: {title}</span>
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
