import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { Context } from "../context.ts";
import { listSeries } from "./series.service.ts";
import { Series } from "./series.type.ts";

@Resolver(() => Series)
export class SeriesResolver {
  @Authorized()
  @Query(() => [Series], { description: "Every recurring engagement series, by name." })
  series(@Ctx() { prisma }: Context): Promise<Series[]> {
    return listSeries(prisma);
  }
}
