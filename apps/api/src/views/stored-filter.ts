// Engagement filters kept in the database (saved views, calendar feeds), checked by the rules the
// `engagements` query applies, so nothing is stored that the API would refuse to read.
import type { Prisma } from "@engagement-tracker/db";
import { GraphQLError } from "graphql";
import { RefusedError, UserErrorCode, userError } from "../common/user-error.ts";
import type { EngagementFilter, EngagementOrder } from "../engagements/engagement.inputs.ts";
import { checkFilter } from "../engagements/read/index.ts";

/** Refuses (VALIDATION, on `field`) a filter the `engagements` query would refuse. */
export function requireAcceptedFilter(filter: EngagementFilter | null | undefined, field = "filter"): void {
  try {
    checkFilter(filter);
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    throw new RefusedError([userError(UserErrorCode.VALIDATION, error.message, [field])]);
  }
}

/** As JSON: dates become ISO strings. */
export const toStored = (value: EngagementFilter | EngagementOrder): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;

/** A stored filter as the query takes it: dates back to Dates, and archived engagements left out unless asked for. */
export function fromStoredFilter(json: Prisma.JsonValue): EngagementFilter {
  const filter = json as unknown as EngagementFilter & { from?: string | null; to?: string | null };
  return {
    ...filter,
    includeArchived: filter.includeArchived ?? false,
    from: filter.from ? new Date(filter.from) : null,
    to: filter.to ? new Date(filter.to) : null,
  };
}
