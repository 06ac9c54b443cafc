import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { Suspense } from "react";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { EngagementFilters, readFilterOptions } from "../../components/engagements/EngagementFilters";
import { EngagementResults } from "../../components/engagements/EngagementResults";
import { TableSkeleton } from "../../components/engagements/TableSkeleton";
import { SaveViewForm } from "../../components/views/SaveViewForm";
import { listViewSearch, readListView, type SearchParams } from "../../lib/list-view";
import { getFormatter } from "../../lib/reader";
import { exportHref } from "../../lib/routes";
import { canEdit, getViewer } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Engagements" };

/**
 * Whether this render answers the router's request for the next page (an RSC request, which
 * Next marks with an `RSC: 1` header) rather than a document request. Only then may results
 * stream behind a skeleton: streamed HTML stays hidden until JavaScript swaps it in, so a
 * document must arrive complete. Should Next stop sending the header, the skeleton is lost
 * and nothing else.
 */
async function isClientNavigation(): Promise<boolean> {
  return (await headers()).get("rsc") === "1";
}

export default async function EngagementsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = readListView(await searchParams);
  const [options, format, viewer, clientNavigation] = await Promise.all([
    readFilterOptions(),
    getFormatter(),
    getViewer(),
    isClientNavigation(),
  ]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Engagements</h1>
          <p>Filter, sort and share a view: everything you choose is kept in the address.</p>
        </div>
        <div className="actions">
          <a href={exportHref("csv", view)} className="button" download>
            Export CSV
          </a>
          <a href={exportHref("ics", view)} className="button" download>
            Export calendar (.ics)
          </a>
          {canEdit(viewer) ? (
            <Link href="/engagements/new" className="button button-primary">
              New engagement
            </Link>
          ) : null}
        </div>
      </header>
      {!options.ok ? (
        // Without the filters' options the API is unlikely to answer the table either: say it once.
        <ApiProblemNotice problem={options.problem} />
      ) : (
        <>
          <EngagementFilters view={view} format={format} options={options.data} />
          <details className="card">
            <summary>Save this view</summary>
            <SaveViewForm search={listViewSearch({ ...view, after: "", before: "" })} canShare={canEdit(viewer)} />
          </details>
          {clientNavigation ? (
            // A new key per view shows the skeleton while the next page of results loads.
            <Suspense key={listViewSearch(view)} fallback={<TableSkeleton />}>
              <EngagementResults view={view} />
            </Suspense>
          ) : (
            <EngagementResults view={view} />
          )}
        </>
      )}
    </div>
  );
}
