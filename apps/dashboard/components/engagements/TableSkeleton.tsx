import styles from "./TableSkeleton.module.css";

const ROWS = 8;

/** What the table looks like while a page of results is on its way. */
export function TableSkeleton() {
  return (
    <section className={`card ${styles.skeleton}`} aria-busy="true" aria-label="Loading engagements">
      <span className={`skeleton ${styles.count}`} />
      {Array.from({ length: ROWS }, (_, row) => (
        <div key={row} className={styles.row}>
          <span className={`skeleton ${styles.title}`} />
          <span className={`skeleton ${styles.badge}`} />
          <span className={`skeleton ${styles.badge}`} />
          <span className={`skeleton ${styles.cell}`} />
          <span className={`skeleton ${styles.cell}`} />
        </div>
      ))}
      <p className="visually-hidden" role="status">
        Loading engagements…
      </p>
    </section>
  );
}
