import type { Database, PrismaClient } from "@engagement-tracker/db";
import { createEngagementLoaders } from "./engagements/engagement.loaders.ts";
import { createMilestoneLoaders } from "./milestones/milestone.service.ts";
import { createParticipantLoaders } from "./organizations/organization.service.ts";
import { createSeriesLoaders } from "./series/series.service.ts";
import { createUserLoaders } from "./users/user.service.ts";

/** Per-request state: the database and request-scoped DataLoaders that batch what a query touches. */
export interface Context {
  prisma: PrismaClient;
  loaders: ReturnType<typeof createLoaders>;
}

function createLoaders(prisma: PrismaClient) {
  return {
    ...createEngagementLoaders(prisma),
    ...createMilestoneLoaders(prisma),
    ...createParticipantLoaders(prisma),
    ...createSeriesLoaders(prisma),
    ...createUserLoaders(prisma),
  };
}

export function createContext(db: Database): Context {
  return { prisma: db.prisma, loaders: createLoaders(db.prisma) };
}
