// Who hears of a change to an engagement: its watchers, written in the transaction of the change.
import type { Prisma } from "@engagement-tracker/db";

type Tx = Prisma.TransactionClient;

const COMMENT_KINDS = new Set<string>(["COMMENTED", "COMMENT_EDITED"]);

/**
 * Owners, co-owners, a commenter and whoever a comment mentions watch the engagement from now on
 * (unless they unwatched it before: their row stays `watching = false`); then every active
 * watcher, and every active user mentioned, gets a notification of change `sequence` — the one
 * who made it excepted. Two statements, whatever the number of watchers.
 */
export async function notifyWatchers(
  tx: Tx,
  change: {
    engagementId: string;
    kind: string;
    actorId?: string | null;
    sequence: bigint;
    mentions: readonly string[];
  },
): Promise<void> {
  const { engagementId, kind, sequence } = change;
  const actorId = change.actorId ?? null;
  const mentions = [...change.mentions];
  const newWatchers = [...mentions, ...(actorId && COMMENT_KINDS.has(kind) ? [actorId] : [])];
  await tx.$executeRaw`
    INSERT INTO "Watch" ("userId", "engagementId")
    SELECT candidate, ${engagementId}::uuid FROM (
      SELECT "ownerId" AS candidate FROM "Engagement" WHERE id = ${engagementId}::uuid AND "ownerId" IS NOT NULL
      UNION SELECT "userId" FROM "EngagementCoOwner" WHERE "engagementId" = ${engagementId}::uuid
      UNION SELECT unnest(${newWatchers}::uuid[])
    ) AS candidates
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "userId", "engagementId", "eventSequence", kind, reason, "actorId")
    SELECT gen_random_uuid(), recipient, ${engagementId}::uuid, ${sequence}, ${kind}::"EngagementEventKind",
      (CASE WHEN recipient = ANY(${mentions}::uuid[]) THEN 'MENTIONED' ELSE 'WATCHING' END)::"NotificationReason",
      ${actorId}::uuid
    FROM (
      SELECT "userId" AS recipient FROM "Watch" WHERE "engagementId" = ${engagementId}::uuid AND watching
      UNION SELECT unnest(${mentions}::uuid[])
    ) AS recipients
    JOIN "User" u ON u.id = recipient AND u."disabledAt" IS NULL
    WHERE recipient IS DISTINCT FROM ${actorId}::uuid`;
}
