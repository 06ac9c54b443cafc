"use client";

import { useEffect, useRef } from "react";
import type { FormErrors } from "../../lib/form-state";
import { fieldId } from "./Field";

/**
 * Lists what stopped a submission at the top of the form, each field error linking to its
 * field, and takes focus so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ errors, labels }: { errors: FormErrors; labels: Record<string, string> }) {
  const summary = useRef<HTMLDivElement>(null);
  const fieldEntries = Object.entries(errors.fieldErrors);
  const count = fieldEntries.length + errors.formErrors.length;
  useEffect(() => {
    if (count > 0) summary.current?.focus();
  }, [errors, count]);
  if (count === 0) return null;
  return (
    <div ref={summary} className="notice notice-error" role="alert" tabIndex={-1}>
      <strong>{count === 1 ? "There is a problem" : `There are ${count} problems`}</strong>
      <ul>
        {errors.formErrors.map((message) => (
          <li key={message}>{message}</li>
        ))}
        {fieldEntries.map(([name, message]) => (
          <li key={name}>
            <a href={`#${fieldId(name)}`}>
              {labels[name] ? `${labels[name]}: ` : ""}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
