import type { CalendarFeed as CalendarFeedRow, PrismaClient } from "@engagement-tracker/db";
import { createHash } from "node:crypto";
import type { Viewer } from "../auth/viewer.ts";
import { hashToken, isWellFormed, issueToken } from "../auth/tokens.ts";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import {
  WHOLE_ENGAGEMENT,
  forViewer,
  readEngagementPage,
  type ReadPlan,
  type ViewerFilter,
} from "../engagements/read/index.ts";
import { DEFAULT_ORDER } from "../engagements/engagement-order.ts";
import { isoDay, todayUtc } from "../engagements/health.ts";
import { findVisibleView } from "../views/saved-view.service.ts";
import { fromStoredFilter, requireAcceptedFilter, toStored } from "../views/stored-filter.ts";
import { CalendarFeed, type CreateCalendarFeedInput } from "./calendar-feed.types.ts";
import { toFeedICalendar, type FeedEngagement } from "./calendar-feed.ics.ts";

/** Feed reads record their last use at most this often, so polling stays a read. */
const LAST_USED_RESOLUTION_MS = 60_000;
/** A feed stops here rather than hold the API; a filter narrows it. */
export const FEED_LIMIT = 5_000;
/** Bumped when what a feed writes for the same data changes, so calendars fetch it again. */
const FEED_FORMAT = 1;

type Row = Omit<CalendarFeedRow, "tokenHash"> & { view: { name: string } | null };
const withViewName = { view: { select: { name: true } } } as const;
const toCalendarFeed = ({ filter, viewId, view, ...row }: Row): CalendarFeed =>
  fromRow(CalendarFeed, { ...row, filtered: filter !== null || viewId !== null, viewName: view?.name ?? null });

export const feedPath = (token: string) => `/calendar/${token}.ics`;

export async function createCalendarFeed(prisma: PrismaClient, viewer: Viewer, input: CreateCalendarFeedInput) {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
  if (input.filter && input.viewId) {
    refuse(UserErrorCode.VALIDATION, "Give a filter or a saved view, not both.", ["viewId"]);
  }
  requireAcceptedFilter(input.filter);
  const view = input.viewId ? await findVisibleView(prisma, viewer, input.viewId) : null;
  if (input.viewId && !view) refuse(UserErrorCode.NOT_FOUND, "There is no saved view with that ID.", ["viewId"]);
  const { token, hash, prefix } = issueToken("calendar");
  const row = await prisma.calendarFeed.create({
    data: {
      name: input.name,
      prefix,
      tokenHash: hash,
      userId: viewer.id,
      filter: input.filter ? toStored(input.filter) : undefined,
      viewId: view?.id,
    },
    omit: { tokenHash: true },
    include: withViewName,
  });
  return { calendarFeed: toCalendarFeed(row), path: feedPath(token) };
}

/** A viewer's own feeds; an admin's list holds everyone's (as with API tokens). */
export async function listCalendarFeeds(prisma: PrismaClient, viewer: Viewer): Promise<CalendarFeed[]> {
  const rows = await prisma.calendarFeed.findMany({
    where: viewer.role === "ADMIN" ? {} : { userId: viewer.id },
    omit: { tokenHash: true },
    include: withViewName,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toCalendarFeed);
}

/** Revokes one of the viewer's feeds (an admin may revoke anyone's); its URL answers 404 from then on. */
export async function revokeCalendarFeed(prisma: PrismaClient, viewer: Viewer, id: string): Promise<CalendarFeed> {
  const rowId = rowIdOf("CalendarFeed", id);
  const row =
    rowId &&
    (await prisma.calendarFeed.findUnique({ where: { id: rowId }, omit: { tokenHash: true }, include: withViewName }));
  if (!row || (row.userId !== viewer.id && viewer.role !== "ADMIN")) {
    refuse(UserErrorCode.NOT_FOUND, "You have no calendar feed with that ID.", ["id"]);
  }
  if (row.revokedAt) return toCalendarFeed(row);
  const revoked = await prisma.calendarFeed.update({
    where: { id: row.id },
    data: { revokedAt: new Date() },
    omit: { tokenHash: true },
    include: withViewName,
  });
  return toCalendarFeed(revoked);
}

export interface OpenedFeed {
  name: string;
  /** Changes whenever the feed's content may have: any write to any engagement, the filter, or the day. */
  etag: string;
  lastModified: Date;
  /** The iCalendar text; only read when the caller's copy is stale. */
  render(): Promise<string>;
}

/**
 * The feed a token opens, or null when the token is malformed, unknown or revoked, or its owner
 * is disabled. Whether anything changed is told from the audit trail's latest sequence, without
 * reading engagements, so a poll that finds nothing new costs two indexed reads.
 */
export async function openFeed(prisma: PrismaClient, token: string, now = new Date()): Promise<OpenedFeed | null> {
  if (!isWellFormed(token, "calendar")) return null;
  const feed = await prisma.calendarFeed.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      name: true,
      filter: true,
      createdAt: true,
      revokedAt: true,
      lastUsedAt: true,
      user: true,
      view: { select: { filter: true, shared: true, userId: true, updatedAt: true } },
    },
  });
  if (!feed || feed.revokedAt || feed.user.disabledAt) return null;
  // A shared view its owner stopped sharing is no longer one the feed's owner may read.
  if (feed.view && feed.view.userId !== feed.user.id && !feed.view.shared) return null;
  if (!feed.lastUsedAt || now.getTime() - feed.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.calendarFeed.update({ where: { id: feed.id }, data: { lastUsedAt: now } });
  }
  const latest = await prisma.engagementEvent.findFirst({
    orderBy: { sequence: "desc" },
    select: { sequence: true, at: true },
  });
  // Health (in every description, and in health filters) depends on the day: a new day is a new feed.
  const today = todayUtc(now);
  const etag = createHash("sha256")
    .update(JSON.stringify([FEED_FORMAT, String(latest?.sequence ?? 0n), feed.filter, feed.view, isoDay(today)]))
    .digest("base64url")
    .slice(0, 27);
  const changes = [latest?.at, feed.createdAt, feed.view?.updatedAt, today];
  const lastModified = new Date(Math.max(...changes.map((at) => at?.getTime() ?? 0)));
  const stored = feed.view?.filter ?? feed.filter;
  // A shared view's `mine` means the feed's owner, who reads it.
  const filter = stored === null ? null : forViewer(fromStoredFilter(stored), feed.user.id);
  return {
    name: feed.name,
    etag: `"${etag}"`,
    lastModified,
    render: async () => toFeedICalendar(feed.name, await readFeedEngagements(prisma, filter), lastModified, today),
  };
}

/** Every column of each engagement, and its milestones. */
const FEED_READ: ReadPlan = { columns: WHOLE_ENGAGEMENT.columns, relations: new Set(["milestones"]) };

async function readFeedEngagements(
  prisma: PrismaClient,
  filter: ViewerFilter | null | undefined,
): Promise<FeedEngagement[]> {
  const engagements: FeedEngagement[] = [];
  let after: string | null = null;
  do {
    const page = await readEngagementPage(prisma, {
      page: { first: 100, after },
      filter,
      orderBy: DEFAULT_ORDER,
      plan: FEED_READ,
    });
    page.rows.forEach(({ engagement, related }) =>
      engagements.push({ engagement, milestones: related.milestones ?? [] }),
    );
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after && engagements.length < FEED_LIMIT);
  return engagements;
}
