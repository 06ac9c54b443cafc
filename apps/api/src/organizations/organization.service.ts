import type { Prisma, PrismaClient } from "@engagement-tracker/db";
import { isCountryCode } from "@engagement-tracker/schema/countries";
import { badInput } from "../common/connection.ts";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { toOrganization, toParticipant, type Organization, type ParticipantRow } from "./organization.type.ts";

export function listOrganizations(prisma: PrismaClient, country?: string | null): Promise<Organization[]> {
  if (country && !isCountryCode(country)) {
    throw badInput(`"${country}" is not an ISO 3166-1 alpha-2 country code such as "US" or "CN".`, "country");
  }
  return prisma.organization
    .findMany({
      where: country ? { country: country.toUpperCase() } : {},
      orderBy: [{ country: "asc" }, { name: "asc" }],
    })
    .then((rows) => rows.map(toOrganization));
}

/** An engagement's participants as every reader shows them: hosts first, then by organization name. */
export const PARTICIPANTS_IN_ORDER = {
  include: { organization: true as const },
  orderBy: [{ role: "asc" }, { organization: { name: "asc" } }] as Prisma.ParticipationOrderByWithRelationInput[],
};

export function createParticipantLoaders(prisma: PrismaClient) {
  return {
    organizationById: rowLoader(
      async (ids) => (await prisma.organization.findMany({ where: { id: { in: ids } } })).map(toOrganization),
      (organization) => organization.rowId,
    ),
    participantsByEngagement: groupLoader<ParticipantRow>(
      async (engagementIds) =>
        (
          await prisma.participation.findMany({
            where: { engagementId: { in: engagementIds } },
            ...PARTICIPANTS_IN_ORDER,
          })
        ).map(toParticipant),
      (participant) => participant.engagementId,
    ),
  };
}
