import type { PrismaClient } from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { fromRow } from "../common/node.ts";
import { Organization, Participant } from "./organization.type.ts";

export function listOrganizations(prisma: PrismaClient, country?: string | null): Promise<Organization[]> {
  return prisma.organization
    .findMany({
      where: country ? { country: country.toUpperCase() } : {},
      orderBy: [{ country: "asc" }, { name: "asc" }],
    })
    .then((rows) => rows.map((row) => fromRow(Organization, row)));
}

interface ParticipantRow extends Participant {
  engagementId: string;
}

export function createParticipantLoaders(prisma: PrismaClient) {
  return {
    organizationById: rowLoader(
      async (ids) =>
        (await prisma.organization.findMany({ where: { id: { in: ids } } })).map((row) => fromRow(Organization, row)),
      (organization) => organization.rowId,
    ),
    participantsByEngagement: groupLoader<ParticipantRow>(
      async (engagementIds) =>
        (
          await prisma.participation.findMany({
            where: { engagementId: { in: engagementIds } },
            include: { organization: true },
            orderBy: [{ role: "asc" }, { organization: { name: "asc" } }],
          })
        ).map(({ engagementId, role, organization }) =>
          Object.assign(new Participant(), { engagementId, role, organization: fromRow(Organization, organization) }),
        ),
      (participant) => participant.engagementId,
    ),
  };
}
