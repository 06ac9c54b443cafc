import type { PrismaClient } from "@engagement-tracker/db";
import { LRUCache } from "lru-cache";
import { viewerForToken } from "./auth.service.ts";
import type { Viewer } from "./viewer.ts";

/**
 * How long a token's viewer is reused without asking the database. Revoking a token, signing
 * out or changing a user clears this instance's cache at once; other instances notice within this.
 */
const VIEWER_CACHE_TTL_MS = 5_000;

/**
 * Remembers, for a few seconds, whom each bearer token or session cookie stands for, so a
 * client's burst of requests costs one credential lookup rather than one each.
 */
export class ViewerCache {
  // A Map cannot hold null as a value with a TTL; `false` records "this token is not valid".
  private readonly viewers = new LRUCache<string, Viewer | false>({ max: 10_000, ttl: VIEWER_CACHE_TTL_MS });
  private readonly forgetListeners: (() => void)[] = [];

  constructor(private readonly prisma: PrismaClient) {}

  async viewerFor(token: string): Promise<Viewer | null> {
    const known = this.viewers.get(token);
    if (known !== undefined) return known || null;
    const viewer = await viewerForToken(this.prisma, token);
    this.viewers.set(token, viewer ?? false);
    return viewer;
  }

  /** After a write that may change who a token stands for: a sign-out, a revocation, a user's role or access. */
  forgetAll(): void {
    this.viewers.clear();
    this.forgetListeners.forEach((listener) => listener());
  }

  /** Hears of every `forgetAll`: whatever holds on to a credential checks it again. */
  onForget(listener: () => void): void {
    this.forgetListeners.push(listener);
  }
}
