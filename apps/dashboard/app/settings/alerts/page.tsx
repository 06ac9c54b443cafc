import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import { ApiProblemNotice } from "../../../components/ApiProblemNotice";
import { AlertPreferencesForm } from "../../../components/alerts/AlertPreferencesForm";
import { query } from "../../../lib/api";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My alert settings" };

const AlertPreferencesQuery = graphql(`
  query DashboardAlertPreferences {
    alertPreferences {
      ...AlertPreferencesForm_preferences
    }
  }
`);

/** Every IANA time zone this server knows, UTC first. */
const TIME_ZONES = ["UTC", ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== "UTC")];

export default async function AlertSettingsPage() {
  const result = await query(AlertPreferencesQuery);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>My alert settings</h1>
          <p>
            Alerts tell you by e-mail when an engagement you own or watch needs attention: it becomes at risk or
            overdue, a milestone is due soon or overdue, or someone postpones or cancels it.
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="alert-settings-heading">
        <h2 id="alert-settings-heading" className="visually-hidden">
          Alert settings
        </h2>
        {result.ok ? (
          <AlertPreferencesForm preferences={result.data.alertPreferences} timeZones={TIME_ZONES} />
        ) : (
          <ApiProblemNotice problem={result.problem} />
        )}
      </section>
    </div>
  );
}
