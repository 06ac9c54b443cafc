import {
  graphql,
  type EngagementOrderField,
  type EngagementTable_EngagementFragment,
} from "@engagement-tracker/schema";
import Link from "next/link";
import { EngagementLink } from "../EngagementLink";
import type { Formatter } from "../../lib/format";
import { KIND_LABELS } from "../../lib/labels";
import { regionAndCountry } from "../../lib/location";
import { withChanges, type ListView } from "../../lib/list-view";
import { engagementsHref } from "../../lib/routes";
import { HealthBadge, StatusBadge } from "../Badges";
import { healthIssueTexts } from "../HealthIssues";
import styles from "./EngagementTable.module.css";

export const EngagementTableFragment = graphql(`
  fragment EngagementTable_engagement on Engagement {
    id
    title
    kind
    round
    status
    health
    ...HealthIssues_engagement
    archivedAt
    startsOn
    endsOn
    updatedAt
    series {
      shortName
    }
    owner {
      name
    }
    location {
      ...LocationFields
    }
  }
`);

/** The page of engagements; its sortable column headers are links, so sorting works without JavaScript. */
export function EngagementTable({
  engagements,
  view,
  format,
}: {
  engagements: readonly EngagementTable_EngagementFragment[];
  view: ListView;
  format: Formatter;
}) {
  return (
    <table className={styles.table}>
      <caption className="visually-hidden">Engagements, sorted by {SORT_NAMES[view.sort]}</caption>
      <thead>
        <tr>
          <SortableHeader field="TITLE" view={view}>
            Engagement
          </SortableHeader>
          <SortableHeader field="STATUS" view={view}>
            Status
          </SortableHeader>
          <SortableHeader field="HEALTH" view={view}>
            Health
          </SortableHeader>
          <SortableHeader field="START_DATE" view={view}>
            Dates
          </SortableHeader>
          <th scope="col">Location</th>
          <th scope="col">Owner</th>
          <SortableHeader field="UPDATED_AT" view={view}>
            Updated
          </SortableHeader>
        </tr>
      </thead>
      <tbody>
        {engagements.map((engagement) => (
          <tr key={engagement.id}>
            <td data-label="Engagement" className={styles.titleCell}>
              <EngagementLink id={engagement.id} className="item-link">
                {engagement.title}
              </EngagementLink>
              {engagement.archivedAt ? (
                <span className="badge" data-archived="">
                  Archived
                </span>
              ) : null}
              <span className={styles.sub}>
                {KIND_LABELS[engagement.kind]}
                {engagement.series ? ` · ${engagement.series.shortName}` : ""}
                {engagement.round ? ` · round ${engagement.round}` : ""}
              </span>
            </td>
            <td data-label="Status">
              <StatusBadge status={engagement.status} />
            </td>
            <td data-label="Health">
              <div>
                <HealthBadge health={engagement.health} />
                {engagement.healthIssues.length ? (
                  <span className={styles.reason}>{healthIssueTexts(engagement, format).join(" ")}</span>
                ) : null}
              </div>
            </td>
            <td data-label="Dates">{format.dayRange(engagement.startsOn, engagement.endsOn)}</td>
            <td data-label="Location">
              <div>
                {engagement.location.name}
                <span className={styles.sub}>{regionAndCountry(engagement.location, format)}</span>
              </div>
            </td>
            <td data-label="Owner">{engagement.owner?.name ?? <span className={styles.sub}>Unassigned</span>}</td>
            <td data-label="Updated">
              <time dateTime={engagement.updatedAt} title={format.instant(engagement.updatedAt)}>
                {format.relative(engagement.updatedAt)}
              </time>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const SORT_NAMES: Record<EngagementOrderField, string> = {
  TITLE: "title",
  START_DATE: "start date",
  UPDATED_AT: "last update",
  STATUS: "status",
  HEALTH: "health",
};

function SortableHeader({ field, view, children }: { field: EngagementOrderField; view: ListView; children: string }) {
  const active = view.sort === field;
  const nextDirection = active && view.direction === "ASC" ? "DESC" : "ASC";
  const ariaSort = active ? (view.direction === "ASC" ? "ascending" : "descending") : undefined;
  return (
    <th scope="col" aria-sort={ariaSort}>
      <Link
        href={engagementsHref(withChanges(view, { sort: field, direction: nextDirection }))}
        className={styles.sortLink}
        data-active={active || undefined}
      >
        {children}
        <span aria-hidden="true" className={styles.sortIcon}>
          {active ? (view.direction === "ASC" ? "▲" : "▼") : "↕"}
        </span>
        <span className="visually-hidden">, sort {nextDirection === "ASC" ? "ascending" : "descending"}</span>
      </Link>
    </th>
  );
}
