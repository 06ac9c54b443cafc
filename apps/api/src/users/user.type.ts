import { Field, ObjectType } from "type-graphql";
import { NodeObject, Node } from "../common/node.ts";
import { Role } from "../common/enums.ts";

@ObjectType({ implements: Node, description: "A person who uses Engagement Tracker." })
export class User extends NodeObject {
  protected readonly typename = "User";

  @Field(() => String)
  name: string;

  @Field(() => Role)
  role: Role;
}
