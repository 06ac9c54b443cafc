import type { ReactNode } from "react";
import styles from "./admin/Accounts.module.css";
import tableStyles from "./engagements/EngagementTable.module.css";

/**
 * A table of things to manage (users, tokens, feeds, views, webhooks): one header row of column
 * names, and sideways scrolling on a phone rather than squeezed forms.
 */
export function ScrollTable({ columns, children }: { columns: readonly string[]; children: ReactNode }) {
  return (
    <div className={styles.scroll}>
      <table className={tableStyles.table}>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
