/**
 * Shown at once when an engagement is opened, while its page is read. Being a loading boundary, it
 * is also all that a link to an engagement prefetches: a list of links does not render every
 * engagement behind it, again on every live refresh.
 */
export default function EngagementLoading() {
  return (
    <div className="page" aria-busy="true">
      <div className="page-header">
        <span className="skeleton" style={{ width: "min(28rem, 80%)", height: "2rem" }} />
      </div>
      <section className="card stack">
        <span className="skeleton" style={{ width: "60%", height: "1rem" }} />
        <span className="skeleton" style={{ width: "85%", height: "1rem" }} />
        <span className="skeleton" style={{ width: "40%", height: "1rem" }} />
      </section>
      <p className="visually-hidden" role="status">
        Loading the engagement…
      </p>
    </div>
  );
}
