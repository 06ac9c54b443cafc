import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.ts";
import { User } from "../users/user.type.ts";
import { EngagementEvent } from "./engagement-event.type.ts";

@Resolver(() => EngagementEvent)
export class EngagementEventResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who made the change; null when not recorded." })
  actor(@Root() event: EngagementEvent, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return event.actorId ? loaders.userById.load(event.actorId) : null;
  }
}
