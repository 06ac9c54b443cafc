import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { CalendarFeedTable } from "../../components/tokens/CalendarFeedTable";
import { CreateApiTokenForm } from "../../components/tokens/CreateApiTokenForm";
import { CreateCalendarFeedForm } from "../../components/tokens/CreateCalendarFeedForm";
import { TokenTable } from "../../components/tokens/TokenTable";
import { query } from "../../lib/api";
import { getViewer, isAdmin } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your API tokens and calendar feeds" };

const ApiTokensQuery = graphql(`
  query DashboardApiTokens {
    apiTokens {
      ...TokenTable_apiToken
    }
    calendarFeeds {
      ...CalendarFeedTable_calendarFeed
    }
    savedViews {
      id
      name
      builtIn
    }
  }
`);

export default async function TokensPage() {
  const [result, viewer] = await Promise.all([query(ApiTokensQuery), getViewer()]);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Your API tokens</h1>
          <p>
            For scripts and integrations: send one as <code>Authorization: Bearer …</code>. A token acts with your role
            until it expires or is revoked.
          </p>
        </div>
      </header>
      <section className="card" aria-labelledby="new-token-heading">
        <h2 id="new-token-heading">Create a token</h2>
        <CreateApiTokenForm />
      </section>
      <section className="card" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">{isAdmin(viewer) ? "Everyone's tokens" : "Tokens"}</h2>
        {result.ok ? <TokenTable tokens={result.data.apiTokens} /> : <ApiProblemNotice problem={result.problem} />}
      </section>
      <section className="card stack" aria-labelledby="calendar-feeds-heading">
        <h2 id="calendar-feeds-heading">Calendar feeds</h2>
        <p>
          Subscribe to the engagements, and their milestones, from Outlook, Thunderbird, Google Calendar or Apple
          Calendar: each engagement appears over its planned days and updates as it changes. A feed shows everything you
          can read, to anyone who has its address: revoke it if the address leaks.
        </p>
        <CreateCalendarFeedForm views={result.ok ? result.data.savedViews.filter((view) => !view.builtIn) : []} />
        {result.ok ? (
          <CalendarFeedTable feeds={result.data.calendarFeeds} />
        ) : (
          <ApiProblemNotice problem={result.problem} />
        )}
      </section>
    </div>
  );
}
