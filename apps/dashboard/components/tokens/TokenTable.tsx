import { graphql, type TokenTable_ApiTokenFragment } from "@engagement-tracker/schema";
import { getFormatter } from "../../lib/reader";
import styles from "../admin/Accounts.module.css";
import tableStyles from "../engagements/EngagementTable.module.css";
import { revokeApiTokenAction } from "../../app/tokens/actions";
import { ActionButton } from "../forms/ActionButton";

export const TokenTableFragment = graphql(`
  fragment TokenTable_apiToken on ApiToken {
    id
    name
    prefix
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
  }
`);

export async function TokenTable({ tokens }: { tokens: readonly TokenTable_ApiTokenFragment[] }) {
  if (tokens.length === 0) return <p className="muted">No tokens yet.</p>;
  const formatter = await getFormatter();
  const now = new Date().toISOString();
  return (
    <div className={styles.scroll}>
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <tr key={token.id}>
              <td className={tableStyles.titleCell}>
                <strong>{token.name}</strong>
              </td>
              <td data-label="Starts with">
                <code>{token.prefix}…</code>
              </td>
              <td data-label="Created">{formatter.instant(token.createdAt)}</td>
              <td data-label="Expires">{formatter.instant(token.expiresAt)}</td>
              <td data-label="Last used">{token.lastUsedAt ? formatter.instant(token.lastUsedAt) : "Never"}</td>
              <td data-label="State">
                {token.revokedAt ? (
                  `Revoked ${formatter.instant(token.revokedAt)}`
                ) : token.expiresAt <= now ? (
                  "Expired"
                ) : (
                  <ActionButton
                    action={revokeApiTokenAction}
                    fields={{ id: token.id }}
                    subject={token.name}
                    pendingLabel="Revoking…"
                  >
                    Revoke
                  </ActionButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
