import type { Series as SeriesRow } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject, fromRow } from "../common/node.ts";

@ObjectType({
  implements: Node,
  description: 'A recurring engagement, e.g. the "Military Maritime Consultative Agreement meeting" (MMCA).',
})
export class Series extends NodeObject {
  protected readonly typename = "Series";

  @Field(() => String)
  name: string;

  @Field(() => String, { description: 'Short name, e.g. "MMCA".' })
  shortName: string;

  @Field(() => String, { nullable: true })
  description: string | null;
}

export const toSeries = (row: SeriesRow): Series => fromRow(Series, row);
