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

/** A graphql-ws client that records every change it receives and can wait for more. */
export interface ChangeRecorder {
  received: ReceivedChange[];
  /** Resolves once `count` changes have arrived in all, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedChange[]>;
  close(): Promise<void>;
}

export async function recordChanges(
  httpUrl: string,
  token: string,
  variables: { filter?: unknown; since?: string | null } = {},
): Promise<ChangeRecorder> {
  const received: ReceivedChange[] = [];
  const waiters: (() => void)[] = [];
  const client: Client = createClient({
    url: httpUrl.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
  });
  let failure: unknown = null;
  await new Promise<void>((resolve, reject) => {
    client.on("connected", () => resolve());
    client.on("error", reject);
  });
  // The subscription is registered once the server acknowledges it; a first change may race it,
  // so callers subscribe before they write.
  client.subscribe<{ engagementChanged: ReceivedChange }>(
    { query: ENGAGEMENT_CHANGED, variables },
    {
      next: ({ data, errors }) => {
        if (errors) failure = errors;
        if (data) received.push(data.engagementChanged);
        waiters.splice(0).forEach((wake) => wake());
      },
      error: (error) => {
        failure = error;
        waiters.splice(0).forEach((wake) => wake());
      },
      complete: () => {},
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 150));
  return {
    received,
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (failure) throw new Error(`subscription failed: ${JSON.stringify(failure)}`);
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
