import type { ServerResponse } from "node:http";

type Callback = (error?: Error | null) => void;

/**
 * Holds a response's body back until it ends and then writes it in one piece. React writes a page's
 * data in a hundred small chunks; each costs a round through gzip and a socket write of its own,
 * several times what the whole body costs at once. Only for responses nobody reads while they
 * stream: a refresh's page data is shown when it is all there.
 */
export function writeWhole(response: ServerResponse): void {
  const chunks: Buffer[] = [];
  const write = response.write.bind(response) as (chunk: Buffer) => boolean;
  const end = response.end.bind(response) as (callback?: () => void) => ServerResponse;
  const hold = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(
      typeof chunk === "string"
        ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8")
        : Buffer.from(chunk as Uint8Array),
    );
  };
  const callbackOf = (...args: unknown[]) => args.find((arg): arg is Callback => typeof arg === "function");
  response.write = ((chunk: unknown, encoding?: unknown, callback?: unknown) => {
    hold(chunk, encoding);
    const done = callbackOf(encoding, callback);
    if (done) queueMicrotask(() => done());
    return true;
  }) as ServerResponse["write"];
  // Next flushes after each chunk when it can (compression offers `flush`): nothing to flush yet.
  (response as ServerResponse & { flush?: () => void }).flush = () => {};
  response.end = ((chunk?: unknown, encoding?: unknown, callback?: unknown) => {
    hold(chunk, encoding);
    if (chunks.length) write(Buffer.concat(chunks));
    return end(callbackOf(chunk, encoding, callback));
  }) as ServerResponse["end"];
}
