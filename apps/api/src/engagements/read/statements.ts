// The statements of engagement reads: each returns its engagements already shaped as JSON, their
// relations nested, in one round trip whatever the page size.
import type { PrismaClient } from "@engagement-tracker/db";
import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import type { DB } from "@engagement-tracker/db/kysely";
import type { EngagementColumn, EngagementRelation } from "../engagement.type.ts";
import type { Condition, EngagementScope } from "./conditions.ts";
import type { ReadPlan } from "./plan.ts";
import { runQuery, sqlBuilder } from "./sql.ts";

type Direction = "asc" | "desc";
type EngagementQuery = SelectQueryBuilder<DB & { e: DB["Engagement"] }, "e", object>;

/** A part of a list, in its reading order: the rows `where` lets through, by `column` then ID. */
export interface ListPart {
  where: (eb: EngagementScope) => Condition;
  column: "startsOn" | "updatedAt" | "title";
  direction: Direction;
  limit: number;
}

const pageRef = (name: string) => sql.ref<string>(`page.${name}`);

/** The plan's columns of the engagements `where` lets through, ranked and numbered in reading order. */
function selectRanked(plan: ReadPlan, part: ListPart, rank: number): EngagementQuery {
  const orderKey = sql`${sql.ref(`e.${part.column}`)} ${sql.raw(part.direction)}, "e"."id" ${sql.raw(part.direction)}`;
  return sqlBuilder
    .selectFrom("Engagement as e")
    .select([...plan.columns].map((column) => sql.ref(`e.${column}`).as(column)))
    .select([sql.lit(rank).as("rank"), sql<number>`row_number() over (order by ${orderKey})`.as("position")])
    .where(part.where)
    .orderBy(sql`${orderKey}`)
    .limit(part.limit) as unknown as EngagementQuery;
}

const RELATIONS: Record<EngagementRelation, Expression<unknown>> = {
  series: jsonObjectFrom(sqlBuilder.selectFrom("Series as s").selectAll("s").where("s.id", "=", pageRef("seriesId"))),
  participants: jsonArrayFrom(
    sqlBuilder
      .selectFrom("Participation as p")
      .innerJoin("Organization as o", "o.id", "p.organizationId")
      .select(["p.engagementId", "p.role", sql`to_json(o)`.as("organization")])
      .where("p.engagementId", "=", pageRef("id"))
      .orderBy("p.role")
      .orderBy("o.name"),
  ),
  milestones: jsonArrayFrom(
    sqlBuilder
      .selectFrom("Milestone as m")
      .selectAll("m")
      .where("m.engagementId", "=", pageRef("id"))
      .where("m.removedAt", "is", null)
      .orderBy("m.dueOn")
      .orderBy("m.id"),
  ),
  statusHistory: jsonArrayFrom(statusChanges("asc")),
  latestStatusChange: jsonObjectFrom(statusChanges("desc").limit(1)),
};

function statusChanges(direction: Direction) {
  return sqlBuilder
    .selectFrom("StatusChange as c")
    .selectAll("c")
    .select((eb) =>
      jsonObjectFrom(
        eb
          .selectFrom("User as u")
          .select(["u.id", "u.name", "u.email", "u.role", "u.disabledAt"])
          .whereRef("u.id", "=", "c.actorId"),
      ).as("actor"),
    )
    .where("c.engagementId", "=", pageRef("id"))
    .orderBy("c.at", direction)
    .orderBy("c.id", direction);
}

/** Each engagement of `page` as one JSON object: the plan's columns and relations. */
function engagementJson(plan: ReadPlan): RawBuilder<unknown> {
  const pairs = [
    ...[...plan.columns].map((column: EngagementColumn) => sql`${sql.lit(column)}, ${pageRef(column)}`),
    ...[...plan.relations].map((relation) => sql`${sql.lit(relation)}, ${RELATIONS[relation]}`),
    sql`'cursorRank', ${pageRef("rank")}`,
  ];
  return sql`json_build_object(${sql.join(pairs)})`;
}

/** The keys of an object read as JSON whose values are dates or instants (JSON has only their text). */
type DateKeys = readonly string[];

function reviveDates<T>(object: T, keys: DateKeys): T {
  const record = object as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string") record[key] = new Date(value);
  }
  return object;
}

const ENGAGEMENT_DATES: DateKeys = ["startsOn", "endsOn", "createdAt", "updatedAt", "archivedAt"];
const MILESTONE_DATES: DateKeys = ["dueOn", "completedAt", "removedAt", "createdAt", "updatedAt"];
const CREATED: DateKeys = ["createdAt"];

type Shaped = Record<string, unknown>;

function reviveStatusChange(change: Shaped | null): void {
  if (!change) return;
  reviveDates(change, ["at"]);
  if (change.actor) reviveDates(change.actor, ["disabledAt"]);
}

/** Turns the date text of a milestone read as JSON into `Date`s. */
export const reviveMilestone = (milestone: Shaped): void => void reviveDates(milestone, MILESTONE_DATES);

/** Turns the date text of an engagement read as JSON, and of its relations, into `Date`s. */
export function reviveEngagement(engagement: Shaped): void {
  reviveDates(engagement, ENGAGEMENT_DATES);
  if (engagement.series) reviveDates(engagement.series, CREATED);
  (engagement.participants as Shaped[] | undefined)?.forEach((participant) =>
    reviveDates(participant.organization, CREATED),
  );
  (engagement.milestones as Shaped[] | undefined)?.forEach(reviveMilestone);
  (engagement.statusHistory as Shaped[] | undefined)?.forEach(reviveStatusChange);
  reviveStatusChange(engagement.latestStatusChange as Shaped | null);
}

/** An engagement as the database shaped it: its columns, the relations asked for, and which part it came from. */
export type ShapedEngagement = Record<string, unknown> & { id: string; cursorRank: number };

/**
 * Reads the engagements of `parts`, each part up to its limit and the whole up to `limit`, in
 * part order then reading order: one statement.
 */
export async function readList(
  prisma: PrismaClient,
  plan: ReadPlan,
  parts: readonly ListPart[],
  limit: number,
): Promise<ShapedEngagement[]> {
  const [first, ...rest] = parts.map((part, rank) => selectRanked(plan, part, rank));
  // One part is already in order and within the limit; several are put in order and cut to it.
  const page: EngagementQuery = rest.length
    ? (sqlBuilder
        .selectFrom(
          rest
            .reduce(
              (union, branch, index) =>
                union.unionAll(sqlBuilder.selectFrom(branch.as(`part${index + 1}`)).selectAll()),
              sqlBuilder.selectFrom(first!.as("part0")).selectAll(),
            )
            .as("ranked"),
        )
        .selectAll()
        .orderBy(sql`"rank", "position"`)
        .limit(limit) as unknown as EngagementQuery)
    : first!;
  const query = sqlBuilder
    .selectFrom(page.as("page"))
    .select(
      sql<string>`coalesce(json_agg(${engagementJson(plan)} order by "page"."rank", "page"."position"), '[]')::text`.as(
        "rows",
      ),
    );
  const [row] = await runQuery<{ rows: string }>(prisma, query);
  const engagements = JSON.parse(row!.rows) as ShapedEngagement[];
  engagements.forEach(reviveEngagement);
  return engagements;
}

/**
 * The engagement whose row ID `rowId` gives, as one JSON object shaped as `readList` shapes its
 * rows: for a statement that nests an engagement in each of its own rows.
 */
export function engagementObject(plan: ReadPlan, rowId: Expression<string>): Expression<unknown> {
  const one = selectRanked(
    plan,
    { where: (eb) => eb("e.id", "=", rowId), column: "startsOn", direction: "asc", limit: 1 },
    0,
  );
  return sqlBuilder.selectFrom(one.as("page")).select(engagementJson(plan).as("engagement"));
}

export async function countMatching(prisma: PrismaClient, where: (eb: EngagementScope) => Condition): Promise<number> {
  const query = sqlBuilder
    .selectFrom("Engagement as e")
    .select(sql<number>`count(*)::int`.as("count"))
    .where(where);
  const [row] = await runQuery<{ count: number }>(prisma, query);
  return row!.count;
}
