-- The overview reads every live engagement's status and dates (its status counts, in all and per
-- month), and otherwise only open engagements (not archived, not COMPLETED or CANCELLED) and open
-- milestones (neither completed nor removed): a few in a hundred once years of history have built
-- up. These indexes hold just those rows, with the columns those reads use, so the counts read an
-- index alone rather than the whole table (at 100,000 engagements the overdue count goes from a
-- 33 ms table scan to under 1 ms). Prisma's schema cannot express partial indexes or INCLUDE, so
-- they live here only; schema diffs leave them alone.
CREATE INDEX "Engagement_live_status_idx" ON "Engagement" (status) INCLUDE ("startsOn", "endsOn")
  WHERE "archivedAt" IS NULL;
CREATE INDEX "Engagement_open_endsOn_idx" ON "Engagement" ("endsOn") INCLUDE ("startsOn", status, id)
  WHERE "archivedAt" IS NULL AND status NOT IN ('COMPLETED', 'CANCELLED');
CREATE INDEX "Milestone_open_dueOn_idx" ON "Milestone" ("dueOn") INCLUDE ("engagementId")
  WHERE "completedAt" IS NULL AND "removedAt" IS NULL;
