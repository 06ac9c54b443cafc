import type { Prisma } from "@engagement-tracker/db";
import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject, fromRow } from "../common/node.ts";
import type { Role } from "../common/enums.ts";
import { Payload } from "../common/payload.ts";

@ObjectType({ implements: Node, description: "A person who uses Engagement Tracker. Passwords are never exposed." })
export class User extends NodeObject {
  protected readonly typename = "User";

  @Field(() => String)
  name: string;

  // email, role and disabledAt are resolved in UserResolver: only the user and admins may read them.
  email: string;

  role: Role;

  disabledAt: Date | null;

  /** Set on the user a sign-in returns: that request proved it is this user before it had a session. */
  provenBySignIn?: boolean;
}

/** The columns a User may show; the password hash is never read into the API's objects. */
export const publicUserFields = { id: true, name: true, email: true, role: true, disabledAt: true } as const;

export type PublicUserRow = Prisma.UserGetPayload<{ select: typeof publicUserFields }>;

export const toUser = (row: PublicUserRow): User => fromRow(User, row);

@ObjectType()
export class UserPayload extends Payload {
  @Field(() => User, { nullable: true })
  user: User | null = null;
}
