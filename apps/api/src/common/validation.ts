import { validate, type ValidationError } from "class-validator";
import { UserErrorCode, userError, type UserError } from "./user-error.ts";

/** Limits shared by inputs, so the API and its docs agree. */
export const LIMITS = {
  title: 200,
  name: 200,
  region: 120,
  longText: 10_000,
  reason: 2_000,
  note: 2_000,
  objectives: 30,
  objective: 500,
  participants: 50,
  coOwners: 10,
} as const;

/** Longest search text accepted: every word is a condition, so this bounds a query's cost. */
export const MAX_SEARCH_LENGTH = 200;

/** Every date an engagement or milestone carries lies in this range. */
export const DATE_RANGE = { earliest: new Date("1900-01-01"), latest: new Date("2200-12-31") } as const;
export const DATE_RANGE_MESSAGE = "Dates must fall between 1900 and 2200.";

const DAY_MS = 86_400_000;

/**
 * A filter's date bound moved to within a day of DATE_RANGE. It matches the same rows (none
 * lies outside the range), and keeps arithmetic on it within what PostgreSQL can store.
 */
export function boundWithinStoredDates(day: Date): Date {
  const earliest = DATE_RANGE.earliest.getTime() - DAY_MS;
  const latest = DATE_RANGE.latest.getTime() + DAY_MS;
  return new Date(Math.min(Math.max(day.getTime(), earliest), latest));
}

/** Applies several property decorators as one, so a rule set can be shared by fields. */
export const apply =
  (decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) =>
    decorators.forEach((decorator) => decorator(target, key));

/** Runs the class-validator rules of an input object; each failure becomes a VALIDATION error naming its field. */
export async function validateInput(input: object): Promise<UserError[]> {
  trimStrings(input);
  const failures = await validate(input, { forbidUnknownValues: false, stopAtFirstError: true });
  return [...nulCharacterErrors(input, []), ...failures.flatMap((failure) => toUserErrors(failure, []))];
}

/** PostgreSQL text cannot hold U+0000; refuse it here rather than fail in the database. */
function nulCharacterErrors(value: unknown, path: string[]): UserError[] {
  if (typeof value === "string") {
    return value.includes("\u0000")
      ? [userError(UserErrorCode.VALIDATION, "Text cannot contain NUL characters.", path)]
      : [];
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => nulCharacterErrors(item, [...path, key]));
  }
  return [];
}

function toUserErrors(failure: ValidationError, parentPath: string[]): UserError[] {
  const path = [...parentPath, failure.property];
  const own = Object.values(failure.constraints ?? {}).map((message) =>
    userError(UserErrorCode.VALIDATION, message, path),
  );
  return [...own, ...(failure.children ?? []).flatMap((child) => toUserErrors(child, path))];
}

/** Fields kept exactly as typed: a password's spaces are part of it. */
const VERBATIM_FIELDS = new Set(["password"]);

/** Surrounding blanks never carry meaning here (but in passwords); a title of spaces is an empty title. */
function trimStrings(value: unknown): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      if (typeof item === "string") value[index] = item.trim();
      else trimStrings(item);
    });
  } else if (value && typeof value === "object" && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    for (const [key, item] of Object.entries(record)) {
      if (typeof item === "string") record[key] = VERBATIM_FIELDS.has(key) ? item : item.trim();
      else trimStrings(item);
    }
  }
}
