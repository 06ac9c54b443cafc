import type { GraphQLSchema } from "graphql";
import { buildSchema, type PubSub } from "type-graphql";
import { authChecker } from "./auth/auth.checker.ts";
import { AlertResolver } from "./alerts/alert.resolver.ts";
import { AuthResolver } from "./auth/auth.resolver.ts";
import { ApiToken } from "./auth/auth.types.ts";
import { CalendarFeed } from "./calendar/calendar-feed.types.ts";
import { CalendarFeedResolver } from "./calendar/calendar-feed.resolver.ts";
import { EngagementChangeResolver, LiveResolver } from "./live/live.resolver.ts";
import { CommentResolver, EngagementCommentsResolver } from "./comments/comment.resolver.ts";
import { Comment } from "./comments/comment.type.ts";
import { EngagementWatchingResolver, NotificationResolver } from "./notifications/notification.resolver.ts";
import { Notification } from "./notifications/notification.type.ts";
import { DashboardResolver } from "./dashboard/dashboard.resolver.ts";
import { EngagementEventResolver } from "./engagements/engagement-event.resolver.ts";
import { EngagementResolver } from "./engagements/engagement.resolver.ts";
import { StatusChangeResolver } from "./engagements/status-change.resolver.ts";
import { readPlainFieldsDirectly } from "./execution/plain-fields.ts";
import { MilestoneResolver } from "./milestones/milestone.resolver.ts";
import { NodeResolver } from "./node/node.resolver.ts";
import { OrganizationResolver } from "./organizations/organization.resolver.ts";
import { SeriesResolver } from "./series/series.resolver.ts";
import { Engagement } from "./engagements/engagement.type.ts";
import { Milestone } from "./milestones/milestone.type.ts";
import { Organization } from "./organizations/organization.type.ts";
import { Series } from "./series/series.type.ts";
import { StatusChange } from "./engagements/status-change.type.ts";
import { SavedViewResolver } from "./views/saved-view.resolver.ts";
import { SavedView } from "./views/saved-view.type.ts";
import { UserResolver } from "./users/user.resolver.ts";
import { User } from "./users/user.type.ts";
import { WebhookResolver } from "./webhooks/webhook.resolver.ts";
import { WebhookDelivery, WebhookEndpoint } from "./webhooks/webhook.types.ts";

let built: Promise<GraphQLSchema> | undefined;

/**
 * type-graphql insists on a PubSub whenever a schema has subscriptions, even though each one
 * here brings its own `subscribe` (the ChangeHub); this one refuses topic-based use loudly.
 */
const topicsUnsupported: PubSub = {
  publish() {
    throw new Error("Subscriptions here are served by the ChangeHub, not by topics");
  },
  subscribe() {
    throw new Error("Subscriptions here are served by the ChangeHub, not by topics");
  },
};

/** The GraphQL schema, built once per process (type-graphql's metadata is global). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      NodeResolver,
      EngagementResolver,
      StatusChangeResolver,
      EngagementEventResolver,
      MilestoneResolver,
      CommentResolver,
      EngagementCommentsResolver,
      NotificationResolver,
      EngagementWatchingResolver,
      DashboardResolver,
      SeriesResolver,
      OrganizationResolver,
      AuthResolver,
      CalendarFeedResolver,
      SavedViewResolver,
      UserResolver,
      WebhookResolver,
      LiveResolver,
      EngagementChangeResolver,
      AlertResolver,
    ],
    // Every Node type, so node(id:) can return them even where no field names them.
    orphanedTypes: [
      Engagement,
      Series,
      Organization,
      Milestone,
      Comment,
      Notification,
      StatusChange,
      User,
      ApiToken,
      CalendarFeed,
      SavedView,
      WebhookEndpoint,
      WebhookDelivery,
    ],
    authChecker,
    pubSub: topicsUnsupported,
    // Validation runs in the services so failures become payload errors, not request errors.
    validate: false,
    // No global middlewares: readPlainFieldsDirectly relies on there being none.
  }).then((schema) => {
    readPlainFieldsDirectly(schema);
    return schema;
  });
  return built;
}
