// Checks an engagement write makes before it plans anything: input rules, the date window, references.
import { rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, userError, type UserError } from "../common/user-error.ts";
import { DATE_RANGE, DATE_RANGE_MESSAGE, validateInput } from "../common/validation.ts";
import { toEngagement, type EngagementRow } from "./engagement.type.ts";
import type { ParticipantInput } from "./engagement.inputs.ts";

import type { Tx } from "./versioned-write.ts";

/** Validates an input object and refuses with every problem at once. */
export async function requireValid(input: object, current: EngagementRow | null = null): Promise<void> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors, current && toEngagement(current));
}

const { earliest: MIN_DATE, latest: MAX_DATE } = DATE_RANGE;

export function windowErrors(startsOn: Date, endsOn: Date): UserError[] {
  const errors: UserError[] = [];
  for (const [field, day] of [
    ["startsOn", startsOn],
    ["endsOn", endsOn],
  ] as const) {
    if (day < MIN_DATE || day > MAX_DATE) {
      errors.push(userError(UserErrorCode.VALIDATION, DATE_RANGE_MESSAGE, [field]));
    }
  }
  if (endsOn < startsOn) {
    errors.push(
      userError(UserErrorCode.VALIDATION, "The planned window must end on or after the day it starts.", ["endsOn"]),
    );
  }
  return errors;
}

/** Turns a global ID from input into a row ID of an existing row, or a NOT_FOUND naming the field. */
async function resolveReference(
  type: "Series" | "Organization",
  globalId: string,
  field: string[],
  exists: (rowId: string) => Promise<boolean>,
): Promise<{ rowId: string } | { error: UserError }> {
  const rowId = rowIdOf(type, globalId);
  if (rowId && (await exists(rowId))) return { rowId };
  return { error: userError(UserErrorCode.NOT_FOUND, `No ${type.toLowerCase()} has the ID "${globalId}".`, field) };
}

export async function resolveSeries(tx: Tx, seriesId: string): Promise<{ rowId: string } | { error: UserError }> {
  return resolveReference(
    "Series",
    seriesId,
    ["seriesId"],
    async (id) => (await tx.series.count({ where: { id } })) > 0,
  );
}

export async function resolveParticipants(
  tx: Tx,
  participants: ParticipantInput[],
): Promise<{ rows: { organizationId: string; role: ParticipantInput["role"] }[]; errors: UserError[] }> {
  const wanted = participants.map((participant) => rowIdOf("Organization", participant.organizationId));
  const known = new Set(
    (
      await tx.organization.findMany({
        where: { id: { in: wanted.filter((id) => id !== null) } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const errors: UserError[] = [];
  const seen = new Set<string>();
  const rows = participants.flatMap((participant, index) => {
    const rowId = wanted[index];
    const field = ["participants", String(index), "organizationId"];
    if (!rowId || !known.has(rowId)) {
      errors.push(
        userError(UserErrorCode.NOT_FOUND, `No organization has the ID "${participant.organizationId}".`, field),
      );
      return [];
    }
    if (seen.has(rowId)) {
      errors.push(userError(UserErrorCode.VALIDATION, "An organization can take part only once.", field));
      return [];
    }
    seen.add(rowId);
    return [{ organizationId: rowId, role: participant.role }];
  });
  return { rows, errors };
}

/**
 * Row IDs of the users named by `globalIds`, each an active account: an unknown user is NOT_FOUND and
 * a disabled one VALIDATION, on the field `fieldOf` names, so nothing is assigned to someone who cannot act.
 */
export async function resolveActiveUsers(
  tx: Tx,
  globalIds: readonly string[],
  fieldOf: (index: number) => string[],
): Promise<{ rowIds: string[]; errors: UserError[] }> {
  const wanted = globalIds.map((id) => rowIdOf("User", id));
  const found = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: wanted.filter((id) => id !== null) } },
        select: { id: true, name: true, disabledAt: true },
      })
    ).map((user) => [user.id, user]),
  );
  const errors: UserError[] = [];
  const rowIds = globalIds.flatMap((globalId, index) => {
    const user = found.get(wanted[index] ?? "");
    if (!user) {
      errors.push(userError(UserErrorCode.NOT_FOUND, `No user has the ID "${globalId}".`, fieldOf(index)));
      return [];
    }
    if (user.disabledAt) {
      errors.push(
        userError(
          UserErrorCode.VALIDATION,
          `${user.name}'s account is disabled; choose an active user.`,
          fieldOf(index),
        ),
      );
      return [];
    }
    return [user.id];
  });
  return { rowIds, errors };
}

/** The owner and co-owners an input asks for, checked; `undefined` where the input leaves them as they are. */
export async function resolveOwnership(
  tx: Tx,
  input: { ownerId?: string | null; coOwnerIds?: string[] | null },
  currentOwnerId: string | null,
): Promise<{ ownerId?: string | null; coOwnerIds?: string[]; errors: UserError[] }> {
  const errors: UserError[] = [];
  let ownerId: string | null | undefined = undefined;
  if (input.ownerId === null || input.ownerId === "") ownerId = null;
  else if (input.ownerId !== undefined) {
    const owner = await resolveActiveUsers(tx, [input.ownerId], () => ["ownerId"]);
    errors.push(...owner.errors);
    ownerId = owner.rowIds[0];
  }
  if (input.coOwnerIds === undefined) return { ownerId, errors };
  const coOwners = await resolveActiveUsers(tx, input.coOwnerIds ?? [], (index) => ["coOwnerIds", String(index)]);
  errors.push(...coOwners.errors);
  const owner = ownerId === undefined ? currentOwnerId : ownerId;
  (input.coOwnerIds ?? []).forEach((globalId, index) => {
    if (owner && rowIdOf("User", globalId) === owner) {
      errors.push(
        userError(UserErrorCode.VALIDATION, "The owner cannot also be a co-owner.", ["coOwnerIds", String(index)]),
      );
    }
  });
  return { ownerId, coOwnerIds: [...new Set(coOwners.rowIds)], errors };
}
