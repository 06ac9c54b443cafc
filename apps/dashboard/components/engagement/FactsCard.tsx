import { graphql, type FactsCard_EngagementFragment } from "@engagement-tracker/schema";
import { daysBetween, type Formatter } from "../../lib/format";
import { KIND_LABELS } from "../../lib/labels";
import { regionAndCountry } from "../../lib/location";
import styles from "./EngagementDetail.module.css";

export const FactsCardFragment = graphql(`
  fragment FactsCard_engagement on Engagement {
    kind
    round
    startsOn
    endsOn
    hostCountry
    version
    createdAt
    updatedAt
    series {
      name
      shortName
    }
    owner {
      name
    }
    coOwners {
      name
    }
    location {
      ...LocationFields
    }
  }
`);

export function FactsCard({ engagement, format }: { engagement: FactsCard_EngagementFragment; format: Formatter }) {
  const days = daysBetween(engagement.startsOn, engagement.endsOn) + 1;
  return (
    <section className="card" aria-labelledby="facts-heading">
      <h2 id="facts-heading" className={styles.cardTitle}>
        Facts
      </h2>
      <dl className={styles.facts}>
        <dt>Owner</dt>
        <dd>{engagement.owner?.name ?? <span className="muted">Unassigned</span>}</dd>
        {engagement.coOwners.length ? (
          <>
            <dt>Co-owners</dt>
            <dd>{engagement.coOwners.map((user) => user.name).join(", ")}</dd>
          </>
        ) : null}
        <dt>Kind</dt>
        <dd>{KIND_LABELS[engagement.kind]}</dd>
        {engagement.series ? (
          <>
            <dt>Series</dt>
            <dd>
              {engagement.series.name} ({engagement.series.shortName})
              {engagement.round ? `, round ${engagement.round}` : ""}
            </dd>
          </>
        ) : null}
        <dt>Dates</dt>
        <dd>
          {format.dayRange(engagement.startsOn, engagement.endsOn)}{" "}
          <span className="muted">({days === 1 ? "1 day" : `${days} days`})</span>
        </dd>
        <dt>Location</dt>
        <dd>
          {engagement.location.name}
          <span className={styles.factSub}>{regionAndCountry(engagement.location, format)}</span>
        </dd>
        <dt>Host</dt>
        <dd>{format.country(engagement.hostCountry)}</dd>
        <dt>Last updated</dt>
        <dd>
          <time dateTime={engagement.updatedAt}>{format.instant(engagement.updatedAt)}</time>
          <span className={styles.factSub}>Version {engagement.version}</span>
        </dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={engagement.createdAt}>{format.instant(engagement.createdAt)}</time>
        </dd>
      </dl>
    </section>
  );
}
