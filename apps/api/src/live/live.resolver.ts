import { Arg, Authorized, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import { badInput } from "../common/connection.ts";
import { unauthenticated } from "../auth/viewer.ts";
import type { Context } from "../context.ts";
import { EngagementFilter } from "../engagements/engagement.inputs.ts";
import { EngagementChange } from "./engagement-change.type.ts";

interface EngagementChangedArgs {
  filter?: EngagementFilter | null;
  sinceSequence?: string | null;
}

function subscribeToChanges({ args, context }: SubscribeResolverData<unknown, EngagementChangedArgs, Context>) {
  const since = args.sinceSequence ?? null;
  if (since !== null && !/^\d{1,19}$/.test(since))
    throw badInput("`sinceSequence` is a sequence number.", "sinceSequence");
  // @Authorized guards each delivered change; refuse the subscription itself up front.
  if (!context.viewer) throw unauthenticated();
  if (!context.changeHub) throw new Error("This server was started without live changes");
  return context.changeHub.subscribe(args.filter ?? null, since === null ? null : BigInt(since));
}

@Resolver()
export class LiveResolver {
  @Authorized()
  @Subscription(() => EngagementChange, {
    subscribe: subscribeToChanges,
    description:
      "Every create, edit, archive, milestone change and status move, from whichever API instance made it, once committed. " +
      "Reconnect with `sinceSequence` set to the last `event.sequence` you saw to receive what you missed first.",
  })
  engagementChanged(
    @Root() change: EngagementChange,
    @Arg("filter", () => EngagementFilter, { nullable: true, description: "Only changes to engagements matching it." })
    _filter?: EngagementFilter | null,
    @Arg("sinceSequence", () => String, { nullable: true }) _sinceSequence?: string | null,
  ): EngagementChange {
    return change;
  }
}
