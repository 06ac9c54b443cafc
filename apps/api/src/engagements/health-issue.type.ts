import { Field, ObjectType } from "type-graphql";
import { EngagementStatus } from "../common/enums.ts";
import { DateScalar } from "../common/scalars.ts";
import { HealthIssueKind, type HealthIssueFacts } from "./health.ts";

@ObjectType({ description: "One reason an engagement needs attention, as facts a reader can phrase." })
export class HealthIssue implements HealthIssueFacts {
  @Field(() => HealthIssueKind)
  kind: HealthIssueKind;

  @Field(() => DateScalar, { description: "The day the issue is about: window end, start, or milestone due date." })
  date: Date;

  @Field(() => EngagementStatus, {
    nullable: true,
    description: "The status the engagement is still in (WINDOW_ENDED, STARTS_UNSETTLED).",
  })
  status: EngagementStatus | null;

  @Field(() => String, { nullable: true, description: "The milestone past due (MILESTONE_PAST_DUE)." })
  milestoneTitle: string | null;
}
