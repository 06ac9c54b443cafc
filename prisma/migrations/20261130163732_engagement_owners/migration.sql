-- AlterTable
ALTER TABLE "Engagement" ADD COLUMN     "ownerId" UUID;

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "ownerId" UUID;

-- CreateTable
CREATE TABLE "EngagementCoOwner" (
    "engagementId" UUID NOT NULL,
    "userId" UUID NOT NULL,

    CONSTRAINT "EngagementCoOwner_pkey" PRIMARY KEY ("engagementId","userId")
);

-- CreateIndex
CREATE INDEX "EngagementCoOwner_userId_idx" ON "EngagementCoOwner"("userId");

-- CreateIndex
CREATE INDEX "Engagement_ownerId_idx" ON "Engagement"("ownerId");

-- CreateIndex
CREATE INDEX "Milestone_ownerId_idx" ON "Milestone"("ownerId");

-- AddForeignKey
ALTER TABLE "Engagement" ADD CONSTRAINT "Engagement_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementCoOwner" ADD CONSTRAINT "EngagementCoOwner_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EngagementCoOwner" ADD CONSTRAINT "EngagementCoOwner_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
