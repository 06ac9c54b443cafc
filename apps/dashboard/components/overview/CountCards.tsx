import type { EngagementStatus, Health } from "@engagement-tracker/schema";
import Link from "next/link";
import { HEALTH_LABELS, OPEN_HEALTHS, STATUS_LABELS, STATUSES } from "../../lib/labels";
import { DEFAULT_LIST_VIEW, withChanges, type ListView } from "../../lib/list-view";
import { engagementsHref } from "../../lib/routes";
import styles from "./CountCards.module.css";

interface Card {
  key: string;
  label: string;
  count: number;
  /** The table filtered to what the card counts: among all engagements, as the counts are. */
  filter: Partial<ListView>;
  /** Sets the card's colour. */
  tone: { "data-status": EngagementStatus } | { "data-health": Health };
}

/** One card per status and per health of open engagements; each opens the table filtered to what it counts. */
export function CountCards({
  statusCounts,
  healthCounts,
}: {
  statusCounts: readonly { status: EngagementStatus; count: number }[];
  healthCounts: readonly { health: Health; count: number }[];
}) {
  const byStatus = new Map(statusCounts.map(({ status, count }) => [status, count]));
  const byHealth = new Map(healthCounts.map(({ health, count }) => [health, count]));
  return (
    <div className={styles.groups}>
      <CardGroup
        title="By status"
        cards={STATUSES.map((status) => ({
          key: status,
          label: STATUS_LABELS[status],
          count: byStatus.get(status) ?? 0,
          filter: { show: "all", statuses: [status] },
          tone: { "data-status": status },
        }))}
      />
      <CardGroup
        title="By health"
        className={styles.healthCards}
        cards={OPEN_HEALTHS.map((health) => ({
          key: health,
          label: HEALTH_LABELS[health],
          count: byHealth.get(health) ?? 0,
          filter: { show: "all", health: [health] },
          tone: { "data-health": health },
        }))}
      />
    </div>
  );
}

function CardGroup({ title, cards, className }: { title: string; cards: Card[]; className?: string }) {
  const headingId = `${title.toLowerCase().replaceAll(" ", "-")}-heading`;
  return (
    <section aria-labelledby={headingId} className={styles.group}>
      <h2 id={headingId} className={styles.heading}>
        {title}
      </h2>
      <ul className={className ? `${styles.cards} ${className}` : styles.cards}>
        {cards.map((card) => (
          <li key={card.key} {...card.tone} className={styles.card}>
            <Link href={engagementsHref(withChanges(DEFAULT_LIST_VIEW, card.filter))} className={styles.link}>
              <span className={styles.label}>{card.label}</span>
              <span className={styles.count}>{card.count}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
