import type { Metadata } from "next";
import Link from "next/link";
import { ApiProblemNotice } from "../../../components/ApiProblemNotice";
import { EngagementForm } from "../../../components/engagement/EngagementForm";
import { EMPTY_FORM_VALUES, loadFormOptions } from "../../../lib/engagement-form-options";
import { canEdit, getViewer } from "../../../lib/viewer";
import { createEngagementAction } from "../actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New engagement" };

export default async function NewEngagementPage() {
  const [options, viewer] = await Promise.all([loadFormOptions(), getViewer()]);
  return (
    <div className="page">
      <nav aria-label="Breadcrumb">
        <Link href="/engagements">← All engagements</Link>
      </nav>
      <header className="page-header">
        <div>
          <h1>New engagement</h1>
          <p>It starts as proposed or planned; move it through its lifecycle from its page.</p>
        </div>
      </header>
      {!canEdit(viewer) ? (
        <p className="notice notice-error">Your role can read engagements but not create them.</p>
      ) : options.ok ? (
        <EngagementForm
          action={createEngagementAction}
          initial={EMPTY_FORM_VALUES}
          options={options.data}
          submitLabel="Create engagement"
        />
      ) : (
        <ApiProblemNotice problem={options.problem} />
      )}
    </div>
  );
}
