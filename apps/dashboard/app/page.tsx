// A placeholder until the dashboard issue: it proves the API is reachable and shows its figures.
export const dynamic = "force-dynamic";

const apiUrl = process.env.API_URL ?? "http://127.0.0.1:4000/graphql";

interface Overview {
  dashboard: { statusCounts: { status: string; count: number }[] };
}

async function loadOverview(): Promise<Overview | null> {
  try {
    const response = await fetch(apiUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ dashboard { statusCounts { status count } } }" }),
      cache: "no-store",
    });
    const body = (await response.json()) as { data?: Overview };
    return body.data ?? null;
  } catch {
    return null;
  }
}

export default async function HomePage() {
  const overview = await loadOverview();
  return (
    <main>
      <h1>Engagement Tracker</h1>
      {overview ? (
        <ul>
          {overview.dashboard.statusCounts.map(({ status, count }) => (
            <li key={status}>
              {status}: {count}
            </li>
          ))}
        </ul>
      ) : (
        <p role="alert">The API at {apiUrl} is not answering.</p>
      )}
    </main>
  );
}
