import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../context.ts";
import { User } from "../users/user.type.ts";
import { Engagement } from "./engagement.type.ts";
import { StatusChange } from "./status-change.type.ts";

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => User, { nullable: true, description: "Who made the move; null when not recorded." })
  actor(@Root() change: StatusChange, @Ctx() { loaders }: Context): Promise<User | null> | null {
    return change.actorId ? loaders.userById.load(change.actorId) : null;
  }

  @FieldResolver(() => Engagement)
  async engagement(@Root() change: StatusChange, @Ctx() { loaders }: Context): Promise<Engagement> {
    return (await loaders.engagementById.load(change.engagementId))!;
  }
}
