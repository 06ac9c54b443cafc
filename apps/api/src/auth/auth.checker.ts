import { Role } from "@engagement-tracker/db";
import type { AuthChecker } from "type-graphql";
import type { Context } from "../context.ts";
import { forbidden, mayAct, unauthenticated } from "./viewer.ts";

/** `@Authorized()` needs any signed-in user; `@Authorized(Role.EDITOR)` at least that role. */
export const authChecker: AuthChecker<Context, Role> = ({ context }, roles) => {
  if (!context.viewer) throw unauthenticated();
  const needed = roles[0] ?? Role.VIEWER;
  if (!mayAct(context.viewer, needed)) throw forbidden(needed);
  return true;
};
