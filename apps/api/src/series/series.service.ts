import type { PrismaClient, Series as SeriesRow } from "@engagement-tracker/db";
import { rowLoader } from "../common/loaders.ts";
import { fromRow } from "../common/node.ts";
import { Series } from "./series.type.ts";

export const toSeries = (row: SeriesRow): Series => fromRow(Series, row);

export function listSeries(prisma: PrismaClient): Promise<Series[]> {
  return prisma.series.findMany({ orderBy: { name: "asc" } }).then((rows) => rows.map((row) => fromRow(Series, row)));
}

export function createSeriesLoaders(prisma: PrismaClient) {
  return {
    seriesById: rowLoader(
      async (ids) => (await prisma.series.findMany({ where: { id: { in: ids } } })).map(toSeries),
      (series) => series.rowId,
    ),
  };
}
