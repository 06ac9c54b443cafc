import type { Organization as OrganizationRow, Participation } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import { ParticipationRole } from "../common/enums.ts";

@ObjectType({ implements: Node, description: "A military or government body taking part in engagements." })
export class Organization extends NodeObject {
  protected readonly typename = "Organization";

  @Field(() => String)
  name: string;

  @Field(() => String, { nullable: true })
  shortName: string | null;

  @Field(() => String, { description: "ISO 3166-1 alpha-2 country code." })
  country: string;
}

@ObjectType({ description: "An organization's part in one engagement." })
export class Participant {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => ParticipationRole)
  role: ParticipationRole;
}

export const toOrganization = (row: OrganizationRow): Organization => fromRow(Organization, row);

export interface ParticipantRow extends Participant {
  engagementId: string;
}

export const toParticipant = ({
  engagementId,
  role,
  organization,
}: Participation & { organization: OrganizationRow }): ParticipantRow =>
  Object.assign(new Participant(), { engagementId, role, organization: toOrganization(organization) });
