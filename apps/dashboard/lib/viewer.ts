import { graphql, type Role } from "@engagement-tracker/schema";
import { cache } from "react";
import { queryMaybeSignedOut } from "./api";
import { liveState } from "./live-state";
import { sessionToken } from "./session";

const ViewerQuery = graphql(`
  query DashboardViewer {
    viewer {
      id
      name
      email
      role
    }
  }
`);

/**
 * A user whose email and role the API showed: the API shows them to the user themself and to
 * admins, and null to anyone else.
 */
export function withAccount<User extends { email: string | null; role: Role | null }>(
  user: User | null,
): (User & { email: string; role: Role }) | null {
  return user && user.email !== null && user.role !== null ? { ...user, email: user.email, role: user.role } : null;
}

/**
 * Who is signed in, once per request (the header and the page both ask); null when nobody is.
 * While the session has a live stream open, the answer the API gave is reused: the stream's end
 * is what would tell that the session or its role changed, and ending forgets it.
 */
export const getViewer = cache(async () => {
  const token = await sessionToken();
  if (!token) return null;
  const known = liveState.viewerOf(token);
  if (known !== undefined) return known;
  // Never sends anyone to sign in: the sign-in page itself asks who is signed in.
  const result = await queryMaybeSignedOut(ViewerQuery);
  const viewer = result.ok ? withAccount(result.data.viewer) : null;
  if (result.ok) liveState.rememberViewer(token, viewer);
  return viewer;
});

const EDITING_ROLES: readonly Role[] = ["EDITOR", "ADMIN"];

/** Editors create engagements, edit them, move them through the lifecycle and keep milestones; viewers read. */
export function canEdit(viewer: { role: Role } | null): boolean {
  return viewer !== null && EDITING_ROLES.includes(viewer.role);
}

/** Admins manage users and see everyone's API tokens. */
export function isAdmin(viewer: { role: Role } | null): boolean {
  return viewer?.role === "ADMIN";
}
