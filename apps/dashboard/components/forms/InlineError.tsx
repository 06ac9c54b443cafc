/** A refusal said beside the small form that caused it (the forms without an error summary). */
export function InlineError({ message }: { message: string | null }) {
  return message ? (
    <span role="alert" className="field-error">
      {message}
    </span>
  ) : null;
}
