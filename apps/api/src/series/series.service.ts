import type { PrismaClient } from "@engagement-tracker/db";
import { rowLoader } from "../common/loaders.ts";
import { toSeries, type Series } from "./series.type.ts";

export function listSeries(prisma: PrismaClient): Promise<Series[]> {
  return prisma.series.findMany({ orderBy: { name: "asc" } }).then((rows) => rows.map(toSeries));
}

export function createSeriesLoaders(prisma: PrismaClient) {
  return {
    seriesById: rowLoader(
      async (ids) => (await prisma.series.findMany({ where: { id: { in: ids } } })).map(toSeries),
      (series) => series.rowId,
    ),
  };
}
