import { Field, ObjectType, registerEnumType } from "type-graphql";

export enum UserErrorCode {
  VALIDATION = "VALIDATION",
  NOT_FOUND = "NOT_FOUND",
  INVALID_TRANSITION = "INVALID_TRANSITION",
  VERSION_CONFLICT = "VERSION_CONFLICT",
  ARCHIVED = "ARCHIVED",
  NOT_YOURS = "NOT_YOURS",
}

registerEnumType(UserErrorCode, {
  name: "UserErrorCode",
  description: "Why a mutation was refused. A refused mutation writes nothing.",
  valuesConfig: {
    VALIDATION: { description: "An input value is malformed or out of range." },
    NOT_FOUND: { description: "An ID names nothing that exists (or is of the wrong type)." },
    INVALID_TRANSITION: { description: "The lifecycle does not allow this status move." },
    VERSION_CONFLICT: { description: "Someone else changed the engagement since `expectedVersion`." },
    ARCHIVED: { description: "The engagement is archived and can no longer be changed." },
    NOT_YOURS: { description: "Only its author may change this (another user's comment)." },
  },
});

@ObjectType({ description: "An expected failure of a mutation, shown to the user beside the field it names." })
export class UserError {
  @Field(() => UserErrorCode)
  code: UserErrorCode;

  @Field(() => String, { description: "A sentence a person can act on." })
  message: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Path of the offending value inside `input`, e.g. ["participants", "0", "organizationId"].',
  })
  field: string[] | null;
}

export function userError(code: UserErrorCode, message: string, field: string[] | null = null): UserError {
  return Object.assign(new UserError(), { code, message, field });
}

/**
 * Thrown by services to abandon a write (and roll back its transaction);
 * the resolver turns it into payload `errors`.
 */
export class RefusedError extends Error {
  constructor(
    readonly errors: UserError[],
    /** The object as it stands, for the payload, when the refusal concerns one that exists. */
    readonly current: unknown = null,
  ) {
    super(errors.map((error) => error.message).join(" "));
  }
}

export function refuse(
  code: UserErrorCode,
  message: string,
  field: string[] | null = null,
  current: unknown = null,
): never {
  throw new RefusedError([userError(code, message, field)], current);
}
