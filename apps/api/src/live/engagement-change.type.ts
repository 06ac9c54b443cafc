import { Field, ObjectType } from "type-graphql";
import { EngagementEvent } from "../engagements/engagement-event.type.ts";
import { Engagement } from "../engagements/engagement.type.ts";

@ObjectType({
  description:
    "A committed change to an engagement, pushed to subscribers: the audit-trail event and the engagement as it now stands.",
})
export class EngagementChange {
  @Field(() => EngagementEvent, { description: "What changed; `event.sequence` orders every change." })
  event: EngagementEvent;

  @Field(() => Engagement, { description: "The engagement as it stands when the change is delivered." })
  engagement: Engagement;
}
