"use client";

import { countryName } from "@engagement-tracker/schema/countries";
import { useEffect, useRef, useState, type MouseEvent } from "react";
import {
  ADD_PARTICIPANT,
  REMOVE_PARTICIPANT,
  participantLabel,
  type EngagementFormValues,
} from "../../lib/engagement-form";
import { PARTICIPATION_ROLE_LABELS, PARTICIPATION_ROLES } from "../../lib/labels";
import { Field } from "../forms/Field";
import styles from "./EngagementForm.module.css";

type Row = EngagementFormValues["participants"][number] & { key: number };

/**
 * The participant rows, each an organization (by name, grouped by country) and a role, with
 * Add and Remove. Without JavaScript those are submit buttons the server answers with one row
 * more or less (what was typed kept); with it they change the rows in place.
 */
export function ParticipantRows({
  participants,
  organizations,
  errors,
}: {
  participants: EngagementFormValues["participants"];
  organizations: readonly { id: string; name: string; country: string }[];
  errors: Record<string, string>;
}) {
  const [rows, setRows] = useState<Row[]>(() => participants.map((participant, key) => ({ ...participant, key })));
  const [focusKey, setFocusKey] = useState<number | "add" | null>(null);
  const fieldset = useRef<HTMLFieldSetElement>(null);
  const countries = [...new Set(organizations.map((organization) => organization.country))];

  useEffect(() => {
    if (focusKey === null) return;
    const target =
      focusKey === "add"
        ? fieldset.current?.querySelector<HTMLElement>(`button[value="${ADD_PARTICIPANT}"]`)
        : fieldset.current?.querySelector<HTMLElement>(`[data-row="${focusKey}"] select`);
    target?.focus();
  }, [focusKey, rows]);

  /** Changing the rows is an edit the unsaved-changes warning should know of, as typing is. */
  const changeRows = (event: MouseEvent<HTMLButtonElement>, next: Row[], focus: number | "add") => {
    event.preventDefault();
    setRows(next);
    setFocusKey(focus);
    event.currentTarget.dispatchEvent(new Event("input", { bubbles: true }));
  };

  return (
    <fieldset ref={fieldset} className={`card ${styles.section}`}>
      <legend className={styles.legend}>Participants</legend>
      <p className={`field-hint ${styles.wide}`}>A row left without an organization is skipped.</p>
      {rows.map((participant, index) => (
        <div key={participant.key} data-row={participant.key} className={styles.participant}>
          <Field
            name={`participants.${index}.organizationId`}
            label={participantLabel(index, "organizationId")}
            error={errors[`participants.${index}.organizationId`]}
          >
            {(control) => (
              <select {...control} defaultValue={participant.organizationId}>
                <option value="">None</option>
                {countries.map((country) => (
                  <optgroup key={country} label={countryName(country)}>
                    {organizations
                      .filter((organization) => organization.country === country)
                      .map((organization) => (
                        <option key={organization.id} value={organization.id}>
                          {organization.name}
                        </option>
                      ))}
                  </optgroup>
                ))}
              </select>
            )}
          </Field>
          <Field
            name={`participants.${index}.role`}
            label={participantLabel(index, "role")}
            error={errors[`participants.${index}.role`]}
          >
            {(control) => (
              <select {...control} defaultValue={participant.role || "DELEGATION"}>
                {PARTICIPATION_ROLES.map((role) => (
                  <option key={role} value={role}>
                    {PARTICIPATION_ROLE_LABELS[role]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="submit"
            className={`button button-small ${styles.removeRow}`}
            name="intent"
            value={`${REMOVE_PARTICIPANT}${index}`}
            formNoValidate
            onClick={(event) => {
              const next = rows.filter((other) => other !== participant);
              changeRows(event, next, next[Math.min(index, next.length - 1)]?.key ?? "add");
            }}
          >
            Remove<span className="visually-hidden"> participant {index + 1}</span>
          </button>
        </div>
      ))}
      <div className={styles.wide}>
        <button
          type="submit"
          className="button button-small"
          name="intent"
          value={ADD_PARTICIPANT}
          formNoValidate
          onClick={(event) => {
            const added = { organizationId: "", role: "", key: Math.max(-1, ...rows.map((other) => other.key)) + 1 };
            changeRows(event, [...rows, added], added.key);
          }}
        >
          Add participant
        </button>
      </div>
    </fieldset>
  );
}
