import { graphql, type TokenTable_ApiTokenFragment } from "@engagement-tracker/schema";
import { revokeApiTokenAction } from "../../app/tokens/actions";
import { CredentialTable } from "./CredentialTable";

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

export function TokenTable({ tokens }: { tokens: readonly TokenTable_ApiTokenFragment[] }) {
  const now = new Date().toISOString();
  return (
    <CredentialTable
      rows={tokens}
      empty="No tokens yet."
      columns={[
        { label: "Created", cell: (token, formatter) => formatter.instant(token.createdAt) },
        { label: "Expires", cell: (token, formatter) => formatter.instant(token.expiresAt) },
      ]}
      lastUsedLabel="Last used"
      revokeAction={revokeApiTokenAction}
      endedState={(token) => (token.expiresAt <= now ? "Expired" : null)}
    />
  );
}
