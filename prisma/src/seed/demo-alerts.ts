import { AlertKind, type Prisma } from "../../generated/prisma/client.ts";
import type { ReferenceIds, UserKey } from "./reference-data.ts";

type DemoPreference = Omit<Prisma.AlertPreferenceCreateManyInput, "userId">;

/**
 * Alert settings that show the options: one desk officer reads a morning digest, another keeps quiet
 * hours in Hawaii and looks a week ahead for milestones, the admin wants only overdue engagements.
 * Everyone else has the defaults (every alert, at once).
 */
const demoPreferences: Partial<Record<UserKey, DemoPreference>> = {
  mercer: { kinds: Object.values(AlertKind), timing: "DIGEST" },
  pierce: {
    kinds: Object.values(AlertKind),
    quietFrom: 21 * 60,
    quietUntil: 7 * 60,
    timeZone: "Pacific/Honolulu",
    dueSoonDays: 7,
  },
  admin: { kinds: [AlertKind.OVERDUE, AlertKind.CANCELLED] },
};

/** Creates the demo users' alert settings they do not have yet; returns how many. */
export async function ensureDemoAlertPreferences(tx: Prisma.TransactionClient, ids: ReferenceIds): Promise<number> {
  const { count } = await tx.alertPreference.createMany({
    data: Object.entries(demoPreferences).map(([key, preference]) => ({
      ...preference,
      userId: ids.users[key as UserKey],
    })),
    skipDuplicates: true,
  });
  return count;
}
