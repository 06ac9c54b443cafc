import type { ComponentProps, ReactNode } from "react";
import { getFormatter } from "../../lib/reader";
import tableStyles from "../engagements/EngagementTable.module.css";
import { ActionButton } from "../forms/ActionButton";
import { ScrollTable } from "../ScrollTable";

/** What the API tells of a secret it showed once: an API token or a calendar feed. */
interface Credential {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt?: string | null;
  revokedAt?: string | null;
}

type Formatter = Awaited<ReturnType<typeof getFormatter>>;

interface Column<Row> {
  label: string;
  cell: (row: Row, formatter: Formatter) => ReactNode;
}

/**
 * The secrets a reader holds, one kind per table: name, prefix, what the kind adds (`columns`), when
 * it was created and last used, and whether it still works — with a button to revoke it.
 */
export async function CredentialTable<Row extends Credential>({
  rows,
  empty,
  columns,
  lastUsedLabel,
  revokeAction,
  endedState,
}: {
  rows: readonly Row[];
  empty: string;
  /** Shown between the prefix and the last use. */
  columns: Column<Row>[];
  lastUsedLabel: string;
  revokeAction: ComponentProps<typeof ActionButton>["action"];
  /** Why a row that was never revoked no longer works ("Expired"), if it can end by itself. */
  endedState?: (row: Row) => string | null;
}) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  const formatter = await getFormatter();
  return (
    <ScrollTable columns={["Name", "Starts with", ...columns.map((column) => column.label), lastUsedLabel, "State"]}>
      {rows.map((row) => {
        const ended = row.revokedAt ? `Revoked ${formatter.instant(row.revokedAt)}` : endedState?.(row);
        return (
          <tr key={row.id}>
            <td className={tableStyles.titleCell}>
              <strong>{row.name}</strong>
            </td>
            <td data-label="Starts with">
              <code>{row.prefix}…</code>
            </td>
            {columns.map((column) => (
              <td data-label={column.label} key={column.label}>
                {column.cell(row, formatter)}
              </td>
            ))}
            <td data-label={lastUsedLabel}>{row.lastUsedAt ? formatter.instant(row.lastUsedAt) : "Never"}</td>
            <td data-label="State">
              {ended ?? (
                <ActionButton action={revokeAction} fields={{ id: row.id }} subject={row.name} pendingLabel="Revoking…">
                  Revoke
                </ActionButton>
              )}
            </td>
          </tr>
        );
      })}
    </ScrollTable>
  );
}
