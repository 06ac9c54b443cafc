import { EngagementEventKind, NotificationReason, type Notification as NotificationRow } from "@engagement-tracker/db";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { Connection } from "../common/connection.ts";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { Payload } from "../common/payload.ts";
import { DateTimeScalar } from "../common/scalars.ts";
import { Engagement } from "../engagements/engagement.type.ts";

registerEnumType(NotificationReason, {
  name: "NotificationReason",
  description: "Why the viewer heard of a change.",
  valuesConfig: {
    WATCHING: { description: "They watch the engagement." },
    MENTIONED: { description: "A comment mentions them." },
  },
});

@ObjectType({ implements: Node, description: "Word to the viewer of a change someone else made to what they watch." })
export class Notification extends NodeObject {
  protected readonly typename = "Notification";

  engagementId: string;
  actorId: string | null;
  eventSequence: bigint;

  @Field(() => EngagementEventKind, { description: "What happened, as the audit trail calls it." })
  kind: EngagementEventKind;

  @Field(() => NotificationReason)
  reason: NotificationReason;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the viewer marked it read; null while unread." })
  readAt: Date | null;
}

export const toNotification = (row: NotificationRow): Notification => fromRow(Notification, row);

@ObjectType({ description: "The viewer's notifications, newest first." })
export class NotificationConnection extends Connection(Notification) {}

@ObjectType()
export class MarkNotificationsReadPayload extends Payload {
  @Field(() => Int, { description: "The viewer's unread notifications after the change." })
  unreadCount = 0;
}

@ObjectType()
export class WatchEngagementPayload extends Payload {
  @Field(() => Engagement, { nullable: true })
  engagement: Engagement | null = null;

  @Field(() => Boolean, { description: "Whether the viewer now watches it." })
  watching = false;
}
