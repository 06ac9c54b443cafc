import type { PrismaClient } from "@engagement-tracker/db";
import { createCommentLoaders } from "./comments/comment.service.ts";
import { createNotificationLoaders } from "./notifications/notification.service.ts";
import { createDashboardLoaders } from "./dashboard/dashboard.service.ts";
import { createEngagementLoaders } from "./engagements/engagement.loaders.ts";
import { createMilestoneLoaders } from "./milestones/milestone.service.ts";
import { createParticipantLoaders } from "./organizations/organization.service.ts";
import { createSeriesLoaders } from "./series/series.service.ts";
import { createUserLoaders } from "./users/user.service.ts";

/**
 * Every domain's DataLoaders, fresh for one request (or one subscription event). The one place
 * that knows them all: the server factory and the live resolver call it; nothing it imports
 * imports it back.
 */
export function createLoaders(prisma: PrismaClient) {
  return {
    ...createCommentLoaders(prisma),
    ...createDashboardLoaders(prisma),
    ...createNotificationLoaders(prisma),
    ...createEngagementLoaders(prisma),
    ...createMilestoneLoaders(prisma),
    ...createParticipantLoaders(prisma),
    ...createSeriesLoaders(prisma),
    ...createUserLoaders(prisma),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
