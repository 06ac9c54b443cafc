import { createHash, randomBytes } from "node:crypto";

/**
 * Session tokens (dashboard sign-ins), personal API tokens and calendar feed tokens, told apart by
 * their prefix. A calendar token only opens its feed: it is no credential for the API.
 */
export const TOKEN_PREFIX = { session: "ets_", personal: "etp_", calendar: "etc_" } as const;

/** What `issueToken` makes: a prefix and 43 base64url characters (256 bits). */
export function isWellFormed(token: string, kind: keyof typeof TOKEN_PREFIX): boolean {
  return token.startsWith(TOKEN_PREFIX[kind]) && /^[A-Za-z0-9_-]{43}$/.test(token.slice(TOKEN_PREFIX[kind].length));
}

export interface IssuedToken {
  /** Shown to its owner once; never stored. */
  token: string;
  /** What is stored: SHA-256 is enough for 256 random bits, and lets a lookup use an index. */
  hash: string;
  /** The first characters, so an owner can recognise a token in a list. */
  prefix: string;
}

export function issueToken(kind: keyof typeof TOKEN_PREFIX): IssuedToken {
  const token = TOKEN_PREFIX[kind] + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
