import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

export interface ReceivedChange {
  event: { sequence: string; kind: string; version: number };
  engagement: { id: string; title: string; status: string };
}

export const ENGAGEMENT_CHANGED = `
  subscription Live($filter: EngagementFilter, $since: String) {
    engagementChanged(filter: $filter, sinceSequence: $since) {
      event { sequence kind version }
      engagement { id title status }
    }
  }`;

export const NOTIFICATION_ADDED = `
  subscription Notified($since: String) {
    notificationAdded(sinceSequence: $since) { kind reason engagement { id } actor { name } }
  }`;

/** How a server closed the connection. */
export interface Closed {
  code: number;
  reason: string;
}

/** A graphql-ws client that records every change it receives and can wait for more. */
export interface ChangeRecorder<Change = ReceivedChange> {
  received: Change[];
  /** Resolves once `count` changes have arrived in all, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<Change[]>;
  /** Resolves when the server closes the connection. */
  closed: Promise<Closed>;
  close(): Promise<void>;
}

export interface RecordOptions {
  filter?: unknown;
  /**
   * Replay from this sequence. By default the recorder first asks the server for the latest
   * one, so every change committed after `recordChanges` returns is received, however long the
   * server takes to register the subscription; `null` subscribes live only.
   */
  since?: string | null;
  /** Another selection of `engagementChanged` (or of `field`), with the same variables. */
  query?: string;
  /** The subscription field the query selects; `engagementChanged` by default. */
  field?: string;
  /** Extra headers on the WebSocket upgrade (Origin, Cookie). */
  headers?: Record<string, string>;
}

async function latestChangeSequence(httpUrl: string, token: string): Promise<string> {
  const response = await fetch(httpUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ latestChangeSequence }" }),
  });
  const { data } = (await response.json()) as { data?: { latestChangeSequence: string } };
  if (!data) throw new Error("could not read the latest change sequence");
  return data.latestChangeSequence;
}

export async function recordChanges<Change = ReceivedChange>(
  httpUrl: string,
  token: string | null,
  { filter, since, query = ENGAGEMENT_CHANGED, field = "engagementChanged", headers }: RecordOptions = {},
): Promise<ChangeRecorder<Change>> {
  const received: Change[] = [];
  const waiters: (() => void)[] = [];
  const wakeAll = () => waiters.splice(0).forEach((wake) => wake());
  const from = since !== undefined || !token ? since : await latestChangeSequence(httpUrl, token);
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: headers
      ? class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers });
          }
        }
      : WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: false,
    // How the server closed the connection is recorded in `closed`; it is not an error here.
    onNonLazyError: () => {},
  });
  let failure: unknown = null;
  let closedWith: Closed | null = null;
  const closed = new Promise<Closed>((resolve) =>
    client.on("closed", (event) => {
      const { code, reason } = event as Closed;
      closedWith = { code, reason };
      resolve(closedWith);
      wakeAll();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.on("error", reject);
  });
  client.subscribe<Record<string, Change>>(
    { query, variables: { filter, since: from ?? null } },
    {
      next: ({ data, errors }) => {
        if (errors) failure = errors;
        if (data) received.push(data[field]!);
        wakeAll();
      },
      error: (error) => {
        failure = error;
        wakeAll();
      },
      complete: () => {},
    },
  );
  return {
    received,
    closed,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (failure) throw new Error(`subscription failed: ${JSON.stringify(failure)}`);
        if (closedWith) throw new Error(`the server closed the connection: ${JSON.stringify(closedWith)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} changes, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, left);
        });
      }
      return received;
    },
    close: () => client.dispose() as Promise<void>,
  };
}
