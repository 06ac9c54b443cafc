import type { StatusChange as StatusChangeRow } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import { EngagementStatus } from "../common/enums.ts";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { DateTimeScalar } from "../common/scalars.ts";

@ObjectType({
  implements: Node,
  description: "One move in an engagement's lifecycle. Append-only: written with the status it records.",
})
export class StatusChange extends NodeObject {
  protected readonly typename = "StatusChange";

  engagementId: string;
  actorId: string | null;

  @Field(() => EngagementStatus, { nullable: true, description: "Null for the first status, on creation." })
  fromStatus: EngagementStatus | null;

  @Field(() => EngagementStatus)
  toStatus: EngagementStatus;

  @Field(() => String, { nullable: true })
  reason: string | null;

  @Field(() => DateTimeScalar)
  at: Date;
}

export const toStatusChange = (row: StatusChangeRow): StatusChange => fromRow(StatusChange, row);
