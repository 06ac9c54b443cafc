import { Role } from "@engagement-tracker/db";
import { GraphQLError } from "graphql";

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

export function forbidden(needed: Role): GraphQLError {
  return new GraphQLError(`Your role may not do this; it needs ${needed}.`, {
    extensions: { code: "FORBIDDEN", http: { status: 403 } },
  });
}
