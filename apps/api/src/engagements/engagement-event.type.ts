import { EngagementEventKind, type EngagementEvent as EngagementEventRow } from "@engagement-tracker/db";
import { JSONObjectResolver } from "graphql-scalars";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../common/scalars.ts";

registerEnumType(EngagementEventKind, {
  name: "EngagementEventKind",
  description: "What kind of write an event records.",
});

@ObjectType({ description: "One entry of an engagement's audit trail: who changed what, when. Append-only." })
export class EngagementEvent {
  engagementId: string;
  actorId: string | null;

  @Field(() => String, { description: "Position in the order of every change ever made (a 64-bit integer)." })
  sequence: string;

  @Field(() => EngagementEventKind)
  kind: EngagementEventKind;

  @Field(() => Int, { description: "The engagement's version after this change." })
  version: number;

  @Field(() => JSONObjectResolver, { description: 'What changed, e.g. {"title": {"from": "…", "to": "…"}}.' })
  changes: Record<string, unknown>;

  @Field(() => DateTimeScalar)
  at: Date;
}

export const toEngagementEvent = ({ sequence, changes, ...row }: EngagementEventRow): EngagementEvent =>
  Object.assign(new EngagementEvent(), row, {
    sequence: sequence.toString(),
    changes: changes as Record<string, unknown>,
  });
