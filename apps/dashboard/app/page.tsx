import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import { ApiProblemNotice } from "../components/ApiProblemNotice";
import { AttentionList } from "../components/overview/AttentionList";
import { CountCards } from "../components/overview/CountCards";
import { RecentChanges } from "../components/overview/RecentChanges";
import { MILESTONE_DAYS, MilestonesDue } from "../components/overview/MilestonesDue";
import { CHART_MONTHS, StatusByMonthChart } from "../components/overview/StatusByMonthChart";
import { TIMELINE_DAYS, UpcomingTimeline } from "../components/overview/UpcomingTimeline";
import { sharedQuery } from "../lib/shared-reads";
import { getFormatter } from "../lib/reader";
import styles from "./overview.module.css";

export const dynamic = "force-dynamic";
// The layout's title template applies to pages below it, not to its own segment's page.
export const metadata: Metadata = { title: { absolute: "Overview · Engagement Tracker" } };

const OverviewPageQuery = graphql(`
  query OverviewPage($timelineDays: Int!, $chartMonths: Int!, $milestoneDays: Int!) {
    dashboard {
      today
      statusCounts {
        status
        count
      }
      statusCountsByMonth(months: $chartMonths) {
        ...StatusByMonthChart_month
      }
      healthCounts {
        health
        count
      }
      upcoming(days: $timelineDays, limit: 50) {
        ...UpcomingTimeline_engagement
      }
      atRisk(limit: 10) {
        ...AttentionList_engagement
      }
      overdue(limit: 10) {
        ...AttentionList_engagement
      }
      recentStatusChanges(limit: 8) {
        ...RecentChanges_statusChange
      }
      milestonesDue(days: $milestoneDays, limit: 10) {
        ...MilestonesDue_milestone
      }
    }
  }
`);

// The signed-in user's own: what they own or co-own (`mine` also keys the shared answer to them).
const MyAttentionQuery = graphql(`
  query MyAttention($mine: Boolean!, $milestoneDays: Int!) {
    myOverdue: engagements(first: 10, filter: { mine: $mine, health: [OVERDUE] }) {
      nodes {
        ...AttentionList_engagement
      }
    }
    myAtRisk: engagements(first: 10, filter: { mine: $mine, health: [AT_RISK] }) {
      nodes {
        ...AttentionList_engagement
      }
    }
    dashboard {
      milestonesDue(days: $milestoneDays, limit: 10, mine: $mine) {
        ...MilestonesDue_milestone
      }
    }
  }
`);

export default async function OverviewPage() {
  const [result, mine, format] = await Promise.all([
    sharedQuery(OverviewPageQuery, {
      timelineDays: TIMELINE_DAYS,
      chartMonths: CHART_MONTHS,
      milestoneDays: MILESTONE_DAYS,
    }),
    sharedQuery(MyAttentionQuery, { mine: true, milestoneDays: MILESTONE_DAYS }),
    getFormatter(),
  ]);
  if (!result.ok) {
    return (
      <div className="page">
        <h1>Overview</h1>
        <ApiProblemNotice problem={result.problem} />
      </div>
    );
  }
  const { dashboard } = result.data;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Overview</h1>
          <p>Figures as of {format.day(dashboard.today)}.</p>
        </div>
      </header>
      {mine.ok ? (
        <section className="card" aria-labelledby="mine-heading">
          <div className="card-header">
            <h2 id="mine-heading">My attention list</h2>
            <p>What you own or co-own</p>
          </div>
          <div className={styles.mine}>
            {(
              [
                {
                  health: "OVERDUE",
                  title: "My overdue",
                  engagements: mine.data.myOverdue.nodes,
                  empty: "None of yours is overdue.",
                },
                {
                  health: "AT_RISK",
                  title: "My at risk",
                  engagements: mine.data.myAtRisk.nodes,
                  empty: "None of yours is at risk.",
                },
              ] as const
            ).map(({ health, title, engagements, empty }) => (
              <div key={health}>
                <h3>{title}</h3>
                <AttentionList engagements={engagements} health={health} emptyText={empty} format={format} />
              </div>
            ))}
            <div>
              <h3>My milestones due in the next {MILESTONE_DAYS} days</h3>
              <MilestonesDue milestones={mine.data.dashboard.milestonesDue} format={format} />
            </div>
          </div>
        </section>
      ) : null}
      <CountCards statusCounts={dashboard.statusCounts} healthCounts={dashboard.healthCounts} />
      {/* Wide column: what is coming and what needs attention; narrow: milestones due, the chart and the feed. */}
      <div className={styles.columns}>
        <div className={styles.column}>
          <section className="card" aria-labelledby="timeline-heading">
            <div className="card-header">
              <h2 id="timeline-heading">Next {TIMELINE_DAYS} days</h2>
              <p>Each bar spans the planned window</p>
            </div>
            <UpcomingTimeline engagements={dashboard.upcoming} today={dashboard.today} format={format} />
          </section>
          <div className={styles.attention}>
            {(
              [
                { health: "OVERDUE", title: "Overdue", engagements: dashboard.overdue, empty: "Nothing is overdue." },
                { health: "AT_RISK", title: "At risk", engagements: dashboard.atRisk, empty: "Nothing is at risk." },
              ] as const
            ).map(({ health, title, engagements, empty }) => (
              <section key={health} className="card" aria-labelledby={`${health}-heading`}>
                <div className="card-header">
                  <h2 id={`${health}-heading`}>{title}</h2>
                </div>
                <AttentionList engagements={engagements} health={health} emptyText={empty} format={format} />
              </section>
            ))}
          </div>
        </div>
        <div className={styles.column}>
          <section className="card" aria-labelledby="milestones-heading">
            <div className="card-header">
              <h2 id="milestones-heading">Milestones due in the next {MILESTONE_DAYS} days</h2>
            </div>
            <MilestonesDue milestones={dashboard.milestonesDue} format={format} />
          </section>
          <section className="card" aria-labelledby="chart-heading">
            <div className="card-header">
              <h2 id="chart-heading">Coming months by status</h2>
            </div>
            <StatusByMonthChart months={dashboard.statusCountsByMonth} format={format} />
          </section>
          <section className="card" aria-labelledby="recent-heading">
            <div className="card-header">
              <h2 id="recent-heading">Recent status changes</h2>
            </div>
            <RecentChanges changes={dashboard.recentStatusChanges} format={format} />
          </section>
        </div>
      </div>
    </div>
  );
}
