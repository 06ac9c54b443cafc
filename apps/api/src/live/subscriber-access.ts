import { CloseCode } from "graphql-ws";
import type { ViewerCache } from "../auth/viewer-cache.ts";
import { untraced } from "../tracing/spans.ts";
import type { Viewer } from "../auth/viewer.ts";

/** What can be closed: the WebSocket a subscriber is connected on. */
export interface SubscriberConnection {
  close(code: number, reason: string): void;
}

/** Why a subscriber may no longer receive changes: a graphql-ws close code and its reason. */
export interface AccessEnded {
  code: CloseCode.Unauthorized | CloseCode.Forbidden;
  reason: string;
}

/**
 * How often every open connection's credential is looked at again. Together with the viewer
 * cache's lifetime this bounds how long a connection outlives access ended on another instance.
 */
const RECHECK_EVERY_MS = 500;

/**
 * Ends subscriptions when the access they were opened with ends: the session is signed out,
 * the token revoked or expired, the user disabled or given another role. A connection keeps the
 * credential and the user and role it was accepted for; those are checked again for every change
 * delivered, at once whenever this instance changed who a credential stands for, and every
 * RECHECK_EVERY_MS — all through the viewer cache, so a change on another instance is seen
 * once that cache forgets (within its 5 s).
 */
export class SubscriberAccess {
  private readonly connections = new Map<SubscriberConnection, { credential: string; viewer: Viewer }>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly viewerCache: ViewerCache) {
    viewerCache.onForget(() => void this.recheckAll());
    this.timer = setInterval(() => void untraced(() => this.recheckAll()), RECHECK_EVERY_MS);
    this.timer.unref();
  }

  /** Watches a connection from its first subscription until it closes. */
  watch(connection: SubscriberConnection, credential: string, viewer: Viewer): void {
    if (!this.connections.has(connection)) this.connections.set(connection, { credential, viewer });
  }

  forget(connection: SubscriberConnection): void {
    this.connections.delete(connection);
  }

  /** Whether the credential still stands for the user and role it was accepted for; null while it does. */
  private async ended(credential: string, accepted: Viewer): Promise<AccessEnded | null> {
    const now = await this.viewerCache.viewerFor(credential);
    if (!now || now.id !== accepted.id) {
      return { code: CloseCode.Unauthorized, reason: "Signed out: the session ended or the token no longer works." };
    }
    if (now.role !== accepted.role) {
      return { code: CloseCode.Forbidden, reason: `Your role changed to ${now.role}: subscribe again.` };
    }
    return null;
  }

  /** Closes the connection when its access ended; says whether it did. */
  async closeIfEnded(connection: SubscriberConnection): Promise<boolean> {
    const watched = this.connections.get(connection);
    if (!watched) return false;
    const ended = await this.ended(watched.credential, watched.viewer).catch(() => null);
    if (!ended) return false;
    this.connections.delete(connection);
    connection.close(ended.code, ended.reason);
    return true;
  }

  private async recheckAll(): Promise<void> {
    await Promise.all([...this.connections.keys()].map((connection) => this.closeIfEnded(connection)));
  }

  stop(): void {
    clearInterval(this.timer);
    this.connections.clear();
  }
}
