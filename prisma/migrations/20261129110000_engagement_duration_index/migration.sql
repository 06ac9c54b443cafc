-- The longest planned window, read from this index in one step: an engagement whose window
-- reaches a day D starts no earlier than D minus the longest window, a bound the start-date
-- index can use (see earliestStartReaching in apps/api). Prisma's schema cannot express an
-- index on an expression, so it lives here only; schema diffs leave it alone.
CREATE INDEX "Engagement_duration_idx" ON "Engagement" (("endsOn" - "startsOn"));
