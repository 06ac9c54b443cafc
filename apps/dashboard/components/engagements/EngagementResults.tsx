import { graphql } from "@engagement-tracker/schema";
import Link from "next/link";
import { sharedQuery } from "../../lib/shared-reads";
import { filterOf, hasFilters, orderOf, pageOf, withChanges, withoutFilters, type ListView } from "../../lib/list-view";
import { getFormatter } from "../../lib/reader";
import { engagementsHref } from "../../lib/routes";
import { ApiProblemNotice } from "../ApiProblemNotice";
import { EngagementTable } from "./EngagementTable";
import styles from "./EngagementResults.module.css";

const EngagementResultsQuery = graphql(`
  query EngagementResults(
    $filter: EngagementFilter
    $orderBy: EngagementOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    engagements(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...EngagementTable_engagement
      }
    }
  }
`);

/** One page of the table with its count and paging links, or a designed empty state. */
export async function EngagementResults({ view }: { view: ListView }) {
  const [result, format] = await Promise.all([
    sharedQuery(EngagementResultsQuery, { filter: filterOf(view), orderBy: orderOf(view), ...pageOf(view) }),
    getFormatter(),
  ]);
  if (!result.ok) return <ApiProblemNotice problem={result.problem} />;
  const { totalCount, pageInfo, nodes } = result.data.engagements;

  if (nodes.length === 0) {
    return (
      <section className={`card ${styles.empty}`} aria-labelledby="empty-heading">
        <svg aria-hidden="true" viewBox="0 0 48 48" width="48" height="48" className={styles.emptyIcon}>
          <rect x="6" y="10" width="36" height="30" rx="5" fill="none" stroke="currentColor" strokeWidth="2.5" />
          <path d="M6 18h36M15 6v8M33 6v8" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          <path d="M19 29l10 0" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        </svg>
        <h2 id="empty-heading">
          {hasFilters(view) ? "No engagements match this view" : "Nothing upcoming or in progress"}
        </h2>
        <p className="muted">
          {hasFilters(view)
            ? "Try fewer filters, a wider date range or other words."
            : "No open engagement is under way or ahead. Past and closed ones are under All engagements."}
        </p>
        {hasFilters(view) ? (
          <Link href={engagementsHref(withoutFilters(view))} className="button">
            Clear filters
          </Link>
        ) : (
          <Link href={engagementsHref(withChanges(view, { show: "all" }))} className="button">
            Show all engagements
          </Link>
        )}
      </section>
    );
  }

  return (
    <section className={`card ${styles.results}`} aria-labelledby="results-heading">
      <h2 id="results-heading" className={styles.count}>
        {totalCount === 1 ? "1 engagement" : `${totalCount} engagements`}
        {hasFilters(view) ? " match" : ""}
      </h2>
      <EngagementTable engagements={nodes} view={view} format={format} />
      {pageInfo.hasNextPage || pageInfo.hasPreviousPage ? (
        <nav aria-label="Pages" className={styles.pagination}>
          {pageInfo.hasPreviousPage ? (
            <>
              <Link href={engagementsHref(withChanges(view, {}))} className="button button-small">
                First page
              </Link>
              <Link
                href={engagementsHref(withChanges(view, { before: pageInfo.startCursor ?? "", after: "" }))}
                className="button button-small"
                rel="prev"
              >
                ← Previous
              </Link>
            </>
          ) : null}
          {pageInfo.hasNextPage ? (
            <Link
              href={engagementsHref(withChanges(view, { after: pageInfo.endCursor ?? "", before: "" }))}
              className="button button-small"
              rel="next"
            >
              Next →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
