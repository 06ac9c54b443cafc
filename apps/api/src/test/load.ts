import type { PrismaClient } from "@engagement-tracker/db";
import { graphql } from "@engagement-tracker/schema";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print, type DocumentNode } from "graphql";
import type { GraphQLResponse } from "./api.ts";

/** A dashboard-sized page: engagements with what the overview shows of each. */
export const EngagementPage = graphql(`
  query LoadEngagementPage($after: String) {
    engagements(first: 25, after: $after, orderBy: { field: START_DATE }) {
      totalCount
      pageInfo {
        endCursor
      }
      nodes {
        id
        title
        status
        health
        participants {
          role
          organization {
            name
          }
        }
        milestones {
          title
          dueOn
        }
        latestStatusChange {
          toStatus
        }
      }
    }
  }
`);

/** A status move; `statusChange` is set exactly when the move was made. */
export const MoveStatus = graphql(`
  mutation LoadMoveStatus($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      statusChange {
        id
      }
      errors {
        code
      }
    }
  }
`);

/** One request as the client saw it: HTTP status (0 when the connection failed), body, and timing. */
export interface Exchange<Data> {
  status: number;
  body: GraphQLResponse<Data> | null;
  /** performance.now() when it was sent, and how long the answer took, in ms. */
  startedAt: number;
  ms: number;
  /** Why no HTTP answer came, when none did. */
  failure?: string;
}

/** Sends one GraphQL operation; never throws, so a load loop can count every outcome. */
export async function exchange<Data, Variables>(
  url: string,
  token: string,
  document: TypedDocumentNode<Data, Variables>,
  variables: Variables,
  headers: Record<string, string> = {},
): Promise<Exchange<Data>> {
  const startedAt = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query: printed(document), variables }),
    });
    const body = (await response.json().catch(() => null)) as GraphQLResponse<Data> | null;
    return { status: response.status, body, startedAt, ms: performance.now() - startedAt };
  } catch (error) {
    const failure = String((error as { cause?: unknown }).cause ?? error);
    return { status: 0, body: null, startedAt, ms: performance.now() - startedAt, failure };
  }
}

const printedDocuments = new WeakMap<object, string>();
function printed(document: DocumentNode): string {
  let text = printedDocuments.get(document);
  if (text === undefined) printedDocuments.set(document, (text = print(document)));
  return text;
}

/** `connections` loops, each running `step` back to back until stop() is called; stop() waits for them to finish. */
export function runConcurrently(connections: number, step: (connection: number) => Promise<void>) {
  let running = true;
  const loops = Array.from({ length: connections }, async (_, connection) => {
    while (running) await step(connection);
  });
  return {
    async stop(): Promise<void> {
      running = false;
      await Promise.all(loops);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Random element of a non-empty list. */
export function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

/**
 * Engagements whose history does not lead to their status. Each move leaves one status and
 * enters another, so walking the history from creation ends at the current status exactly when,
 * for every status, moves into it minus moves out of it is 1 for the current status and 0 for the
 * rest. This holds whatever order the rows are read in, even when moves share a timestamp.
 */
export async function historyOutOfStep(prisma: PrismaClient): Promise<string[]> {
  const [engagements, changes] = await Promise.all([
    prisma.engagement.findMany({ select: { id: true, status: true } }),
    prisma.statusChange.findMany({ select: { engagementId: true, fromStatus: true, toStatus: true } }),
  ]);
  const balances = new Map<string, Map<string, number>>();
  const add = (engagementId: string, status: string, flow: number) => {
    const balance = balances.get(engagementId) ?? new Map<string, number>();
    balance.set(status, (balance.get(status) ?? 0) + flow);
    balances.set(engagementId, balance);
  };
  for (const change of changes) {
    add(change.engagementId, change.toStatus, 1);
    if (change.fromStatus) add(change.engagementId, change.fromStatus, -1);
  }
  return engagements
    .filter(({ id, status }) => {
      const balance = balances.get(id) ?? new Map<string, number>();
      return balance.get(status) !== 1 || [...balance].some(([other, flow]) => other !== status && flow !== 0);
    })
    .map(({ id }) => id);
}
