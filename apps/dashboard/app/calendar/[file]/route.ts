import { apiUrl } from "../../../lib/apollo";

export const dynamic = "force-dynamic";

/** What a calendar program needs of the API's answer; nothing else is passed on. */
const PASSED_ON = ["content-type", "etag", "last-modified", "cache-control", "referrer-policy"];

/**
 * `/calendar/<token>.ics`: the API's calendar feed, served on the dashboard's address, the one
 * readers (and so their calendar programs) can reach; the API itself may listen on loopback only.
 * The API writes the feed and answers every question of access; this only relays the request's
 * validators (for a 304) and the answer.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const upstream = await fetch(new URL(`/calendar/${encodeURIComponent(file)}`, apiUrl), {
    headers: Object.fromEntries(
      ["if-none-match", "if-modified-since"].flatMap((name) => {
        const value = request.headers.get(name);
        return value === null ? [] : [[name, value]];
      }),
    ),
    cache: "no-store",
  }).catch(() => null);
  // Calendar programs retry later on a 5xx and keep what they have.
  if (!upstream) return new Response("The calendar is unavailable; try again later.\n", { status: 503 });
  const headers = new Headers();
  for (const name of PASSED_ON) {
    const value = upstream.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  return new Response(upstream.status === 304 ? null : upstream.body, { status: upstream.status, headers });
}
