// What a read fetches, decided from the fields a query selects.
import { ENGAGEMENT_FIELD_READS, type EngagementColumn, type EngagementRelation } from "../engagement.type.ts";

export interface ReadPlan {
  columns: ReadonlySet<EngagementColumn>;
  relations: ReadonlySet<EngagementRelation>;
}

/** The columns every read carries: the ID, and what a cursor is written from. */
const ALWAYS_READ: readonly EngagementColumn[] = ["id", "startsOn", "updatedAt", "title", "status"];

/** Every column and relation, for reads whose caller uses the whole engagement. */
export const WHOLE_ENGAGEMENT: ReadPlan = {
  columns: new Set([...ALWAYS_READ, ...Object.values(ENGAGEMENT_FIELD_READS).flatMap((reads) => reads.columns ?? [])]),
  relations: new Set(),
};

export function planRead(selectedFields: Iterable<string>): ReadPlan {
  const columns = new Set<EngagementColumn>(ALWAYS_READ);
  const relations = new Set<EngagementRelation>();
  for (const field of selectedFields) {
    const reads = ENGAGEMENT_FIELD_READS[field];
    reads?.columns?.forEach((column) => columns.add(column));
    reads?.relations?.forEach((relation) => relations.add(relation));
  }
  // The whole history also yields the latest change.
  if (relations.has("statusHistory")) relations.delete("latestStatusChange");
  return { columns, relations };
}
