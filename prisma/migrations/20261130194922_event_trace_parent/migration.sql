-- AlterTable
ALTER TABLE "EngagementEvent" ADD COLUMN     "traceParent" VARCHAR(55);
