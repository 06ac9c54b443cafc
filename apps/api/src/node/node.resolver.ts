import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { badInput } from "../common/connection.ts";
import { Node, decodeGlobalId, type NodeTypeName } from "../common/node.ts";
import type { Context } from "../context.ts";

const MAX_NODES = 100;

type Loaders = Context["loaders"];
// API tokens, calendar feeds, saved views and webhooks are reached through `apiTokens`, `calendarFeeds`,
// `savedViews` and `webhookEndpoints`, which check who asks; node(id:) does not serve them.
const LOADER_OF: Partial<Record<NodeTypeName, keyof Loaders>> = {
  Engagement: "engagementById",
  Series: "seriesById",
  Organization: "organizationById",
  Milestone: "milestoneById",
  Comment: "commentById",
  StatusChange: "statusChangeById",
  User: "userById",
};

function loadNode(loaders: Loaders, globalId: string): Promise<Node | null> {
  const decoded = decodeGlobalId(globalId);
  const loaderName = decoded && LOADER_OF[decoded.type];
  if (!decoded || !loaderName) return Promise.resolve(null);
  return (loaders[loaderName] as { load(id: string): Promise<Node | null> }).load(decoded.rowId);
}

@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true, description: "Any object by its global ID; null when nothing has that ID." })
  node(@Ctx() { loaders }: Context, @Arg("id", () => ID) id: string): Promise<Node | null> {
    return loadNode(loaders, id);
  }

  @Authorized()
  @Query(() => [Node], {
    nullable: "items",
    description: `Objects by global ID, in the order asked (at most ${MAX_NODES}).`,
  })
  nodes(@Ctx() { loaders }: Context, @Arg("ids", () => [ID]) ids: string[]): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) {
      throw badInput(`Ask for at most ${MAX_NODES} IDs at once.`, "ids");
    }
    return Promise.all(ids.map((id) => loadNode(loaders, id)));
  }
}
