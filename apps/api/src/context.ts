import type { PrismaClient } from "@engagement-tracker/db";
import type { SessionCookie } from "./auth/request-credentials.ts";
import type { SignInThrottle } from "./auth/sign-in-throttle.ts";
import type { Viewer } from "./auth/viewer.ts";
import type { ViewerCache } from "./auth/viewer-cache.ts";
import type { JobQueue } from "./jobs/job-queue.ts";
import type { ChangeHub } from "./live/change-hub.ts";
import type { SubscriberAccess, SubscriberConnection } from "./live/subscriber-access.ts";
import type { RequestRecord } from "./operations/request-log.ts";
import type { Loaders } from "./loader-registry.ts";
import type { AllowList } from "./webhooks/address-guard.ts";

/** Per-request state: the database, who is asking, and request-scoped DataLoaders that batch what a query touches. */
export interface Context {
  prisma: PrismaClient;
  loaders: Loaders;
  /** Background work, durable in the database (see jobs/). */
  jobs: JobQueue;
  /** The authenticated user, or null. */
  viewer: Viewer | null;
  /** The bearer token or session cookie the request carried, if any. */
  credential: string | null;
  sessionCookie: SessionCookie;
  /** Live changes for subscriptions; null where the server runs without them. */
  changeHub: ChangeHub | null;
  /** What webhook endpoints may reach (checked when one is saved). */
  webhooks: { allowList: AllowList };
  /** Whom credentials stand for; told when a write changes that. */
  viewerCache: ViewerCache;
  /** Over HTTP: the sign-in limits and the client's address they count. Absent over WebSocket (subscriptions only). */
  signInLimits?: { throttle: SignInThrottle; address: string };
  /** Over WebSocket: the connection a subscription arrived on, closed when its access ends. Absent over HTTP. */
  connection?: { socket: SubscriberConnection; access: SubscriberAccess };
  /** What the HTTP request's log line will say; filled in by the operations plugin. Absent over WebSocket. */
  requestRecord?: RequestRecord;
}

/** What the transport (HTTP or WebSocket) knows of a request; the server factory adds the database, fresh loaders, the job queue and webhook settings. */
export type RequestContext = Omit<Context, "prisma" | "loaders" | "jobs" | "webhooks">;
