"use client";

import { useActionState } from "react";
import type { RevokeState } from "../../app/tokens/actions";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";

const NOTHING_YET: RevokeState = { error: null };

/** Revokes one API token or calendar feed at once; a plain form post without JavaScript. */
export function RevokeButton({
  id,
  name,
  action,
}: {
  id: string;
  name: string;
  action: (previous: RevokeState, formData: FormData) => Promise<RevokeState>;
}) {
  const [state, formAction] = useActionState(action, NOTHING_YET);
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={id} />
      <SubmitButton variant="small" pendingLabel="Revoking…">
        Revoke<span className="visually-hidden"> {name}</span>
      </SubmitButton>
      <InlineError message={state.error} />
    </form>
  );
}
