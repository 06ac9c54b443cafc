import { graphql, type ParticipantsCard_EngagementFragment } from "@engagement-tracker/schema";
import type { Formatter } from "../../lib/format";
import { PARTICIPATION_ROLE_LABELS, PARTICIPATION_ROLES } from "../../lib/labels";
import styles from "./EngagementDetail.module.css";

export const ParticipantsCardFragment = graphql(`
  fragment ParticipantsCard_engagement on Engagement {
    hostCountry
    participants {
      role
      organization {
        id
        name
        shortName
        country
      }
    }
  }
`);

/** Who takes part, by side (the organization's country, hosts first) and by role within each side. */
export function ParticipantsCard({
  engagement,
  format,
}: {
  engagement: ParticipantsCard_EngagementFragment;
  format: Formatter;
}) {
  const sides = [...new Set(engagement.participants.map((participant) => participant.organization.country))].sort(
    (a, b) => Number(b === engagement.hostCountry) - Number(a === engagement.hostCountry) || a.localeCompare(b),
  );
  return (
    <section className="card" aria-labelledby="participants-heading">
      <h2 id="participants-heading" className={styles.cardTitle}>
        Participants
      </h2>
      {sides.length === 0 ? <p className="muted">No participants recorded yet.</p> : null}
      <div className={styles.sides}>
        {sides.map((country) => (
          <section key={country} aria-label={`${format.country(country)} side`}>
            <h3 className={styles.side}>
              {format.country(country)}
              {country === engagement.hostCountry ? <span className={styles.hostTag}>Host side</span> : null}
            </h3>
            <dl className={styles.roles}>
              {PARTICIPATION_ROLES.map((role) => {
                const organizations = engagement.participants
                  .filter((participant) => participant.role === role && participant.organization.country === country)
                  .map((participant) => participant.organization);
                return organizations.length ? (
                  <div key={role}>
                    <dt>{PARTICIPATION_ROLE_LABELS[role]}</dt>
                    {organizations.map((organization) => (
                      <dd key={organization.id}>{organization.name}</dd>
                    ))}
                  </div>
                ) : null;
              })}
            </dl>
          </section>
        ))}
      </div>
    </section>
  );
}
