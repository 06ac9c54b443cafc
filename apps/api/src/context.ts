import type { Database, PrismaClient } from "@engagement-tracker/db";
import type { SignInThrottle } from "./auth/sign-in-throttle.ts";
import type { Viewer } from "./auth/viewer.ts";
import type { ViewerCache } from "./auth/viewer-cache.ts";
import type { ChangeHub } from "./live/change-hub.ts";
import type { SubscriberAccess, SubscriberConnection } from "./live/subscriber-access.ts";
import type { RequestRecord } from "./operations/request-log.ts";
import { createDashboardLoaders } from "./dashboard/dashboard.service.ts";
import { createEngagementLoaders } from "./engagements/engagement.loaders.ts";
import { createMilestoneLoaders } from "./milestones/milestone.service.ts";
import { createParticipantLoaders } from "./organizations/organization.service.ts";
import { createSeriesLoaders } from "./series/series.service.ts";
import { createUserLoaders } from "./users/user.service.ts";

/** Sets or clears the session cookie on the response, for browsers that talk to the API directly. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** Per-request state: the database, who is asking, and request-scoped DataLoaders that batch what a query touches. */
export interface Context {
  prisma: PrismaClient;
  loaders: ReturnType<typeof createLoaders>;
  /** The authenticated user, or null. */
  viewer: Viewer | null;
  /** The bearer token or session cookie the request carried, if any. */
  credential: string | null;
  sessionCookie: SessionCookie;
  /** Live changes for subscriptions; null where the server runs without them. */
  changeHub: ChangeHub | null;
  /** Whom credentials stand for; told when a write changes that. */
  viewerCache: ViewerCache;
  /** Over HTTP: the sign-in limits and the client's address they count. Absent over WebSocket (subscriptions only). */
  signInLimits?: { throttle: SignInThrottle; address: string };
  /** Over WebSocket: the connection a subscription arrived on, closed when its access ends. Absent over HTTP. */
  connection?: { socket: SubscriberConnection; access: SubscriberAccess };
  /** What the HTTP request's log line will say; filled in by the operations plugin. Absent over WebSocket. */
  requestRecord?: RequestRecord;
}

export function createLoaders(prisma: PrismaClient) {
  return {
    ...createDashboardLoaders(prisma),
    ...createEngagementLoaders(prisma),
    ...createMilestoneLoaders(prisma),
    ...createParticipantLoaders(prisma),
    ...createSeriesLoaders(prisma),
    ...createUserLoaders(prisma),
  };
}

export function createContext(db: Database, request: Omit<Context, "prisma" | "loaders">): Context {
  return { prisma: db.prisma, loaders: createLoaders(db.prisma), ...request };
}

/** Call with a write's result once it committed, so other API instances hear of it. */
export function announced<Result extends { sequence: bigint | null }>(context: Context, result: Result): Result {
  if (result.sequence !== null) context.changeHub?.announce(result.sequence);
  return result;
}
