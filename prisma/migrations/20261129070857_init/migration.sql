-- CreateEnum
CREATE TYPE "Role" AS ENUM ('VIEWER', 'EDITOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "EngagementKind" AS ENUM ('DIALOGUE', 'CONSULTATION', 'HUMANITARIAN_MISSION', 'SITE_SURVEY', 'HIGH_LEVEL_VISIT', 'EXERCISE', 'WORKING_GROUP', 'OTHER');

-- CreateEnum
CREATE TYPE "EngagementStatus" AS ENUM ('PROPOSED', 'PLANNED', 'CONFIRMED', 'IN_PROGRESS', 'COMPLETED', 'POSTPONED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ParticipationRole" AS ENUM ('HOST', 'DELEGATION', 'OBSERVER', 'SUPPORT');

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'VIEWER',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Series" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "shortName" VARCHAR(40) NOT NULL,
    "description" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Series_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Organization" (
    "id" UUID NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "shortName" VARCHAR(40),
    "country" CHAR(2) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organization_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Engagement" (
    "id" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "kind" "EngagementKind" NOT NULL,
    "seriesId" UUID,
    "round" INTEGER,
    "status" "EngagementStatus" NOT NULL DEFAULT 'PROPOSED',
    "startsOn" DATE NOT NULL,
    "endsOn" DATE NOT NULL,
    "locationName" VARCHAR(200) NOT NULL,
    "region" VARCHAR(120),
    "country" CHAR(2) NOT NULL,
    "hostCountry" CHAR(2) NOT NULL,
    "summary" TEXT,
    "objectives" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "outcome" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archivedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Engagement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" UUID NOT NULL,
    "engagementId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "role" "ParticipationRole" NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Milestone" (
    "id" UUID NOT NULL,
    "engagementId" UUID NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "dueOn" DATE NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Milestone_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatusChange" (
    "id" UUID NOT NULL,
    "engagementId" UUID NOT NULL,
    "fromStatus" "EngagementStatus",
    "toStatus" "EngagementStatus" NOT NULL,
    "reason" TEXT,
    "actorId" UUID,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Series_name_key" ON "Series"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Series_shortName_key" ON "Series"("shortName");

-- CreateIndex
CREATE INDEX "Organization_country_idx" ON "Organization"("country");

-- CreateIndex
CREATE UNIQUE INDEX "Organization_name_country_key" ON "Organization"("name", "country");

-- CreateIndex
CREATE INDEX "Engagement_startsOn_id_idx" ON "Engagement"("startsOn", "id");

-- CreateIndex
CREATE INDEX "Engagement_updatedAt_id_idx" ON "Engagement"("updatedAt", "id");

-- CreateIndex
CREATE INDEX "Engagement_title_id_idx" ON "Engagement"("title", "id");

-- CreateIndex
CREATE INDEX "Engagement_endsOn_idx" ON "Engagement"("endsOn");

-- CreateIndex
CREATE INDEX "Engagement_status_idx" ON "Engagement"("status");

-- CreateIndex
CREATE INDEX "Engagement_kind_idx" ON "Engagement"("kind");

-- CreateIndex
CREATE INDEX "Engagement_seriesId_idx" ON "Engagement"("seriesId");

-- CreateIndex
CREATE INDEX "Engagement_country_idx" ON "Engagement"("country");

-- CreateIndex
CREATE INDEX "Engagement_region_idx" ON "Engagement"("region");

-- CreateIndex
CREATE INDEX "Participation_organizationId_idx" ON "Participation"("organizationId");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_engagementId_organizationId_key" ON "Participation"("engagementId", "organizationId");

-- CreateIndex
CREATE INDEX "Milestone_engagementId_dueOn_idx" ON "Milestone"("engagementId", "dueOn");

-- CreateIndex
CREATE INDEX "Milestone_dueOn_completedAt_idx" ON "Milestone"("dueOn", "completedAt");

-- CreateIndex
CREATE INDEX "StatusChange_engagementId_at_idx" ON "StatusChange"("engagementId", "at");

-- CreateIndex
CREATE INDEX "StatusChange_at_idx" ON "StatusChange"("at");

-- AddForeignKey
ALTER TABLE "Engagement" ADD CONSTRAINT "Engagement_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "Series"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Milestone" ADD CONSTRAINT "Milestone_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_engagementId_fkey" FOREIGN KEY ("engagementId") REFERENCES "Engagement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatusChange" ADD CONSTRAINT "StatusChange_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
