// The ceiling: what (b), (c) and (d) cost when PostgreSQL builds the whole JSON answer in one
// statement and the server only passes it on. Not part of the product.

/**
 * (b) a page of engagements by start date with participants, milestones and the latest status
 * change; with `withCount`, also how many there are in all.
 */
export const pageSql = (withCount: boolean) => `
WITH page AS (
  SELECT e.*, row_number() OVER (ORDER BY e."startsOn", e.id) AS position
  FROM "Engagement" e
  WHERE e."archivedAt" IS NULL
  ORDER BY e."startsOn", e.id
  LIMIT $1::int + 1
)
SELECT json_build_object('engagements', json_build_object(
  ${withCount ? `'totalCount', (SELECT count(*) FROM "Engagement" WHERE "archivedAt" IS NULL),` : ""}
  'pageInfo', json_build_object('hasNextPage', count(*) > $1::int),
  'nodes', coalesce(json_agg(json_build_object(
    'id', page.id, 'title', page.title, 'status', page.status, 'startsOn', page."startsOn", 'endsOn', page."endsOn",
    'location', json_build_object('name', page."locationName", 'country', page.country),
    'participants', (
      SELECT coalesce(json_agg(json_build_object('role', p.role,
        'organization', json_build_object('id', o.id, 'name', o.name, 'country', o.country)) ORDER BY p.role, o.name), '[]')
      FROM "Participation" p JOIN "Organization" o ON o.id = p."organizationId"
      WHERE p."engagementId" = page.id),
    'milestones', (
      SELECT coalesce(json_agg(json_build_object('id', m.id, 'title', m.title, 'dueOn', m."dueOn",
        'completedAt', m."completedAt") ORDER BY m."dueOn", m.id), '[]')
      FROM "Milestone" m WHERE m."engagementId" = page.id),
    'latestStatusChange', (
      SELECT json_build_object('id', s.id, 'toStatus', s."toStatus", 'reason', s.reason, 'at', s.at)
      FROM "StatusChange" s WHERE s."engagementId" = page.id ORDER BY s.at DESC, s.id DESC LIMIT 1)
  ) ORDER BY page.position) FILTER (WHERE page.position <= $1::int), '[]')
))::text AS data
FROM page`;

/** (c) status in a list, a country, a term in title/summary/location, a window overlapping a range; page by start date. */
export const searchSql = (withCount: boolean) => `
WITH matching AS (
  SELECT e.* FROM "Engagement" e
  WHERE e."archivedAt" IS NULL
    AND e.status = ANY($1::"EngagementStatus"[])
    AND e.country = $2
    AND (e.title ILIKE $3 OR e.summary ILIKE $3 OR e."locationName" ILIKE $3)
    AND e."endsOn" >= $4::date AND e."startsOn" <= $5::date
), page AS (
  SELECT *, row_number() OVER (ORDER BY "startsOn", id) AS position FROM matching ORDER BY "startsOn", id LIMIT $6::int + 1
)
SELECT json_build_object('engagements', json_build_object(
  ${withCount ? `'totalCount', (SELECT count(*) FROM matching),` : ""}
  'pageInfo', json_build_object('hasNextPage', count(*) > $6::int),
  'nodes', coalesce(json_agg(json_build_object(
    'id', page.id, 'title', page.title, 'status', page.status, 'startsOn', page."startsOn", 'endsOn', page."endsOn",
    'location', json_build_object('name', page."locationName", 'country', page.country)
  ) ORDER BY page.position) FILTER (WHERE page.position <= $6::int), '[]')
))::text AS data
FROM page`;

/** (d) one engagement with its whole status history and who made each move. */
export const DETAIL_SQL = `
SELECT json_build_object('engagement', (
  SELECT json_build_object(
    'id', e.id, 'title', e.title, 'kind', e.kind, 'status', e.status, 'startsOn', e."startsOn", 'endsOn', e."endsOn",
    'location', json_build_object('name', e."locationName", 'region', e.region, 'country', e.country),
    'hostCountry', e."hostCountry", 'summary', e.summary, 'version', e.version,
    'statusHistory', (
      SELECT coalesce(json_agg(json_build_object('id', s.id, 'fromStatus', s."fromStatus", 'toStatus', s."toStatus",
        'reason', s.reason, 'at', s.at, 'actor', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'name', u.name) END)
        ORDER BY s.at, s.id), '[]')
      FROM "StatusChange" s LEFT JOIN "User" u ON u.id = s."actorId"
      WHERE s."engagementId" = e.id)
  )
  FROM "Engagement" e WHERE e.id = $1::uuid
))::text AS data`;

/** `%term%` for ILIKE, with the pattern characters in the term taken literally. */
export const containing = (term: string) => `%${term.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
