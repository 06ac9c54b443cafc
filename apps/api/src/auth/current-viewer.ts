import { createParameterDecorator } from "type-graphql";
import type { Context } from "../context.ts";
import { unauthenticated, type Viewer } from "./viewer.ts";

/**
 * The signed-in user, as a resolver parameter (`@CurrentViewer() viewer: Viewer`), for resolvers
 * behind `@Authorized()`. The auth checker has refused a request without one already; this
 * refuses the same way should the two ever part, rather than hand on null.
 */
export function CurrentViewer() {
  return createParameterDecorator<Context>(({ context }): Viewer => {
    if (!context.viewer) throw unauthenticated();
    return context.viewer;
  });
}
