import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject } from "../common/node.ts";
import { DateTimeScalar } from "../common/scalars.ts";
import { EngagementFilter, EngagementOrder } from "../engagements/engagement.inputs.ts";

@ObjectType({
  implements: Node,
  description:
    "A named engagements list (filter and order): your own, one shared with everyone by an editor, or a built-in default.",
})
export class SavedView extends NodeObject {
  protected readonly typename = "SavedView";

  /** The owner; null for a built-in view. */
  userId: string | null;

  @Field(() => String)
  name: string;

  @Field(() => Boolean, { description: "Listed for every user." })
  shared: boolean;

  @Field(() => Boolean, { description: "A default every user has; it cannot be renamed or deleted." })
  builtIn: boolean;

  @Field(() => Boolean, { description: "Yours: you may rename, change or delete it." })
  mine: boolean;

  @Field(() => Boolean, { description: "In your navigation." })
  pinned: boolean;

  @Field(() => EngagementFilter, { description: "Pass as `engagements(filter:)`." })
  filter: EngagementFilter;

  @Field(() => EngagementOrder, { nullable: true, description: "Pass as `engagements(orderBy:)`; null: the default." })
  orderBy: EngagementOrder | null;

  @Field(() => DateTimeScalar, { nullable: true })
  updatedAt: Date | null;
}
