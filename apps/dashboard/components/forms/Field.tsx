import type { ReactNode } from "react";

export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
}

/**
 * A labelled form control with its hint and its error; the control itself comes from
 * `children`, which receives the attributes that tie it to the label, hint and error.
 */
export function Field({
  name,
  id = fieldId(name),
  label,
  hint,
  error,
  className,
  children,
}: {
  name: string;
  /** Needed only where a page has several forms with this field. */
  id?: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span id={`${id}-hint`} className="field-hint">
          {hint}
        </span>
      ) : null}
      {children({
        id,
        name,
        ...(error ? { "aria-invalid": true } : {}),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error ? (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The element ID of a field, from its input name ("participants.0.role" → "field-participants-0-role"). */
export function fieldId(name: string): string {
  return `field-${name.replaceAll(".", "-")}`;
}
