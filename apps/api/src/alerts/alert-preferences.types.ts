import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Payload } from "../common/payload.ts";
import { AlertKind, AlertTiming } from "./alert-rules.ts";

registerEnumType(AlertKind, {
  name: "AlertKind",
  description:
    "What an alert is about. Health alerts come once per entry: leaving the state and entering it again alerts again.",
  valuesConfig: {
    AT_RISK: { description: "An engagement became AT_RISK." },
    OVERDUE: { description: "An engagement became OVERDUE." },
    MILESTONE_DUE_SOON: { description: "A milestone came within the user's `dueSoonDays` of its due date." },
    MILESTONE_OVERDUE: { description: "A milestone passed its due date uncompleted." },
    POSTPONED: { description: "Someone else postponed the engagement." },
    CANCELLED: { description: "Someone else cancelled the engagement." },
  },
});

registerEnumType(AlertTiming, {
  name: "AlertTiming",
  description: "How alerts reach the user by e-mail.",
  valuesConfig: {
    IMMEDIATE: { description: "One e-mail per alert as it happens; during quiet hours, when they end." },
    DIGEST: { description: "Only the daily digest of what needs attention today." },
  },
});

@ObjectType({ description: "A daily span, in the user's time zone, during which no immediate alert is e-mailed." })
export class QuietHours {
  @Field(() => String, { description: "`HH:MM`, 24-hour clock." })
  from: string;

  @Field(() => String, { description: "`HH:MM`; before `from` when the span wraps past midnight (22:00–07:00)." })
  until: string;
}

@ObjectType({ description: "Which alerts a user gets and how: defaults (every kind, immediately) until saved." })
export class AlertPreferences {
  @Field(() => ID, { description: "The user's ID." })
  userId: string;

  @Field(() => String, { description: "Where alert e-mails go: the user's e-mail address." })
  email: string;

  @Field(() => [AlertKind], { description: "The kinds of alert wanted; empty for none." })
  kinds: AlertKind[];

  @Field(() => AlertTiming)
  timing: AlertTiming;

  @Field(() => QuietHours, { nullable: true })
  quietHours: QuietHours | null;

  @Field(() => String, { description: "IANA time zone of the quiet hours, e.g. `Europe/Paris`." })
  timeZone: string;

  @Field(() => Int, { description: "A milestone is due soon this many days ahead (0–30)." })
  dueSoonDays: number;
}

@InputType()
export class QuietHoursInput {
  @Field(() => String, { description: "`HH:MM`." })
  from: string;

  @Field(() => String, { description: "`HH:MM`." })
  until: string;
}

@InputType({ description: "Changes the fields given; the others stay." })
export class UpdateAlertPreferencesInput {
  @Field(() => ID, {
    nullable: true,
    description: "Whose preferences: the viewer's when absent. Only admins may name another user.",
  })
  userId?: string | null;

  @Field(() => [AlertKind], { nullable: true })
  kinds?: AlertKind[] | null;

  @Field(() => AlertTiming, { nullable: true })
  timing?: AlertTiming | null;

  @Field(() => QuietHoursInput, { nullable: true, description: "null removes quiet hours." })
  quietHours?: QuietHoursInput | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => Int, { nullable: true })
  dueSoonDays?: number | null;
}

@ObjectType()
export class UpdateAlertPreferencesPayload extends Payload {
  @Field(() => AlertPreferences, { nullable: true, description: "As saved; null when refused." })
  preferences: AlertPreferences | null = null;
}
