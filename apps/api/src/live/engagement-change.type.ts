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

  /**
   * The users this change concerns (row ids): the engagement's owner and co-owners, and everyone
   * it notified. Read for a batch of changes at once, shared by every subscriber, and only when
   * one of them asks (see `concernsViewer`).
   */
  concernedUserIds: () => Promise<ReadonlySet<string>>;
}
