import { GraphQLError } from "graphql";
import { LRUCache } from "lru-cache";

const FIFTEEN_MINUTES_MS = 15 * 60_000;
/** Wrong passwords in a row an account takes before each further attempt must wait. */
export const FAILURES_BEFORE_BACKOFF = 5;
/** The first wait; each further wrong password doubles it, up to fifteen minutes. */
const FIRST_BACKOFF_MS = 30_000;

interface AccountFailures {
  failures: number;
  /** No attempt for this account is checked before then. */
  lockedUntil: number;
}

/**
 * Limits password guessing where the guess is actually checked: once per `signIn` executed,
 * however the request was sent (full text, a persisted-query hash, aliases, a batch).
 * Per address: a fixed number of attempts per 15 minutes. Per account: after a few wrong
 * passwords in a row each attempt must wait, twice as long after each further wrong one, from
 * any address — so spreading guesses over many addresses gains nothing. A right password ends
 * the wait's growth. Counts are kept per API instance.
 *
 * Written here rather than with a rate-limiting library: the per-account wait grows with the
 * failures it counts, which a fixed-window limiter's "block" resets.
 */
export class SignInThrottle {
  private readonly attemptsByAddress: LRUCache<string, { count: number }>;
  private readonly failuresByAccount = new LRUCache<string, AccountFailures>({
    max: 100_000,
    ttl: FIFTEEN_MINUTES_MS * 4,
  });

  constructor(private readonly attemptsPer15Minutes: number) {
    this.attemptsByAddress = new LRUCache({ max: 100_000, ttl: FIFTEEN_MINUTES_MS, noUpdateTTL: true });
  }

  /** Counts an attempt, or refuses it (RATE_LIMITED) before the password is looked at. */
  admit(address: string, account: string): void {
    const attempts = this.attemptsByAddress.get(address);
    if (attempts && attempts.count >= this.attemptsPer15Minutes) {
      throw rateLimited("Too many sign-in attempts from this address; try again later.");
    }
    if (attempts) attempts.count += 1;
    else this.attemptsByAddress.set(address, { count: 1 });

    const waitMs = (this.failuresByAccount.get(account)?.lockedUntil ?? 0) - Date.now();
    if (waitMs > 0) {
      throw rateLimited(`Too many wrong passwords for this account; try again in ${Math.ceil(waitMs / 1000)} seconds.`);
    }
  }

  failed(account: string): void {
    const failures = (this.failuresByAccount.get(account)?.failures ?? 0) + 1;
    const beyond = failures - FAILURES_BEFORE_BACKOFF;
    const waitMs = beyond >= 0 ? Math.min(FIFTEEN_MINUTES_MS, FIRST_BACKOFF_MS * 2 ** beyond) : 0;
    this.failuresByAccount.set(account, { failures, lockedUntil: Date.now() + waitMs });
  }

  succeeded(account: string): void {
    this.failuresByAccount.delete(account);
  }
}

function rateLimited(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "RATE_LIMITED", http: { status: 429 } } });
}
