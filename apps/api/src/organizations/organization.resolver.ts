import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.ts";
import { listOrganizations } from "./organization.service.ts";
import { Organization } from "./organization.type.ts";

@Resolver(() => Organization)
export class OrganizationResolver {
  @Authorized()
  @Query(() => [Organization], { description: "Organizations by country, then name." })
  organizations(
    @Ctx() { prisma }: Context,
    @Arg("country", () => String, { nullable: true, description: "Only this ISO 3166-1 alpha-2 country." })
    country?: string | null,
  ): Promise<Organization[]> {
    return listOrganizations(prisma, country);
  }
}
