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
 * A query read from the API once for many renders. Engagement data is the same for everyone of a
 * role, so such an answer is read once per change for all readers of that role: when a change
 * wakes a hundred open overviews, the first refresh asks the API and the others reuse its answer.
 * Answers about the reader (fields about the viewer, `mine` filters: see reader-specific.ts) are
 * kept per session instead, across the changes that do not concern its user (see
 * LiveState.changeReached). An answer is only reused while it is as new as the latest change this
 * process has seen (the one that woke the reader, or a later one), and only for a reader whose
 * session has a live stream open (so the API vouches for it); a reader who just wrote reads
 * afresh, to see their own change at once. Everything else is an ordinary query: `read` (which
 * by default sends a signed-out reader to sign in).
 */
export async function sharedQuery<Data, Variables extends OperationVariables>(
  document: TypedDocumentNode<Data, Variables>,
  variables?: Variables,
  read: typeof query = query,
): Promise<ApiResult<Data>> {
  const [token, viewer] = await Promise.all([sessionToken(), getViewer()]);
  const change = liveState.latestChange();
  if (!token || !viewer || change === null || liveState.wroteRecently(token) || !liveState.viewerOf(token)) {
    return read(document, variables);
  }
  const day = new Date().toISOString().slice(0, 10);
  const variablesJson = JSON.stringify(variables ?? {});
  const key = `${operationName(document)} ${variablesJson}`;
  const ask = () => queryMaybeSignedOut(document, variables);
  let answer: Promise<ApiResult<Data>>;
  if (answersDifferPerReader(document, variablesJson)) {
    const known = liveState.ownAnswerOf(token, key, day) as Promise<ApiResult<Data>> | undefined;
    answer = known ?? ask();
    if (!known) liveState.rememberOwnAnswer(token, key, day, answer);
  } else {
    answer = roleAnswer(`${viewer.role} ${key}`, change, day, ask);
  }
  const result = await answer;
  // Never one reader's redirect for all: a refusal is not shared, and that reader asks again here.
  return result.ok ? result : read(document, variables);
}

/** The answer for readers of a role as of `change`, read now by the first of them to ask. */
function roleAnswer<Data>(
  key: string,
  change: bigint,
  day: string,
  ask: () => Promise<ApiResult<Data>>,
): Promise<ApiResult<Data>> {
  let shared = global[KEY];
  if (!shared || shared.change !== change || shared.day !== day) {
    shared = global[KEY] = { change, day, answers: new Map() };
  }
  const { answers } = shared;
  let answer = answers.get(key) as Promise<ApiResult<Data>> | undefined;
  if (!answer) {
    answer = ask();
    if (answers.size >= MAX_SHARED_ANSWERS) answers.delete(answers.keys().next().value!);
    answers.set(key, answer);
    // A failure is not shared: the next reader asks again.
    void answer.then((result) => {
      if (!result.ok) answers.delete(key);
    });
  }
  return answer;
}

function operationName(document: TypedDocumentNode<unknown, never>): string {
  for (const definition of document.definitions) {
    if (definition.kind === "OperationDefinition" && definition.name) return definition.name.value;
  }
  throw new Error("sharedQuery needs a named operation");
}
