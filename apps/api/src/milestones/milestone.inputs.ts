import { IsNotEmpty, IsOptional, MaxDate, MaxLength, MinDate } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { DateScalar } from "../common/scalars.ts";
import { DATE_RANGE, DATE_RANGE_MESSAGE, LIMITS, apply } from "../common/validation.ts";

const titleRules = apply([
  IsNotEmpty({ message: "Title cannot be empty." }),
  MaxLength(LIMITS.title, { message: `Title must be at most ${LIMITS.title} characters.` }),
]);
const dueOnRules = apply([
  MinDate(DATE_RANGE.earliest, { message: DATE_RANGE_MESSAGE }),
  MaxDate(DATE_RANGE.latest, { message: DATE_RANGE_MESSAGE }),
]);
const noteRules = apply([
  IsOptional(),
  MaxLength(LIMITS.note, { message: `Note must be at most ${LIMITS.note} characters.` }),
]);
const DUE_ON_DESCRIPTION = "Between 1900 and 2200, as engagement dates.";
const NOTE_DESCRIPTION = `Context for the step, at most ${LIMITS.note} characters.`;
const OWNER_DESCRIPTION = "Who sees the step through: an active user.";
const EXPECTED_VERSION_DESCRIPTION = "Refuse if the engagement's version moved on.";

@InputType()
export class AddMilestoneInput {
  @Field(() => ID)
  engagementId: string;

  @Field(() => String)
  @titleRules
  title: string;

  @Field(() => DateScalar, { description: DUE_ON_DESCRIPTION })
  @dueOnRules
  dueOn: Date;

  @Field(() => String, { nullable: true, description: NOTE_DESCRIPTION })
  @noteRules
  note?: string | null;

  @Field(() => ID, { nullable: true, description: OWNER_DESCRIPTION })
  ownerId?: string | null;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_DESCRIPTION })
  expectedVersion?: number | null;
}

@InputType({ description: "Changes a milestone's title, due date, note or owner; omitted fields stay as they are." })
export class UpdateMilestoneInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @titleRules
  title?: string | null;

  @Field(() => DateScalar, { nullable: true, description: DUE_ON_DESCRIPTION })
  @IsOptional()
  @dueOnRules
  dueOn?: Date | null;

  @Field(() => String, { nullable: true, description: `${NOTE_DESCRIPTION} An empty note removes it.` })
  @noteRules
  note?: string | null;

  @Field(() => ID, { nullable: true, description: `${OWNER_DESCRIPTION} null removes the owner.` })
  ownerId?: string | null;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_DESCRIPTION })
  expectedVersion?: number | null;
}

@InputType({ description: "Names a milestone, with the engagement version the client saw." })
export class MilestoneStateInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_DESCRIPTION })
  expectedVersion?: number | null;
}

@InputType({ description: "Removes a milestone; the audit trail keeps it." })
export class RemoveMilestoneInput extends MilestoneStateInput {}
