import type { Prisma } from "../../generated/prisma/client.ts";
import type { ReferenceIds, SeriesKey, UserKey } from "./reference-data.ts";

/** A series' ID as the API writes it in filters (a Relay global ID, as apps/api/src/common/node.ts makes it). */
const seriesGlobalId = (rowId: string) => Buffer.from(`Series:${rowId}`).toString("base64");

interface DemoView {
  name: string;
  owner: UserKey;
  /** The `engagements` filter, its series named by key. */
  filter: { seriesIds: SeriesKey[]; upcoming?: boolean };
  orderBy: { field: "START_DATE"; direction: "ASC" | "DESC" };
}

/** Shared views the desk officers keep, in everyone's Views page; each pinned by its owner. */
const demoViews: DemoView[] = [
  {
    name: "MMCA preparation",
    owner: "mercer",
    filter: { seriesIds: ["MMCA"], upcoming: true },
    orderBy: { field: "START_DATE", direction: "ASC" },
  },
  {
    name: "POW/MIA accounting missions",
    owner: "pierce",
    filter: { seriesIds: ["POW_MIA"] },
    orderBy: { field: "START_DATE", direction: "DESC" },
  },
];

/**
 * Creates whichever demo views are missing, matched on name and owner; an existing one is left as
 * it is (its owner may have changed or unpinned it). Returns the rows created.
 */
export async function ensureDemoViews(tx: Prisma.TransactionClient, ids: ReferenceIds): Promise<number> {
  let created = 0;
  for (const view of demoViews) {
    const userId = ids.users[view.owner];
    if (await tx.savedView.findFirst({ where: { name: view.name, userId }, select: { id: true } })) continue;
    await tx.savedView.create({
      data: {
        name: view.name,
        userId,
        shared: true,
        filter: { ...view.filter, seriesIds: view.filter.seriesIds.map((key) => seriesGlobalId(ids.series[key])) },
        orderBy: view.orderBy,
        pins: { create: { userId } },
      },
    });
    created += 2;
  }
  return created;
}
