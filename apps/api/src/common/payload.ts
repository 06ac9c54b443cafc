import { Field, ObjectType } from "type-graphql";
import { RefusedError, UserError } from "./user-error.ts";

@ObjectType()
export abstract class Payload {
  @Field(() => [UserError], {
    description: "Why the mutation was refused; empty when it succeeded. A refusal writes nothing.",
  })
  errors: UserError[] = [];
}

/**
 * Runs a mutation and shapes its outcome as a payload: expected refusals become
 * `errors` (with the object as it stands, when there is one); anything else is unexpected and propagates.
 */
export async function toPayload<P extends Payload, Current>(
  PayloadClass: new () => P,
  work: () => Promise<Partial<P>>,
  onRefused: (current: Current) => Partial<P> = () => ({}),
): Promise<P> {
  try {
    return Object.assign(new PayloadClass(), await work());
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    const current = error.current === null ? {} : onRefused(error.current as Current);
    return Object.assign(new PayloadClass(), current, { errors: error.errors });
  }
}
