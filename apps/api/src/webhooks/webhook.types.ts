import { WebhookDeliveryState, WebhookEventKind } from "@engagement-tracker/db";
import { ArrayNotEmpty, IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Node, NodeObject } from "../common/node.ts";
import { Payload } from "../common/payload.ts";
import { DateTimeScalar } from "../common/scalars.ts";

registerEnumType(WebhookEventKind, {
  name: "WebhookEventKind",
  description: "What a webhook endpoint is sent.",
  valuesConfig: {
    CHANGES: { description: "Every change to an engagement (the audit trail), as `engagement.changed`." },
    ALERTS: { description: "Alerts (an engagement entering AT_RISK or OVERDUE, …), as `alert`." },
  },
});

registerEnumType(WebhookDeliveryState, {
  name: "WebhookDeliveryState",
  valuesConfig: {
    PENDING: { description: "Not delivered yet: waiting for its first attempt or a retry." },
    DELIVERED: { description: "The receiver answered 2xx." },
    FAILED: { description: "Every attempt in the retry window failed; `redeliverWebhook` tries again." },
  },
});

@ObjectType({
  implements: Node,
  description: "One event for one endpoint, with the outcome of its last attempt. Retries reuse its idempotency key.",
})
export class WebhookDelivery extends NodeObject {
  protected readonly typename = "WebhookDelivery";

  @Field(() => String, {
    description: "Sent as the `Webhook-Id` header and the payload's `id`: the same on every attempt.",
  })
  idempotencyKey: string;

  @Field(() => String, { description: 'The payload\'s `type`, e.g. "engagement.changed".' })
  eventType: string;

  @Field(() => WebhookDeliveryState)
  state: WebhookDeliveryState;

  @Field(() => Int)
  attempts: number;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last answer; null when there was none." })
  responseStatus: number | null;

  @Field(() => Int, { nullable: true, description: "How long the last attempt took, in milliseconds." })
  responseTimeMs: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed." })
  lastError: string | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastAttemptAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the next attempt is due, while PENDING." })
  nextAttemptAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt: Date | null;
}

@ObjectType({
  implements: Node,
  description: "An address another system gave to be sent events, signed with a secret shown once. Admins only.",
})
export class WebhookEndpoint extends NodeObject {
  protected readonly typename = "WebhookEndpoint";

  @Field(() => String)
  url: string;

  @Field(() => String)
  description: string;

  @Field(() => [WebhookEventKind])
  events: WebhookEventKind[];

  @Field(() => String, { description: "The secret's first characters, to recognise it." })
  secretPrefix: string;

  @Field(() => Boolean)
  get enabled(): boolean {
    return this.disabledAt === null;
  }

  @Field(() => DateTimeScalar, { nullable: true })
  disabledAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "Why it was disabled: by an admin, or after failing for the whole retry window (24 h).",
  })
  disabledReason: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Failing since then, without a success since." })
  failingSince: Date | null;

  @Field(() => DateTimeScalar)
  createdAt: Date;
}

@InputType()
export class CreateWebhookEndpointInput {
  @Field(() => String, { description: "An http(s) URL reachable from the API; private addresses only when allowed." })
  @MaxLength(2000, { message: "URLs are at most 2000 characters." })
  url: string;

  @Field(() => [WebhookEventKind])
  @ArrayNotEmpty({ message: "Choose at least one kind of event." })
  events: WebhookEventKind[];

  @Field(() => String, { nullable: true, description: 'What it is for, e.g. "Grafana contact point".' })
  @IsOptional()
  @MaxLength(200, { message: "Descriptions are at most 200 characters." })
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(2000, { message: "URLs are at most 2000 characters." })
  url?: string | null;

  @Field(() => [WebhookEventKind], { nullable: true })
  @IsOptional()
  @ArrayNotEmpty({ message: "Choose at least one kind of event." })
  events?: WebhookEventKind[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(200, { message: "Descriptions are at most 200 characters." })
  description?: string | null;

  @Field(() => Boolean, { nullable: true, description: "false disables it (nothing is sent); true enables it again." })
  enabled?: boolean | null;
}

@InputType()
export class WebhookEndpointIdInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class WebhookEndpointPayload extends Payload {
  @Field(() => WebhookEndpoint, { nullable: true })
  webhookEndpoint: WebhookEndpoint | null = null;
}

@ObjectType()
export class WebhookSecretPayload extends WebhookEndpointPayload {
  @Field(() => String, {
    nullable: true,
    description: "The signing secret. It cannot be shown again: copy it into the receiver now.",
  })
  secret: string | null = null;
}

@InputType()
export class RedeliverWebhookInput {
  @Field(() => ID, { description: "A delivery from the log; its event is sent again with the same idempotency key." })
  deliveryId: string;
}

@ObjectType()
export class RedeliverWebhookPayload extends Payload {
  @Field(() => WebhookDelivery, { nullable: true, description: "The new delivery." })
  delivery: WebhookDelivery | null = null;
}
