import { isCountryCode } from "@engagement-tracker/schema/countries";
import { ArrayMaxSize, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateBy, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { OrderDirection } from "../common/connection.ts";
import { EngagementKind, EngagementStatus, ParticipationRole } from "../common/enums.ts";
import { DateScalar } from "../common/scalars.ts";
import { LIMITS, apply } from "../common/validation.ts";
import { Health } from "./health.ts";

export enum EngagementOrderField {
  START_DATE = "START_DATE",
  UPDATED_AT = "UPDATED_AT",
  TITLE = "TITLE",
  STATUS = "STATUS",
  HEALTH = "HEALTH",
}
registerEnumType(EngagementOrderField, {
  name: "EngagementOrderField",
  valuesConfig: {
    STATUS: { description: "Lifecycle order (PROPOSED first, CANCELLED last), then start date." },
    HEALTH: { description: "OVERDUE, AT_RISK, ON_TRACK, CLOSED (ASC; DESC reverses), then start date." },
  },
});

// Also an output type: a saved view gives back the order and filter it was saved with.
@ObjectType("SavedEngagementOrder", { description: "An engagements order as a saved view keeps it." })
@InputType({ description: "How to order engagements; ties are broken by ID so pages never overlap." })
export class EngagementOrder {
  @Field(() => EngagementOrderField)
  field: EngagementOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.ASC })
  direction: OrderDirection;
}

@ObjectType("SavedEngagementFilter", { description: "An engagements filter as a saved view keeps it." })
@InputType({ description: "Every condition given must hold; a list matches any of its values." })
export class EngagementFilter {
  @Field(() => [EngagementStatus], { nullable: true })
  statuses?: EngagementStatus[] | null;

  @Field(() => [EngagementKind], { nullable: true })
  kinds?: EngagementKind[] | null;

  @Field(() => [ID], { nullable: true })
  seriesIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: "ISO 3166-1 alpha-2 codes of the location; any other code is refused.",
  })
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: "Region of the location, matched case-insensitively." })
  region?: string | null;

  @Field(() => [Health], { nullable: true })
  health?: Health[] | null;

  @Field(() => [ID], { nullable: true, description: "Users whose engagements (as owner) to show." })
  ownerIds?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only engagements the viewer owns or co-owns (a saved view or feed: those its owner does).",
  })
  mine?: boolean | null;

  @Field(() => String, { nullable: true, description: "Words found in the title, summary or location name." })
  search?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Planned window ends on or after this day." })
  from?: Date | null;

  @Field(() => DateScalar, { nullable: true, description: "Planned window starts on or before this day." })
  to?: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only what is still ahead or under way: open (not COMPLETED or CANCELLED) and the planned window not yet ended (ends today or later, UTC).",
  })
  upcoming?: boolean | null;

  @Field(() => Boolean, {
    defaultValue: false,
    description: "Include archived engagements (ignored when `archived` is set).",
  })
  includeArchived: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only archived engagements; false: only those not archived; unset: as `includeArchived` says.",
  })
  archived?: boolean | null;
}

@InputType()
export class ParticipantInput {
  @Field(() => ID)
  organizationId: string;

  @Field(() => ParticipationRole)
  role: ParticipationRole;
}

/** Fields shared by create and update; on update every field is optional. */
@InputType()
abstract class EngagementFieldsInput {
  @Field(() => ID, { nullable: true })
  seriesId?: string | null;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(1, { message: "Round must be 1 or more." })
  @Max(1000, { message: "Round must be at most 1000." })
  round?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.region, { message: `Region must be at most ${LIMITS.region} characters.` })
  region?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText, { message: `Summary must be at most ${LIMITS.longText} characters.` })
  summary?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(LIMITS.objectives, { message: `At most ${LIMITS.objectives} objectives.` })
  @IsNotEmpty({ each: true, message: "Objectives cannot be empty." })
  @MaxLength(LIMITS.objective, {
    each: true,
    message: `Each objective must be at most ${LIMITS.objective} characters.`,
  })
  objectives?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Users who share the responsibility; replaces the whole list. Active users only, not the owner.",
  })
  @IsOptional()
  @ArrayMaxSize(LIMITS.coOwners, { message: `At most ${LIMITS.coOwners} co-owners.` })
  coOwnerIds?: string[] | null;

  @Field(() => [ParticipantInput], { nullable: true, description: "Replaces the whole list of participants." })
  @IsOptional()
  @ArrayMaxSize(LIMITS.participants, { message: `At most ${LIMITS.participants} participants.` })
  @ValidateNested({ each: true })
  participants?: ParticipantInput[] | null;
}

const titleRules = [
  IsNotEmpty({ message: "Title cannot be empty." }),
  MaxLength(LIMITS.title, { message: `Title must be at most ${LIMITS.title} characters.` }),
];
const locationRules = [
  IsNotEmpty({ message: "Location cannot be empty." }),
  MaxLength(LIMITS.name, { message: `Location must be at most ${LIMITS.name} characters.` }),
];
const countryRules = (label: string) => [
  ValidateBy(
    {
      name: "isCountryCode",
      validator: { validate: (value: unknown) => typeof value === "string" && isCountryCode(value) },
    },
    { message: `${label} must be an ISO 3166-1 alpha-2 code such as "US" or "CN".` },
  ),
];

@InputType()
export class CreateEngagementInput extends EngagementFieldsInput {
  @Field(() => String)
  @apply(titleRules)
  title: string;

  @Field(() => EngagementKind)
  kind: EngagementKind;

  @Field(() => DateScalar)
  startsOn: Date;

  @Field(() => DateScalar)
  endsOn: Date;

  @Field(() => String)
  @apply(locationRules)
  locationName: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 code of the location." })
  @apply(countryRules("Country"))
  country: string;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 code of the hosting side." })
  @apply(countryRules("Host country"))
  hostCountry: string;

  @Field(() => ID, {
    nullable: true,
    description: "The responsible desk officer, an active user; omitted or null, the creator owns it.",
  })
  ownerId?: string | null;

  @Field(() => EngagementStatus, {
    defaultValue: EngagementStatus.PROPOSED,
    description: "Starting status: PROPOSED (default) or PLANNED.",
  })
  status: EngagementStatus;
}

@InputType({ description: "Changes to an engagement; omitted fields stay as they are. Status has its own mutation." })
export class UpdateEngagementInput extends EngagementFieldsInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: "Refuse the change if the engagement's version moved on." })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @apply(titleRules)
  title?: string | null;

  @Field(() => EngagementKind, { nullable: true })
  kind?: EngagementKind | null;

  @Field(() => ID, { nullable: true, description: "A new owner, an active user; null leaves it unassigned." })
  ownerId?: string | null;

  @Field(() => DateScalar, { nullable: true })
  startsOn?: Date | null;

  @Field(() => DateScalar, { nullable: true })
  endsOn?: Date | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @apply(locationRules)
  locationName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @apply(countryRules("Country"))
  country?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @apply(countryRules("Host country"))
  hostCountry?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(LIMITS.longText, { message: `Outcome must be at most ${LIMITS.longText} characters.` })
  outcome?: string | null;
}

@InputType()
export class UpdateEngagementStatusInput {
  @Field(() => ID)
  id: string;

  @Field(() => EngagementStatus)
  status: EngagementStatus;

  @Field(() => String, { nullable: true, description: "Why; required for POSTPONED and CANCELLED." })
  @IsOptional()
  @MaxLength(LIMITS.reason, { message: `Reason must be at most ${LIMITS.reason} characters.` })
  reason?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "A new planned start applied with the move (e.g. when postponing); omitted, the start stays.",
  })
  startsOn?: Date | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "A new planned end applied with the move; it must be on or after the start.",
  })
  endsOn?: Date | null;

  @Field(() => Int, { nullable: true, description: "Refuse the move if the engagement's version moved on." })
  expectedVersion?: number | null;
}

@InputType()
export class ArchiveEngagementInput {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;
}
