"use client";

import type { ReactNode } from "react";
import styles from "../admin/Accounts.module.css";
import { Field } from "../forms/Field";

/** A secret shown this once, in a read-only field ready to select and copy. */
export function ShownOnce({
  heading,
  name,
  label,
  value,
  children,
}: {
  heading: string;
  name: string;
  label: string;
  value: string;
  children?: ReactNode;
}) {
  return (
    <div className="notice notice-success stack" role="status">
      <p>
        <strong>{heading}</strong>
      </p>
      <Field name={name} label={label}>
        {(control) => (
          <input
            {...control}
            type="text"
            readOnly
            value={value}
            className={styles.secret}
            spellCheck={false}
            onFocus={(event) => event.currentTarget.select()}
            autoComplete="off"
          />
        )}
      </Field>
      {children}
    </div>
  );
}
