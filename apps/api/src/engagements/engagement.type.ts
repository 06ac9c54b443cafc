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

export const toEngagement = (row: EngagementRow): Engagement => fromRow(Engagement, row);
