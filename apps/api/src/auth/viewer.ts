import { Role } from "@engagement-tracker/db";
import { GraphQLError } from "graphql";
import { TOKEN_PREFIX } from "./tokens.ts";

/** The authenticated user a request acts for. */
export interface Viewer {
  id: string;
  role: Role;
}

const RANK: Record<Role, number> = { VIEWER: 0, EDITOR: 1, ADMIN: 2 };

/** Roles are cumulative: an EDITOR may do what a VIEWER may, an ADMIN what an EDITOR may. */
export function mayAct(viewer: Viewer, needed: Role): boolean {
  return RANK[viewer.role] >= RANK[needed];
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError("Sign in first: this needs an authenticated user or API token.", {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });
}

/**
 * Some acts need a signed-in session, not a personal API token: a token that could mint tokens
 * would outlive its own expiry and revocation, and a token is not something to "sign out".
 */
export function requireSession(credential: string | null, act: string): asserts credential is string {
  if (credential?.startsWith(TOKEN_PREFIX.session)) return;
  throw new GraphQLError(`${act} needs a signed-in session; an API token cannot do it.`, {
    extensions: { code: "FORBIDDEN", http: { status: 403 } },
  });
}

export function forbidden(needed: Role): GraphQLError {
  return new GraphQLError(`Your role may not do this; it needs ${needed}.`, {
    extensions: { code: "FORBIDDEN", http: { status: 403 } },
  });
}
