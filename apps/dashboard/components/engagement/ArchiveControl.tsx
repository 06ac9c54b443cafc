"use client";

import { useActionState } from "react";
import { archiveAction, type ArchiveState } from "../../app/engagements/archive-actions";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";
import styles from "./EngagementDetail.module.css";

/**
 * Archive or unarchive behind a confirmation step: a disclosure holding the real button, so it
 * takes two deliberate clicks with or without JavaScript.
 */
export function ArchiveControl({ id, version, archived }: { id: string; version: number; archived: boolean }) {
  const [state, formAction] = useActionState<ArchiveState, FormData>(archiveAction, { error: null });
  const verb = archived ? "Unarchive" : "Archive";
  return (
    <details className={styles.confirm} open={state.error ? true : undefined}>
      <summary className="button">{verb}…</summary>
      <form action={formAction} className={styles.confirmPanel}>
        <p>
          {archived
            ? "Unarchive this engagement? It returns to lists and counts and can be changed again."
            : "Archive this engagement? It leaves lists and counts and can no longer be changed until it is unarchived."}
        </p>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="expectedVersion" value={version} />
        <input type="hidden" name="intent" value={archived ? "unarchive" : "archive"} />
        <div>
          <SubmitButton variant="primary" pendingLabel={archived ? "Unarchiving…" : "Archiving…"}>
            {`${verb} engagement`}
          </SubmitButton>
        </div>
        <InlineError message={state.error} />
      </form>
    </details>
  );
}
