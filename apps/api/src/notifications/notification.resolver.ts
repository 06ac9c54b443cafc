import type { PrismaClient } from "@engagement-tracker/db";
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { CurrentViewer } from "../auth/current-viewer.ts";
import { unauthenticated, type Viewer } from "../auth/viewer.ts";
import { PageArgs } from "../common/connection.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { Engagement } from "../engagements/engagement.type.ts";
import { endingWithAccess, sinceSequenceOf } from "../live/live.resolver.ts";
import type { EngagementChange } from "../live/engagement-change.type.ts";
import { createLoaders } from "../loader-registry.ts";
import { User } from "../users/user.type.ts";
import { MarkNotificationsReadInput, WatchEngagementInput } from "./notification.inputs.ts";
import { markRead, readNotifications, setWatching, unreadCount } from "./notification.service.ts";
import {
  MarkNotificationsReadPayload,
  Notification,
  NotificationConnection,
  WatchEngagementPayload,
  toNotification,
} from "./notification.type.ts";

/**
 * The viewer's notifications as their changes commit, from whichever instance wrote them: the
 * change hub already brings every committed change to this instance in order; each one's
 * notifications for the viewer are read beside it.
 */
async function* notificationsFor(
  prisma: PrismaClient,
  userId: string,
  changes: AsyncIterable<EngagementChange>,
): AsyncGenerator<Notification> {
  for await (const change of changes) {
    const rows = await prisma.notification.findMany({
      where: { userId, eventSequence: BigInt(change.event.sequence) },
      orderBy: { id: "asc" },
    });
    for (const row of rows) yield toNotification(row);
  }
}

function subscribeToNotifications({
  args,
  context,
}: SubscribeResolverData<unknown, { sinceSequence?: string | null }, Context>) {
  const since = sinceSequenceOf(args.sinceSequence);
  if (!context.viewer || !context.credential) throw unauthenticated();
  if (!context.changeHub) throw new Error("This server was started without live changes");
  const changes = context.changeHub.subscribe(null, since);
  const notifications = notificationsFor(context.prisma, context.viewer.id, changes);
  const { connection } = context;
  if (!connection) return notifications;
  return endingWithAccess(notifications, () => connection.access.closeIfEnded(connection.socket));
}

@Resolver(() => Notification)
export class NotificationResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who made the change." })
  actor(@Root() notification: Notification, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return notification.actorId ? loaders.userById.load(notification.actorId) : null;
  }

  @FieldResolver(() => Engagement, { nullable: true, description: "The engagement it concerns." })
  engagement(@Root() notification: Notification, @Ctx() { loaders }: Context): Promise<Engagement | null> {
    return loaders.engagementById.load(notification.engagementId);
  }

  @Authorized()
  @Query(() => NotificationConnection, { description: "The viewer's notifications, newest first." })
  notifications(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Args(() => PageArgs) page: PageArgs,
    @Arg("unreadOnly", () => Boolean, { defaultValue: false }) unreadOnly: boolean,
  ): Promise<NotificationConnection> {
    return readNotifications(prisma, viewer.id, page, unreadOnly);
  }

  @Authorized()
  @Query(() => Int, { description: "How many of the viewer's notifications are unread." })
  unreadNotificationCount(@Ctx() { prisma }: Context, @CurrentViewer() viewer: Viewer): Promise<number> {
    return unreadCount(prisma, viewer.id);
  }

  @Authorized()
  @Mutation(() => MarkNotificationsReadPayload)
  markNotificationsRead(
    @Ctx() { prisma }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
  ): Promise<MarkNotificationsReadPayload> {
    return toPayload(MarkNotificationsReadPayload, async () => ({
      unreadCount: await markRead(prisma, input, viewer.id),
    }));
  }

  @Authorized()
  @Subscription(() => Notification, {
    subscribe: subscribeToNotifications,
    description:
      "The viewer's new notifications as the changes causing them commit, from any API instance. With " +
      "`sinceSequence` (from `latestChangeSequence`), those of changes committed after it come first.",
  })
  notificationAdded(
    @Root() notification: Notification,
    @Ctx() context: Context,
    @Arg("sinceSequence", () => String, { nullable: true }) _sinceSequence?: string | null,
  ): Notification {
    // As engagementChanged: fresh loaders per delivered item.
    context.loaders = createLoaders(context.prisma);
    return notification;
  }
}

@Resolver(() => Engagement)
export class EngagementWatchingResolver {
  @FieldResolver(() => Boolean, { description: "Whether the viewer watches it (and so is notified of changes)." })
  viewerIsWatching(@Root() engagement: Engagement, @Ctx() { loaders, viewer }: Context): Promise<boolean> | boolean {
    return viewer ? loaders.watching.load(`${viewer.id} ${engagement.rowId}`) : false;
  }

  @Authorized()
  @Mutation(() => WatchEngagementPayload, { description: "Watches or stops watching an engagement (any role)." })
  watchEngagement(
    @Ctx() { prisma, loaders }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => WatchEngagementInput) input: WatchEngagementInput,
  ): Promise<WatchEngagementPayload> {
    return toPayload(WatchEngagementPayload, async () => {
      const engagementId = await setWatching(prisma, input, viewer.id);
      return { engagement: await loaders.engagementById.load(engagementId), watching: input.watching };
    });
  }
}
