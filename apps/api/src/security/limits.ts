import { OPERATION_LIMITS } from "@engagement-tracker/schema/limits";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Request, RequestHandler, Response } from "express";
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from "express-rate-limit";
import { GraphQLError } from "graphql";
import { hashToken } from "../auth/tokens.ts";
import { credentialOf } from "../auth/request-credentials.ts";
import type { ViewerCache } from "../auth/viewer-cache.ts";
import type { Viewer } from "../auth/viewer.ts";

/** Validation rules and plugins that refuse operations over OPERATION_LIMITS before they run. */
export function operationLimits() {
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    // graphql-armor's token limit parses every request a second time and answers its
    // refusals (and any syntax error) with HTTP 500; graphql-js's own parser limit is used instead.
    maxTokens: { enabled: false },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // Suggestions ("did you mean …?") map the schema for someone who may not read it.
    blockFieldSuggestion: { enabled: true },
  });
  const { plugins, validationRules } = armor.protect();
  return { plugins, validationRules, parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens } };
}

export interface RateLimits {
  /** Requests per minute for one user's token, or one IP address without a valid one. */
  requestsPerMinute: number;
  /** Sign-in attempts per 15 minutes from one IP address. */
  signInsPer15Minutes: number;
}

/** Deepest JSON a request body may nest: our deepest input is a handful of levels. */
export const MAX_BODY_DEPTH = 32;

const refusal = (message: string, code: string) => ({
  errors: [new GraphQLError(message, { extensions: { code } }).toJSON()],
});

/**
 * Whom the request's credential stands for, looked up once per request: rate limits key on it
 * and the GraphQL context reuses it.
 */
export interface Authentication {
  credential: string | null;
  viewer: Viewer | null;
}

export async function authenticateRequest(request: Request, viewerCache: ViewerCache): Promise<Authentication> {
  const credential = credentialOf(request);
  return { credential, viewer: credential ? await viewerCache.viewerFor(credential) : null };
}

/**
 * Looks the credential up before the rate limit. When the database cannot answer, the request
 * goes on unauthenticated as far as the limit is concerned; the GraphQL layer then looks again
 * and reports the fault as DATABASE_UNAVAILABLE.
 */
export function authenticate(viewerCache: ViewerCache): RequestHandler {
  return async (request, response, next) => {
    response.locals.authentication = await authenticateRequest(request, viewerCache).catch(() => undefined);
    next();
  };
}

export const authenticationOf = (response: Response): Authentication | undefined => response.locals.authentication;

/**
 * A verified credential is limited as its user's; anything else — no credential, or one that
 * does not check out — counts against the address, so made-up tokens buy no fresh allowance.
 */
function clientKey(request: Request, response: Response): string {
  const authentication = authenticationOf(response);
  return authentication?.credential && authentication.viewer
    ? `token:${hashToken(authentication.credential)}`
    : `ip:${ipKeyGenerator(request.ip ?? "")}`;
}

export function requestLimiter(limits: RateLimits): RateLimitRequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: limits.requestsPerMinute,
    keyGenerator: clientKey,
    // Which X-Forwarded-For to believe is TRUST_PROXY's decision; a header from an untrusted peer is expected.
    validate: { xForwardedForHeader: false },
    standardHeaders: "draft-8",
    legacyHeaders: false,
    message: refusal("Too many requests; slow down and retry after the time in the RateLimit header.", "RATE_LIMITED"),
  });
}

/**
 * Refuses a body nested deeper than MAX_BODY_DEPTH before anything walks it: code that
 * recurses over a value (JSON.stringify, a logger, a validator) would overflow the stack.
 * Measured without recursion itself.
 */
export const refuseDeepBodies: RequestHandler = (request, response, next) => {
  if (depthExceeds(request.body, MAX_BODY_DEPTH)) {
    response.status(400).json(refusal(`The request nests deeper than ${MAX_BODY_DEPTH} levels.`, "BAD_REQUEST"));
    return;
  }
  next();
};

function depthExceeds(value: unknown, limit: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length) {
    const [current, depth] = pending.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth >= limit) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
