import type { EngagementStatus, Prisma, PrismaClient } from "@engagement-tracker/db";
import { globalIdOf } from "../common/node.ts";
import { addDays, todayUtc } from "../engagements/health.ts";

export const today = todayUtc();
/** A calendar day `offset` days from today, as the API writes it. */
export const day = (offset: number) => addDays(today, offset).toISOString().slice(0, 10);

let sequence = 0;
const unique = (label: string) => `${label} ${process.pid}-${++sequence}`;

export async function createOrganization(prisma: PrismaClient, country = "US") {
  const row = await prisma.organization.create({ data: { name: unique("Organization"), country } });
  return { ...row, globalId: globalIdOf("Organization", row.id) };
}

export async function createSeries(prisma: PrismaClient) {
  const name = unique("Series");
  const row = await prisma.series.create({ data: { name, shortName: name.slice(0, 40) } });
  return { ...row, globalId: globalIdOf("Series", row.id) };
}

/**
 * An engagement written straight to the database with its first history row —
 * for tests about reading, or that need an engagement already in some status.
 */
export async function insertEngagement(
  prisma: PrismaClient,
  fields: Partial<Prisma.EngagementUncheckedCreateInput> & { status?: EngagementStatus } = {},
) {
  const status = fields.status ?? "PLANNED";
  const row = await prisma.engagement.create({
    data: {
      title: unique("Engagement"),
      kind: "DIALOGUE",
      startsOn: new Date(day(30)),
      endsOn: new Date(day(32)),
      locationName: "Washington, D.C.",
      country: "US",
      hostCountry: "US",
      ...fields,
      status,
      statusChanges: { create: { fromStatus: null, toStatus: status, reason: "Created" } },
    },
  });
  return { ...row, globalId: globalIdOf("Engagement", row.id) };
}
