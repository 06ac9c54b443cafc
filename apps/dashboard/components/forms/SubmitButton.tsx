"use client";

import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";

/** A form's submit button that says it is working while the form is submitting (with JavaScript). */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  name,
  value,
  autoFocus,
}: {
  children: ReactNode;
  pendingLabel: string;
  variant?: "primary" | "secondary" | "small";
  name?: string;
  value?: string;
  /** For a button that replaces the one just pressed (a confirmation), so focus is not lost. */
  autoFocus?: boolean;
}) {
  const { pending } = useFormStatus();
  const variantClass = { primary: "button button-primary", secondary: "button", small: "button button-small" }[variant];
  return (
    <button
      type="submit"
      className={variantClass}
      disabled={pending}
      aria-disabled={pending}
      name={name}
      value={value}
      autoFocus={autoFocus}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
