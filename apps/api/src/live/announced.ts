import type { Context } from "../context.ts";

/** Call with a write's result once it committed, so other API instances hear of it. */
export function announced<Result extends { sequence: bigint | null }>(context: Context, result: Result): Result {
  if (result.sequence !== null) context.changeHub?.announce(result.sequence);
  return result;
}
