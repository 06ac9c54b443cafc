"use client";

import { useActionState } from "react";
import { revokeApiTokenAction, type RevokeApiTokenState } from "../../app/tokens/actions";
import { InlineError } from "../forms/InlineError";
import { SubmitButton } from "../forms/SubmitButton";

const NOTHING_YET: RevokeApiTokenState = { error: null };

/** Revokes one token at once; a plain form post without JavaScript. */
export function RevokeApiTokenButton({ id, name }: { id: string; name: string }) {
  const [state, formAction] = useActionState(revokeApiTokenAction, NOTHING_YET);
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
