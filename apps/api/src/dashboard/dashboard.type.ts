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

@ObjectType({ description: "Engagements by status in one calendar month." })
export class MonthlyStatusCounts {
  @Field(() => DateScalar, { description: "The first day of the month." })
  month: Date;

  @Field(() => [StatusCount], {
    description: "Engagements whose planned window overlaps the month, by status (every status listed).",
  })
  statusCounts: StatusCount[];
}

@ObjectType({
  description:
    "What leadership watches: counts, what is coming, what needs attention, what just changed. Archived engagements are left out.",
})
export class Dashboard {
  @Field(() => DateScalar, { description: "The day (UTC) the figures are computed for." })
  today: Date;
}
