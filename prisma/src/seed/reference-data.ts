import { Role, type Prisma } from "../../generated/prisma/client.ts";

/** Shared by the demo engagements and the synthetic generator; keyed so tables can refer to rows by name. */
export const seedUsers = {
  viewer: { email: "viewer@engagement-tracker.local", name: "Avery Collins", role: Role.VIEWER },
  editor: { email: "editor@engagement-tracker.local", name: "Jordan Ellis", role: Role.EDITOR },
  admin: { email: "admin@engagement-tracker.local", name: "Sam Whitaker", role: Role.ADMIN },
  // Desk officers who move the demo engagements through their lifecycle.
  mercer: { email: "dana.mercer@engagement-tracker.local", name: "Lt. Col. Dana Mercer", role: Role.EDITOR },
  castillo: { email: "ryan.castillo@engagement-tracker.local", name: "Cmdr. Ryan Castillo", role: Role.EDITOR },
  pierce: { email: "lauren.pierce@engagement-tracker.local", name: "Maj. Lauren Pierce", role: Role.EDITOR },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;

export const seedSeries = {
  MMCA: {
    shortName: "MMCA",
    name: "Military Maritime Consultative Agreement meeting",
    description:
      "Talks under the 1998 Military Maritime Consultative Agreement on the safety of air and maritime " +
      "encounters between the two militaries: working-group sessions and an annual meeting.",
  },
  DPCT: {
    shortName: "DPCT",
    name: "China-U.S. Defense Policy Coordination Talks",
    description:
      "Policy-level dialogue between the Office of the Secretary of Defense and the Office for " +
      "International Military Cooperation of China's Central Military Commission.",
  },
  POW_MIA: {
    shortName: "POW/MIA",
    name: "Defense POW/MIA accounting cooperation",
    description:
      "Archival research, site surveys and recovery missions to account for U.S. personnel missing in " +
      "China since the Second World War.",
  },
  DME: {
    shortName: "DME",
    name: "China-U.S. Disaster Management Exchange",
    description:
      "Army-to-army humanitarian assistance and disaster relief exchange: an expert discussion followed " +
      "by a practical field exercise.",
  },
} as const satisfies Record<string, { shortName: string; name: string; description: string }>;

export const seedOrganizations = {
  plaNavy: { name: "People's Liberation Army Navy", shortName: "PLA Navy", country: "CN" },
  plaAirForce: { name: "People's Liberation Army Air Force", shortName: "PLA Air Force", country: "CN" },
  plaGroundForce: { name: "People's Liberation Army Ground Force", shortName: "PLA Army", country: "CN" },
  ministryOfNationalDefense: { name: "Ministry of National Defense", shortName: "MND", country: "CN" },
  cmcInternationalCooperation: {
    name: "Office for International Military Cooperation, Central Military Commission",
    shortName: "CMC OIMC",
    country: "CN",
  },
  southernTheater: { name: "PLA Southern Theater Command", shortName: "STC", country: "CN" },
  guangxiMilitaryDistrict: { name: "Guangxi Military District", shortName: "Guangxi MD", country: "CN" },
  hunanMilitaryDistrict: { name: "Hunan Provincial Military District", shortName: "Hunan MD", country: "CN" },
  secretaryOfDefense: { name: "Office of the Secretary of Defense", shortName: "OSD", country: "US" },
  indoPacificCommand: { name: "U.S. Indo-Pacific Command", shortName: "USINDOPACOM", country: "US" },
  pacificFleet: { name: "U.S. Pacific Fleet", shortName: "PACFLT", country: "US" },
  pacificAirForces: { name: "U.S. Pacific Air Forces", shortName: "PACAF", country: "US" },
  armyPacific: { name: "U.S. Army Pacific", shortName: "USARPAC", country: "US" },
  powMiaAccountingAgency: { name: "Defense POW/MIA Accounting Agency", shortName: "DPAA", country: "US" },
  defenseAttacheBeijing: { name: "U.S. Defense Attaché Office, Beijing", shortName: "DAO Beijing", country: "US" },
} as const satisfies Record<string, { name: string; shortName: string; country: string }>;

export type UserKey = keyof typeof seedUsers;
export type SeriesKey = keyof typeof seedSeries;
export type OrganizationKey = keyof typeof seedOrganizations;

export interface ReferenceIds {
  users: Record<UserKey, string>;
  series: Record<SeriesKey, string>;
  organizations: Record<OrganizationKey, string>;
}

/**
 * Creates whichever users, series and organizations are missing, keyed on their natural
 * keys. Existing rows are left as they are: an admin may have changed a role or a name.
 */
export async function ensureReferenceData(
  tx: Prisma.TransactionClient,
): Promise<{ ids: ReferenceIds; created: number }> {
  let created = 0;
  const idOf = async (existing: { id: string } | null, create: () => Promise<{ id: string }>) => {
    if (existing) return existing.id;
    created += 1;
    return (await create()).id;
  };

  const users = {} as Record<UserKey, string>;
  for (const [key, user] of entries(seedUsers)) {
    const existing = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
    users[key] = await idOf(existing, () => tx.user.create({ data: user, select: { id: true } }));
  }

  const series = {} as Record<SeriesKey, string>;
  for (const [key, row] of entries(seedSeries)) {
    const existing = await tx.series.findUnique({ where: { shortName: row.shortName }, select: { id: true } });
    series[key] = await idOf(existing, () => tx.series.create({ data: row, select: { id: true } }));
  }

  const organizations = {} as Record<OrganizationKey, string>;
  for (const [key, row] of entries(seedOrganizations)) {
    const existing = await tx.organization.findUnique({
      where: { name_country: { name: row.name, country: row.country } },
      select: { id: true },
    });
    organizations[key] = await idOf(existing, () => tx.organization.create({ data: row, select: { id: true } }));
  }

  return { ids: { users, series, organizations }, created };
}

/** Object.entries with the key type kept. */
export function entries<K extends string, V>(record: Readonly<Record<K, V>>): [K, V][] {
  return Object.entries(record) as [K, V][];
}
