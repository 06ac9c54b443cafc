import type { OperationVariables, TypedDocumentNode } from "@apollo/client";
import { query, queryMaybeSignedOut, type ApiResult } from "./api";
import { liveState } from "./live-state";
import { answersDifferPerReader } from "./reader-specific";
import { sessionToken } from "./session";
import { getViewer } from "./viewer";

/** Answers kept for the latest change: every page shape a role has asked for since it. */
const MAX_SHARED_ANSWERS = 200;

interface SharedAnswers {
  /** The change and the day the answers were read at; a later change or a new day starts afresh. */
  change: bigint;
  day: string;
  answers: Map<string, Promise<ApiResult<unknown>>>;
}

const KEY = Symbol.for("engagement-tracker.dashboard.shared-answers");
const global = globalThis as typeof globalThis & { [KEY]?: SharedAnswers };

/**
 * A query whose answer depends on the reader's role alone (engagement data is the same for
 * everyone of a role; fields about the reader and `mine` filters make it the reader's own: see
 * reader-specific.ts), read from the API once per change for all readers of that role. When a
 * change wakes a hundred open overviews, the first refresh asks the API and the others reuse its
 * answer. An answer is only reused while it is as new as the latest change this process has seen
 * (the one that woke the reader, or a later one), and only for a reader whose session has a live
 * stream open (so the API vouches for it); a reader who just wrote reads afresh, to see their own
 * change at once. Everything else is an ordinary query.
 */
export async function sharedQuery<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables?: Variables,
): Promise<ApiResult<Data>> {
  const [token, viewer] = await Promise.all([sessionToken(), getViewer()]);
  const change = liveState.latestChange();
  if (!token || !viewer || change === null || liveState.wroteRecently(token) || !liveState.viewerOf(token)) {
    return query(document, variables);
  }
  const day = new Date().toISOString().slice(0, 10);
  let shared = global[KEY];
  if (!shared || shared.change !== change || shared.day !== day) {
    shared = global[KEY] = { change, day, answers: new Map() };
  }
  const variablesJson = JSON.stringify(variables ?? {});
  const reader = answersDifferPerReader(document, variablesJson) ? `${viewer.role} ${viewer.id}` : viewer.role;
  const key = `${reader} ${operationName(document)} ${variablesJson}`;
  let answer = shared.answers.get(key) as Promise<ApiResult<Data>> | undefined;
  if (!answer) {
    // Never one reader's redirect for all: a refusal is not shared, and that reader asks again below.
    answer = queryMaybeSignedOut(document, variables);
    if (shared.answers.size >= MAX_SHARED_ANSWERS) shared.answers.delete(shared.answers.keys().next().value!);
    shared.answers.set(key, answer);
    const answers = shared.answers;
    // A failure is not shared: the next reader asks again.
    void answer.then((result) => {
      if (!result.ok) answers.delete(key);
    });
  }
  const result = await answer;
  return result.ok ? result : query(document, variables);
}

function operationName(document: TypedDocumentNode<unknown, never>): string {
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) return definition.name.value;
  }
  throw new Error("sharedQuery needs a named operation");
}
