import { Field, ObjectType } from "type-graphql";
import { Node, NodeObject } from "../common/node.ts";
import { Role } from "../common/enums.ts";
import { Payload } from "../common/payload.ts";
import { DateTimeScalar } from "../common/scalars.ts";

@ObjectType({ implements: Node, description: "A person who uses Engagement Tracker. Passwords are never exposed." })
export class User extends NodeObject {
  protected readonly typename = "User";

  @Field(() => String)
  name: string;

  @Field(() => String)
  email: string;

  @Field(() => Role)
  role: Role;

  @Field(() => DateTimeScalar, { nullable: true, description: "Set when an admin disabled the account." })
  disabledAt: Date | null;
}

@ObjectType()
export class UserPayload extends Payload {
  @Field(() => User, { nullable: true })
  user: User | null = null;
}
