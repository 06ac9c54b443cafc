import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { Request } from "express";
import { ipKeyGenerator, rateLimit, type RateLimitRequestHandler } from "express-rate-limit";
import { GraphQLError } from "graphql";
import { hashToken } from "../auth/tokens.ts";
import { credentialOf } from "../auth/request-credentials.ts";

/**
 * Per-operation limits. The dashboard's deepest query (an engagement with its
 * participants' organizations and history actors) is depth 6 and well under the cost.
 */
export const OPERATION_LIMITS = {
  maxDepth: 10,
  maxCost: 5_000,
  maxAliases: 15,
  maxTokens: 3_000,
  maxDirectives: 20,
} as const;

/** Validation rules and plugins that refuse oversized operations before they run. */
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

/** Longest search text accepted: every word is a condition, so this bounds a query's cost. */
export const MAX_SEARCH_LENGTH = 200;

export interface RateLimits {
  /** Requests per minute for one token, or one IP address without a token. */
  requestsPerMinute: number;
  /** Sign-in attempts per 15 minutes from one IP address. */
  signInsPer15Minutes: number;
}

const tooMany = (message: string) => ({
  errors: [new GraphQLError(message, { extensions: { code: "RATE_LIMITED" } }).toJSON()],
});

/** The token a request authenticates with (hashed, so keys never hold secrets), else its address. */
function clientKey(request: Request): string {
  const credential = credentialOf(request);
  return credential ? `token:${hashToken(credential)}` : `ip:${ipKeyGenerator(request.ip ?? "")}`;
}

export function rateLimiters(limits: RateLimits): RateLimitRequestHandler[] {
  return [
    rateLimit({
      windowMs: 60_000,
      limit: limits.requestsPerMinute,
      keyGenerator: clientKey,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      message: tooMany("Too many requests; slow down and retry after the time in the RateLimit header."),
    }),
    rateLimit({
      windowMs: 15 * 60_000,
      limit: limits.signInsPer15Minutes,
      skip: (request) => !JSON.stringify(request.body ?? "").includes("signIn"),
      standardHeaders: "draft-8",
      legacyHeaders: false,
      message: tooMany("Too many sign-in attempts from this address; try again later."),
    }),
  ];
}
