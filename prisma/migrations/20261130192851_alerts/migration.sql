-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('AT_RISK', 'OVERDUE', 'MILESTONE_DUE_SOON', 'MILESTONE_OVERDUE', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AlertTiming" AS ENUM ('IMMEDIATE', 'DIGEST');

-- CreateTable
CREATE TABLE "AlertPreference" (
    "userId" UUID NOT NULL,
    "kinds" "AlertKind"[],
    "timing" "AlertTiming" NOT NULL DEFAULT 'IMMEDIATE',
    "quietFrom" SMALLINT,
    "quietUntil" SMALLINT,
    "timeZone" VARCHAR(64) NOT NULL DEFAULT 'UTC',
    "dueSoonDays" SMALLINT NOT NULL DEFAULT 3,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "AlertCondition" (
    "engagementId" UUID NOT NULL,
    "key" VARCHAR(120) NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertCondition_pkey" PRIMARY KEY ("engagementId","key")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "engagementId" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "milestoneId" UUID,
    "userId" UUID,
    "eventSequence" BIGINT,
    "day" DATE NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertRecipient" (
    "alertId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "emailedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AlertRecipient_pkey" PRIMARY KEY ("alertId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Alert_eventSequence_key" ON "Alert"("eventSequence");

-- CreateIndex
CREATE INDEX "Alert_engagementId_createdAt_idx" ON "Alert"("engagementId", "createdAt");

-- CreateIndex
CREATE INDEX "AlertRecipient_userId_idx" ON "AlertRecipient"("userId");

-- AddForeignKey
ALTER TABLE "AlertPreference" ADD CONSTRAINT "AlertPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertCondition" ADD CONSTRAINT "AlertCondition_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRecipient" ADD CONSTRAINT "AlertRecipient_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertRecipient" ADD CONSTRAINT "AlertRecipient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
