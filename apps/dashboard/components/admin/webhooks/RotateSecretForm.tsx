"use client";

import { useActionState } from "react";
import { rotateWebhookSecretAction, type RotateSecretState } from "../../../app/admin/webhooks/actions";
import { InlineError } from "../../forms/InlineError";
import { SubmitButton } from "../../forms/SubmitButton";
import { ShownOnce } from "../../tokens/ShownOnce";

const NOT_YET: RotateSecretState = { error: null, secret: null };

/** Replaces an endpoint's signing secret and shows the new one this once. */
export function RotateSecretForm({ id }: { id: string }) {
  const [state, formAction] = useActionState(rotateWebhookSecretAction, NOT_YET);
  return (
    <div className="stack">
      {state.secret ? (
        <ShownOnce
          heading="Copy the new signing secret into the receiver now. You won’t see it again; the old one no longer signs."
          name="secret"
          label="New signing secret"
          value={state.secret}
        />
      ) : null}
      <form action={formAction}>
        <input type="hidden" name="id" value={id} />
        <SubmitButton variant="small" pendingLabel="Rotating…">
          Rotate secret
        </SubmitButton>
        <InlineError message={state.error} />
      </form>
    </div>
  );
}
