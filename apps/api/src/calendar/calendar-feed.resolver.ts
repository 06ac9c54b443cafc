import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import { requireSession, type Viewer } from "../auth/viewer.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { createCalendarFeed, listCalendarFeeds, revokeCalendarFeed } from "./calendar-feed.service.ts";
import {
  CalendarFeed,
  CreateCalendarFeedInput,
  CreateCalendarFeedPayload,
  RevokeCalendarFeedInput,
  RevokeCalendarFeedPayload,
} from "./calendar-feed.types.ts";

@Resolver()
export class CalendarFeedResolver {
  @Authorized()
  @Query(() => [CalendarFeed], { description: "Your calendar feeds, newest first (an admin sees everyone's)." })
  calendarFeeds(@Ctx() { prisma }: Context, @CurrentViewer() viewer: Viewer): Promise<CalendarFeed[]> {
    return listCalendarFeeds(prisma, viewer);
  }

  @Authorized()
  @Mutation(() => CreateCalendarFeedPayload, {
    description:
      "Creates a calendar feed showing what you can read. Only from a signed-in session: an API token is refused (FORBIDDEN).",
  })
  createCalendarFeed(
    @Ctx() { prisma, credential }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => CreateCalendarFeedInput) input: CreateCalendarFeedInput,
  ): Promise<CreateCalendarFeedPayload> {
    requireSession(credential, "Creating a calendar feed");
    return toPayload(CreateCalendarFeedPayload, () => createCalendarFeed(prisma, viewer, input));
  }

  @Authorized()
  @Mutation(() => RevokeCalendarFeedPayload, { description: "Revokes a calendar feed: its URL answers 404 at once." })
  revokeCalendarFeed(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => RevokeCalendarFeedInput) input: RevokeCalendarFeedInput,
  ): Promise<RevokeCalendarFeedPayload> {
    return toPayload(RevokeCalendarFeedPayload, async () => ({
      calendarFeed: await revokeCalendarFeed(prisma, viewer, input.id),
    }));
  }
}
