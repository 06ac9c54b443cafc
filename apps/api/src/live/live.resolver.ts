import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from "type-graphql";
import { badInput } from "../common/connection.ts";
import { unauthenticated } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { createLoaders } from "../loader-registry.ts";
import { EngagementFilter } from "../engagements/engagement.inputs.ts";
import { checkFilter, forViewer } from "../engagements/read/index.ts";
import { latestSequence } from "../engagements/versioned-write.ts";
import { EngagementChange } from "./engagement-change.type.ts";

interface EngagementChangedArgs {
  filter?: EngagementFilter | null;
  sinceSequence?: string | null;
}

/** A subscription's `sinceSequence`, checked: the sequence to replay from, or null for live changes only. */
export function sinceSequenceOf(sinceSequence: string | null | undefined): bigint | null {
  const since = sinceSequence ?? null;
  if (since !== null && !/^\d{1,19}$/.test(since))
    throw badInput("`sinceSequence` is a sequence number.", "sinceSequence");
  return since === null ? null : BigInt(since);
}

function subscribeToChanges({ args, context }: SubscribeResolverData<unknown, EngagementChangedArgs, Context>) {
  const since = sinceSequenceOf(args.sinceSequence);
  // @Authorized guards each delivered change; refuse the subscription itself up front.
  if (!context.viewer || !context.credential) throw unauthenticated();
  if (!context.changeHub) throw new Error("This server was started without live changes");
  // A filter the `engagements` query would refuse is refused here, not when a change arrives.
  checkFilter(args.filter);
  const changes = context.changeHub.subscribe(forViewer(args.filter, context.viewer.id) ?? null, since);
  const { connection } = context;
  if (!connection) return changes;
  return endingWithAccess(changes, () => connection.access.closeIfEnded(connection.socket));
}

/**
 * Checks before each change that the subscriber's access still holds; when it has ended the
 * connection is closed (with its close code) and the change is not sent.
 */
export function endingWithAccess<Change>(
  changes: AsyncIterableIterator<Change>,
  closeIfEnded: () => Promise<boolean>,
): AsyncIterableIterator<Change> {
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      const next = await changes.next();
      if (next.done || !(await closeIfEnded())) return next;
      return changes.return!();
    },
    return: () => changes.return!(),
  };
}

@Resolver()
export class LiveResolver {
  @Authorized()
  @Query(() => String, {
    description:
      "The sequence of the latest committed change. Read it with your first query and subscribe with it as " +
      "`sinceSequence`: every change committed after that read reaches you, however long subscribing takes.",
  })
  async latestChangeSequence(@Ctx() { prisma }: Context): Promise<string> {
    return (await latestSequence(prisma)).toString();
  }

  @Authorized()
  @Subscription(() => EngagementChange, {
    subscribe: subscribeToChanges,
    description:
      "Every create, edit, archive, milestone change and status move, from whichever API instance made it, once committed. " +
      "Reconnect with `sinceSequence` set to the last `event.sequence` you saw to receive what you missed first. " +
      "The connection is closed with code 4401 when its session ends or its token stops working, and 4403 when its user's role changes.",
  })
  engagementChanged(
    @Root() change: EngagementChange,
    @Ctx() context: Context,
    @Arg("filter", () => EngagementFilter, { nullable: true, description: "Only changes to engagements matching it." })
    _filter?: EngagementFilter | null,
    @Arg("sinceSequence", () => String, { nullable: true }) _sinceSequence?: string | null,
  ): EngagementChange {
    // graphql-ws resolves every change of a subscription with the one context built when it
    // began; loaders of its own let each change read its relations as they now stand, and
    // keep a long subscription from holding everything it ever loaded.
    context.loaders = createLoaders(context.prisma);
    return change;
  }
}

@Resolver(() => EngagementChange)
export class EngagementChangeResolver {
  @FieldResolver(() => Boolean, {
    description:
      "Whether the change concerns the subscriber: they own or co-own the engagement, or it notified them. " +
      "A client keeping answers about its own user (an unread count, its own engagements) needs to read them " +
      "again only for such a change, or for one to an engagement those answers show.",
  })
  async concernsViewer(@Root() change: EngagementChange, @Ctx() { viewer }: Context): Promise<boolean> {
    return viewer ? (await change.concernedUserIds()).has(viewer.id) : false;
  }
}
