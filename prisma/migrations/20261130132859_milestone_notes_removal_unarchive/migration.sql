-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "EngagementEventKind" ADD VALUE 'UNARCHIVED';
ALTER TYPE "EngagementEventKind" ADD VALUE 'MILESTONE_EDITED';
ALTER TYPE "EngagementEventKind" ADD VALUE 'MILESTONE_REMOVED';

-- AlterTable
ALTER TABLE "Milestone" ADD COLUMN     "completedById" UUID,
ADD COLUMN     "note" VARCHAR(2000),
ADD COLUMN     "removedAt" TIMESTAMPTZ(3),
ADD COLUMN     "removedById" UUID;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_completedById_fkey" FOREIGN KEY ("completedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_removedById_fkey" FOREIGN KEY ("removedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
