import type { Prisma } from "@engagement-tracker/db";
import { Field, Int, ObjectType } from "type-graphql";
import { EngagementKind, EngagementStatus } from "../common/enums.ts";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { DateScalar, DateTimeScalar } from "../common/scalars.ts";
import { allowedMoves } from "./lifecycle.ts";

@ObjectType({ description: "Where an engagement takes place." })
export class Location {
  @Field(() => String, { description: 'e.g. "Washington, D.C." or "Guilin".' })
  name: string;

  @Field(() => String, { nullable: true, description: 'e.g. "Guangxi Zhuang Autonomous Region".' })
  region: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country: string;
}

@ObjectType({
  implements: Node,
  description: "A planned bilateral defense engagement: a dialogue, a consultation, a joint mission.",
})
export class Engagement extends NodeObject {
  protected readonly typename = "Engagement";

  seriesId: string | null;
  ownerId: string | null;
  locationName: string;
  region: string | null;
  country: string;

  @Field(() => String)
  title: string;

  @Field(() => EngagementKind)
  kind: EngagementKind;

  @Field(() => Int, { nullable: true, description: 'Ordinal within its series: 17 for the "17th" talks.' })
  round: number | null;

  @Field(() => EngagementStatus)
  status: EngagementStatus;

  @Field(() => [EngagementStatus], { description: "The statuses this engagement may move to now." })
  get allowedTransitions(): readonly EngagementStatus[] {
    return allowedMoves(this.status);
  }

  @Field(() => DateScalar, { description: "First day of the planned window." })
  startsOn: Date;

  @Field(() => DateScalar, { description: "Last day of the planned window (inclusive)." })
  endsOn: Date;

  @Field(() => Location)
  get location(): Location {
    return { name: this.locationName, region: this.region, country: this.country };
  }

  @Field(() => String, { description: "ISO 3166-1 alpha-2 code of the hosting side." })
  hostCountry: string;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => [String])
  objectives: string[];

  @Field(() => String, { nullable: true, description: "What came of it, once held." })
  outcome: string | null;

  @Field(() => Int, { description: "Bumped on every write; send it back as `expectedVersion`." })
  version: number;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  updatedAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  archivedAt: Date | null;
}

export type EngagementRow = Prisma.EngagementGetPayload<object>;

export type EngagementColumn = keyof EngagementRow;

/** Relations the read module can bring in an engagement's own statement (see read/plan.ts). */
export type EngagementRelation = "series" | "participants" | "milestones" | "statusHistory" | "latestStatusChange";

/**
 * What each field of `Engagement` reads: the columns of its row and the relations fetched with
 * it. A field not listed reads only the ID (its resolver loads what it needs). Adding a field
 * that reads the row is one line here.
 */
export const ENGAGEMENT_FIELD_READS: Record<
  string,
  { columns?: readonly EngagementColumn[]; relations?: readonly EngagementRelation[] }
> = {
  title: { columns: ["title"] },
  kind: { columns: ["kind"] },
  round: { columns: ["round"] },
  status: { columns: ["status"] },
  allowedTransitions: { columns: ["status"] },
  startsOn: { columns: ["startsOn"] },
  endsOn: { columns: ["endsOn"] },
  location: { columns: ["locationName", "region", "country"] },
  hostCountry: { columns: ["hostCountry"] },
  summary: { columns: ["summary"] },
  objectives: { columns: ["objectives"] },
  outcome: { columns: ["outcome"] },
  version: { columns: ["version"] },
  createdAt: { columns: ["createdAt"] },
  updatedAt: { columns: ["updatedAt"] },
  archivedAt: { columns: ["archivedAt"] },
  series: { columns: ["seriesId"], relations: ["series"] },
  owner: { columns: ["ownerId"] },
  participants: { relations: ["participants"] },
  milestones: { relations: ["milestones"] },
  statusHistory: { relations: ["statusHistory"] },
  latestStatusChange: { relations: ["latestStatusChange"] },
  health: { columns: ["status", "startsOn", "endsOn"], relations: ["milestones"] },
  healthReasons: { columns: ["status", "startsOn", "endsOn"], relations: ["milestones"] },
  healthIssues: { columns: ["status", "startsOn", "endsOn"], relations: ["milestones"] },
};

export const toEngagement = (row: EngagementRow): Engagement => fromRow(Engagement, row);
