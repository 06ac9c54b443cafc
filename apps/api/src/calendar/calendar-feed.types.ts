import { IsNotEmpty, MaxLength } from "class-validator";
import { Field, ID, InputType, ObjectType } from "type-graphql";
import { Node, NodeObject } from "../common/node.ts";
import { Payload } from "../common/payload.ts";
import { DateTimeScalar } from "../common/scalars.ts";
import { EngagementFilter } from "../engagements/engagement.inputs.ts";

@ObjectType({
  implements: Node,
  description:
    "A personal calendar subscription (iCalendar over HTTP). Its URL holds a secret shown once, when created; anyone with the URL reads what the feed shows, so revoke it when it leaks.",
})
export class CalendarFeed extends NodeObject {
  protected readonly typename = "CalendarFeed";

  userId: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: "The token's first characters, to recognise it." })
  prefix: string;

  @Field(() => Boolean, {
    description:
      "True when the feed follows a filter or a saved view; false when it shows every engagement its owner can read.",
  })
  filtered: boolean;

  @Field(() => String, { nullable: true, description: "The saved view it follows, by name." })
  viewName: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When a calendar program last fetched it (to the minute).",
  })
  lastUsedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt: Date | null;
}

@InputType()
export class CreateCalendarFeedInput {
  @Field(() => String, { description: 'What it is for, e.g. "Outlook on my phone".' })
  @IsNotEmpty({ message: "Name the calendar feed." })
  @MaxLength(100, { message: "Calendar feed names are at most 100 characters." })
  name: string;

  @Field(() => EngagementFilter, {
    nullable: true,
    description:
      "The engagements it shows, as the `engagements` query filters them; unset: every engagement you can read.",
  })
  filter?: EngagementFilter | null;

  @Field(() => ID, {
    nullable: true,
    description: "Or a saved view (yours or a shared one) to follow as it changes; the feed is deleted with the view.",
  })
  viewId?: string | null;
}

@ObjectType()
export class CreateCalendarFeedPayload extends Payload {
  @Field(() => CalendarFeed, { nullable: true })
  calendarFeed: CalendarFeed | null = null;

  @Field(() => String, {
    nullable: true,
    description:
      "The feed's path on the API, `/calendar/<token>.ics`, secret included. It cannot be shown again. The dashboard serves the same path.",
  })
  path: string | null = null;
}

@InputType()
export class RevokeCalendarFeedInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class RevokeCalendarFeedPayload extends Payload {
  @Field(() => CalendarFeed, { nullable: true })
  calendarFeed: CalendarFeed | null = null;
}
