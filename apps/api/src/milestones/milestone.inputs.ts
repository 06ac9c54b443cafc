import { IsNotEmpty, MaxDate, MaxLength, MinDate } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../common/scalars.ts";
import { DATE_RANGE, DATE_RANGE_MESSAGE, LIMITS } from "../common/validation.ts";

@InputType()
export class AddMilestoneInput {
  @Field(() => ID)
  engagementId: string;

  @Field(() => String)
  @IsNotEmpty({ message: "Title cannot be empty." })
  @MaxLength(LIMITS.title, { message: `Title must be at most ${LIMITS.title} characters.` })
  title: string;

  @Field(() => DateScalar, { description: "Between 1900 and 2200, as engagement dates." })
  @MinDate(DATE_RANGE.earliest, { message: DATE_RANGE_MESSAGE })
  @MaxDate(DATE_RANGE.latest, { message: DATE_RANGE_MESSAGE })
  dueOn: Date;

  @Field(() => Int, { nullable: true, description: "Refuse if the engagement's version moved on." })
  expectedVersion?: number | null;
}

@InputType({ description: "Marks a milestone done or open again." })
export class MilestoneStateInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: "Refuse if the engagement's version moved on." })
  expectedVersion?: number | null;
}
