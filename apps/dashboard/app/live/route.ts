import { createClient } from "graphql-ws";
import type { NextRequest } from "next/server";
import WebSocket from "ws";
import { apiUrl } from "../../lib/apollo";
import { liveState } from "../../lib/live-state";
import { SESSION_COOKIE } from "../../lib/session-cookie";

export const dynamic = "force-dynamic";

const ENGAGEMENT_CHANGED = `
  subscription DashboardLive($since: String) {
    engagementChanged(sinceSequence: $since) {
      event { sequence kind }
      engagement { id }
      concernsViewer
    }
  }`;

interface EngagementChanged {
  engagementChanged: {
    event: { sequence: string; kind: string };
    engagement: { id: string };
    concernsViewer: boolean;
  };
}

/** How long the browser waits before reconnecting after the stream drops. */
const RECONNECT_AFTER_MS = 1_000;
/** How long the API may take to accept the connection before the browser is told to try later. */
const CONNECT_TIMEOUT_MS = 5_000;
/** A comment line this often keeps idle proxies from closing the stream, and notices a gone reader. */
const KEEPALIVE_MS = 25_000;

/**
 * Server-sent events of every engagement change the signed-in user may see, bridged from the
 * API's graphql-ws subscription with the user's own token, which never leaves this server.
 * Each event's id is its sequence, so the browser's automatic reconnect sends `Last-Event-ID` and
 * the API replays what was missed; `?since=` does the same for a stream the browser recreated.
 * It answers only once the API accepted the connection: a 502 makes the browser back off instead
 * of reopening a stream that closes at once every second.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const token = request.cookies.get(SESSION_COOKIE)?.value;
  if (!token) return new Response("Sign in to receive live updates.\n", { status: 401 });
  const since = request.headers.get("last-event-id") || request.nextUrl.searchParams.get("since") || null;

  const encoder = new TextEncoder();
  let stop = () => {};
  let connected: Promise<void> = Promise.resolve();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const upstream = createClient({
        url: apiUrl.replace(/^http/, "ws"),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${token}` },
        // One retry policy only: when the API goes away the stream ends and the browser reconnects.
        retryAttempts: 0,
        connectionAckWaitTimeout: CONNECT_TIMEOUT_MS,
      });
      let open = true;
      // Counted from the API's acceptance until this bridge stops: while it is open, the API
      // vouches for the session (it would close the socket the moment the session's access ended).
      let counted = false;
      connected = new Promise((resolve, reject) => {
        upstream.on("connected", () => {
          if (open && !counted) {
            counted = true;
            liveState.streamOpened(token);
          }
          resolve();
        });
        upstream.on("closed", reject);
      });
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      const keepalive = setInterval(() => send(": keepalive\n\n"), KEEPALIVE_MS);
      stop = () => {
        if (!open) return;
        open = false;
        if (counted) liveState.streamClosed(token);
        clearInterval(keepalive);
        unsubscribe();
        void upstream.dispose();
      };
      const end = () => {
        if (!open) return;
        stop();
        controller.close();
      };

      // The API no longer accepts this session: tell the page to stop rather than retry forever.
      const signOut = () => {
        send("event: signed-out\ndata: {}\n\n");
        end();
      };
      // The reader's role changed: the page re-renders for it, and the browser reconnects.
      const accessChanged = () => {
        send("event: access-changed\ndata: {}\n\n");
        end();
      };
      const endFor = (error: unknown) => {
        if (isSignedOut(error)) signOut();
        else if (closeCodeOf(error) === ROLE_CHANGED) accessChanged();
        else end();
      };

      send(`retry: ${RECONNECT_AFTER_MS}\n\n`);
      const unsubscribe = upstream.subscribe<EngagementChanged>(
        { query: ENGAGEMENT_CHANGED, variables: { since } },
        {
          next: ({ data, errors }) => {
            if (isSignedOut(errors)) return signOut();
            if (!data) return;
            const { event, engagement, concernsViewer } = data.engagementChanged;
            liveState.changeSeen(event.sequence);
            liveState.changeReached(token, engagement.id, concernsViewer);
            // Only what the page needs to know it should re-render; it reads the data itself.
            const change = { sequence: event.sequence, kind: event.kind, engagementId: engagement.id };
            send(`id: ${event.sequence}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`);
          },
          error: endFor,
          complete: end,
        },
      );
      request.signal.addEventListener("abort", stop);
    },
    cancel: () => stop(),
  });

  try {
    await connected;
  } catch {
    stop();
    return new Response("The API is not answering; try again shortly.\n", { status: 502 });
  }
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      // nginx and similar proxies would otherwise buffer the stream.
      "x-accel-buffering": "no",
    },
  });
}

/** graphql-ws's close codes for access that ended: the API closes the socket with them. */
const SIGNED_OUT = 4401;
const ROLE_CHANGED = 4403;

const closeCodeOf = (error: unknown): unknown => (error as { code?: unknown } | null)?.code;

/**
 * graphql-ws reports a refused subscription as an array of GraphQL errors, and a connection the
 * API closed because the session ended as a close event with code 4401.
 */
function isSignedOut(error: unknown): boolean {
  if (closeCodeOf(error) === SIGNED_OUT) return true;
  return (
    Array.isArray(error) &&
    error.some((each: { extensions?: { code?: unknown } }) => each?.extensions?.code === "UNAUTHENTICATED")
  );
}
