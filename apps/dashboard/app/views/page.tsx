import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { ActionButton } from "../../components/forms/ActionButton";
import { RenameViewForm } from "../../components/views/RenameViewForm";
import styles from "../../components/views/Views.module.css";
import tableStyles from "../../components/engagements/EngagementTable.module.css";
import { query } from "../../lib/api";
import { savedViewHref } from "../../lib/saved-views";
import { isAdmin, getViewer } from "../../lib/viewer";
import { deleteViewAction, pinViewAction } from "./actions";
import { ScrollTable } from "../../components/ScrollTable";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Views" };

const SavedViewsQuery = graphql(`
  query DashboardSavedViews {
    savedViews {
      ...SavedViewLink_savedView
      shared
      builtIn
      mine
      pinned
    }
  }
`);

export default async function ViewsPage() {
  const [result, viewer] = await Promise.all([query(SavedViewsQuery), getViewer()]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Views</h1>
          <p>
            Saved filters and order for the engagements list. Save one from <Link href="/engagements">Engagements</Link>
            ; pinned views are in the navigation on every page.
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="views-heading">
        <h2 id="views-heading">Saved views</h2>
        {!result.ok ? (
          <ApiProblemNotice problem={result.problem} />
        ) : (
          <ScrollTable columns={["View", "Whose", "Change"]}>
            {result.data.savedViews.map((view) => (
              <tr key={view.id}>
                <td className={tableStyles.titleCell}>
                  <Link href={savedViewHref(view)}>{view.name}</Link>
                </td>
                <td data-label="Whose">
                  {view.builtIn ? "Built in" : view.mine ? (view.shared ? "Yours, shared" : "Yours") : "Shared"}
                </td>
                <td data-label="Change">
                  {view.builtIn ? (
                    <span className="muted">Always pinned</span>
                  ) : (
                    <div className={styles.controls}>
                      {view.mine ? <RenameViewForm id={view.id} name={view.name} /> : null}
                      <ActionButton
                        action={pinViewAction}
                        fields={{ id: view.id, pinned: String(!view.pinned) }}
                        subject={view.name}
                        pendingLabel="Saving…"
                      >
                        {view.pinned ? "Unpin" : "Pin"}
                      </ActionButton>
                      {view.mine || (view.shared && isAdmin(viewer)) ? (
                        <ActionButton
                          action={deleteViewAction}
                          fields={{ id: view.id }}
                          subject={view.name}
                          pendingLabel="Deleting…"
                        >
                          Delete
                        </ActionButton>
                      ) : null}
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </ScrollTable>
        )}
      </section>
    </div>
  );
}
