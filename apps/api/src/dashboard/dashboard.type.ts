import { Field, Int, ObjectType } from "type-graphql";
import { EngagementStatus } from "../common/enums.ts";
import { DateScalar } from "../common/scalars.ts";
import { Health } from "../engagements/health.ts";

@ObjectType()
export class StatusCount {
  @Field(() => EngagementStatus)
  status: EngagementStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class HealthCount {
  @Field(() => Health)
  health: Health;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  description:
    "What leadership watches: counts, what is coming, what needs attention, what just changed. Archived engagements are left out.",
})
export class Dashboard {
  @Field(() => DateScalar, { description: "The day (UTC) the figures are computed for." })
  today: Date;
}
