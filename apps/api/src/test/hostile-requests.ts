import type { PrismaClient } from "@engagement-tracker/db";
import { createClient } from "graphql-ws";
import { expect } from "vitest";
import WebSocket from "ws";
import type { TestApi } from "./api.ts";

// Raw HTTP and WebSocket requests for the hostile-input suites: they must send what no typed client
// would, and read whatever comes back.

export interface Answer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  } | null;
  text: string;
}

/** Senders bound to the API a suite starts in its beforeAll (read when a request is made). */
export function rawRequests(api: () => TestApi) {
  async function send(body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(api().url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${api().users.EDITOR.token}`, ...headers },
      body,
    });
    const text = await response.text();
    let parsed: Answer["body"] = null;
    try {
      parsed = JSON.parse(text) as Answer["body"];
    } catch {
      parsed = null;
    }
    return { status: response.status, body: parsed, text };
  }
  const operation = (query: string, variables?: unknown) => send(JSON.stringify({ query, variables }));
  const withToken = (token: string, query: string) =>
    send(JSON.stringify({ query }), { authorization: `Bearer ${token}` });
  return { send, operation, withToken };
}

/** A digest of every row a refused request must leave as it was. */
export async function fingerprint(prisma: PrismaClient) {
  const [row] = await prisma.$queryRaw<{ fingerprint: string }[]>`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(e::text, ',' ORDER BY e.id) FROM "Engagement" e),
      (SELECT string_agg(m::text, ',' ORDER BY m.id) FROM "Milestone" m),
      (SELECT string_agg(s::text, ',' ORDER BY s.id) FROM "StatusChange" s),
      (SELECT count(*) FROM "EngagementEvent"), (SELECT count(*) FROM "ApiToken"), (SELECT count(*) FROM "User")
    )) AS fingerprint`;
  return row!.fingerprint;
}

/** A refusal a client can read: an HTTP 4xx, or GraphQL errors each carrying a code. */
export function expectClearRefusal(answer: Answer) {
  expect(answer.status).toBeLessThan(500);
  if (answer.status >= 400 && !answer.body?.errors) return;
  const errors = answer.body?.errors ?? [];
  const payloadErrors = Object.values(answer.body?.data ?? {}).flatMap(
    (payload) => ((payload as { errors?: unknown[] } | null)?.errors ?? []) as unknown[],
  );
  expect(errors.length + payloadErrors.length).toBeGreaterThan(0);
  for (const error of errors) {
    expect(error.extensions?.code).toMatch(/^[A-Z_]+$/);
    expect(error.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
  }
}

/** Sends one operation over graphql-ws as the editor and returns the errors it was refused with. */
export async function overWebSocket(
  api: TestApi,
  query: string,
): Promise<{ message: string; extensions?: { code?: string } }[]> {
  const client = createClient({
    url: api.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${api.users.EDITOR.token}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) =>
      client.subscribe(
        { query },
        {
          // A subscription refused as it starts comes back as a result carrying errors.
          next: ({ errors }) =>
            errors ? resolve([...errors]) : reject(new Error("the socket accepted the operation")),
          error: (errors) => resolve(errors as { message: string; extensions?: { code?: string } }[]),
          complete: () => reject(new Error("the socket accepted the operation")),
        },
      ),
    );
  } finally {
    await client.dispose();
  }
}
