// Reading and saving a user's alert preferences.
import type { PrismaClient } from "@engagement-tracker/db";
import { Role } from "../common/enums.ts";
import { globalIdOf, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError, type UserError } from "../common/user-error.ts";
import { forbidden, type Viewer } from "../auth/viewer.ts";
import { badInput } from "../common/connection.ts";
import { MAX_DUE_SOON_DAYS } from "./alert-rules.ts";
import { preferencesOf, type Preferences } from "./alert.service.ts";
import type { AlertPreferences, UpdateAlertPreferencesInput } from "./alert-preferences.types.ts";

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

const clockTime = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

function minutesOf(time: string): number | null {
  const match = CLOCK_TIME.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.length <= 64;
  } catch {
    return false;
  }
}

/** Whose preferences `userId` (a User ID, or absent for the viewer's own) names, if the viewer may see them. */
function targetOf(viewer: Viewer, userId: string | null | undefined): string {
  if (!userId) return viewer.id;
  const rowId = rowIdOf("User", userId);
  if (!rowId) refuse(UserErrorCode.NOT_FOUND, "No user has that ID.", ["userId"]);
  if (rowId !== viewer.id && viewer.role !== Role.ADMIN) {
    refuse(UserErrorCode.NOT_YOURS, "You can only see and change your own alert settings.", ["userId"]);
  }
  return rowId;
}

function toAlertPreferences(userId: string, email: string, preferences: Preferences): AlertPreferences {
  const { quietFrom, quietUntil } = preferences;
  return {
    userId: globalIdOf("User", userId),
    email,
    kinds: preferences.kinds,
    timing: preferences.timing,
    quietHours:
      quietFrom == null || quietUntil == null ? null : { from: clockTime(quietFrom), until: clockTime(quietUntil) },
    timeZone: preferences.timeZone,
    dueSoonDays: preferences.dueSoonDays,
  };
}

async function read(prisma: PrismaClient, userId: string): Promise<AlertPreferences> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { email: true } });
  if (!user) refuse(UserErrorCode.NOT_FOUND, "No user has that ID.", ["userId"]);
  return toAlertPreferences(userId, user.email, (await preferencesOf(prisma, [userId])).get(userId)!);
}

/** As `alertPreferences` answers: another user's are FORBIDDEN to all but admins. */
export async function readAlertPreferences(
  prisma: PrismaClient,
  viewer: Viewer,
  userId: string | null | undefined,
): Promise<AlertPreferences> {
  const rowId = userId ? rowIdOf("User", userId) : viewer.id;
  if (rowId !== viewer.id && viewer.role !== Role.ADMIN) throw forbidden(Role.ADMIN);
  if (!rowId) throw badInput("No user has that ID.", "userId");
  return read(prisma, rowId);
}

/** Saves the fields given after checking them all; a refusal names every bad field and saves nothing. */
export async function updateAlertPreferences(
  prisma: PrismaClient,
  viewer: Viewer,
  input: UpdateAlertPreferencesInput,
): Promise<AlertPreferences> {
  const userId = targetOf(viewer, input.userId);
  const current = await read(prisma, userId);
  const errors: UserError[] = [];
  const changes: Partial<Preferences> = {};
  if (input.kinds != null) changes.kinds = [...new Set(input.kinds)];
  if (input.timing != null) changes.timing = input.timing;
  if (input.timeZone != null) {
    if (isTimeZone(input.timeZone)) changes.timeZone = input.timeZone;
    else errors.push(userError(UserErrorCode.VALIDATION, "Choose a time zone such as Europe/Paris.", ["timeZone"]));
  }
  if (input.dueSoonDays != null) {
    if (Number.isInteger(input.dueSoonDays) && input.dueSoonDays >= 0 && input.dueSoonDays <= MAX_DUE_SOON_DAYS) {
      changes.dueSoonDays = input.dueSoonDays;
    } else {
      errors.push(
        userError(UserErrorCode.VALIDATION, `Due soon is 0 to ${MAX_DUE_SOON_DAYS} days ahead.`, ["dueSoonDays"]),
      );
    }
  }
  if (input.quietHours === null) Object.assign(changes, { quietFrom: null, quietUntil: null });
  else if (input.quietHours) {
    const from = minutesOf(input.quietHours.from);
    const until = minutesOf(input.quietHours.until);
    if (from === null)
      errors.push(userError(UserErrorCode.VALIDATION, "Write times as HH:MM, e.g. 22:00.", ["quietHours", "from"]));
    if (until === null)
      errors.push(userError(UserErrorCode.VALIDATION, "Write times as HH:MM, e.g. 07:00.", ["quietHours", "until"]));
    if (from !== null && from === until) {
      errors.push(
        userError(UserErrorCode.VALIDATION, "Quiet hours must end at another time than they start.", [
          "quietHours",
          "until",
        ]),
      );
    }
    if (from !== null && until !== null) Object.assign(changes, { quietFrom: from, quietUntil: until });
  }
  if (errors.length) throw new RefusedError(errors);
  const { email: _email, userId: _id, quietHours, ...kept } = current;
  const saved = {
    ...kept,
    quietFrom: quietHours ? minutesOf(quietHours.from) : null,
    quietUntil: quietHours ? minutesOf(quietHours.until) : null,
    ...changes,
  };
  await prisma.alertPreference.upsert({ where: { userId }, create: { userId, ...saved }, update: saved });
  return read(prisma, userId);
}
