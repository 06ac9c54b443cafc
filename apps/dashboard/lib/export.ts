import { graphql, type ExportEngagementsQuery } from "@engagement-tracker/schema";
import { query, type ApiProblem, type ApiResult } from "./api";
import { filterOf, orderOf, readListView, searchParamsOf } from "./list-view";
import { firstNodes } from "./paging";

// 20 a page: the API's per-query cost limit (OPERATION_LIMITS.maxCost in @engagement-tracker/schema/limits)
// refuses these fields at 26 (about 200 each).
const ExportEngagementsQuery = graphql(`
  query ExportEngagements($filter: EngagementFilter, $orderBy: EngagementOrder, $after: String) {
    engagements(filter: $filter, orderBy: $orderBy, first: 20, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        kind
        round
        status
        health
        ...HealthIssues_engagement
        startsOn
        endsOn
        summary
        hostCountry
        version
        updatedAt
        series {
          shortName
        }
        location {
          ...LocationFields
        }
        participants {
          role
          organization {
            name
          }
        }
      }
    }
  }
`);

type ExportedEngagement = ExportEngagementsQuery["engagements"]["nodes"][number];

/** An export stops here rather than hold the API for minutes; the filters narrow it down. */
const EXPORT_LIMIT = 5_000;

/** Every engagement of the view a request's URL describes (its filters and order; paging ignored). */
export async function engagementsToExport(
  url: URL,
): Promise<{ ok: true; engagements: ExportedEngagement[] } | { ok: false; problem: ApiProblem }> {
  const view = readListView(searchParamsOf(url.searchParams));
  const result = await firstNodes(EXPORT_LIMIT, async (after) => {
    const page: ApiResult<ExportEngagementsQuery> = await query(ExportEngagementsQuery, {
      filter: filterOf(view),
      orderBy: orderOf(view),
      after,
    });
    return page.ok ? { ok: true, data: page.data.engagements } : page;
  });
  return result.ok ? { ok: true, engagements: result.data } : result;
}

/**
 * The origin the reader asked for, for links inside an export. Next's `request.url` names the
 * server's own address (`http://localhost:<port>`) whatever host the request came in on; Next
 * fills X-Forwarded-Host and X-Forwarded-Proto from the request (or keeps a proxy's).
 */
export function readerOrigin(request: Request): string {
  const fallback = new URL(request.url).origin;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const protocol = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (!host || (protocol !== "http" && protocol !== "https")) return fallback;
  const origin = URL.parse(`${protocol}://${host}`);
  // Only a bare host[:port]: anything more in the header is not an origin.
  return origin && origin.host === host.toLowerCase() ? origin.origin : fallback;
}

/** A plain-text answer for a failed export: a download link has no page to show it on. */
export function exportFailure(problem: ApiProblem): Response {
  return new Response(`${problem.title}. ${problem.detail}\n`, {
    status: 502,
    headers: { "content-type": "text/plain; charset=utf-8" },
  });
}

export function attachment(body: string, contentType: string, extension: string): Response {
  const fileName = `engagements-${new Date().toISOString().slice(0, 10)}.${extension}`;
  return new Response(body, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    },
  });
}
