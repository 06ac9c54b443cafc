import { IsEmail, IsInt, IsNotEmpty, Max, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Node, NodeObject } from "../common/node.ts";
import { Payload } from "../common/payload.ts";
import { DateTimeScalar } from "../common/scalars.ts";
import { User } from "../users/user.type.ts";

@InputType()
export class SignInInput {
  @Field(() => String)
  @IsEmail({}, { message: "Enter an email address." })
  email: string;

  @Field(() => String)
  @IsNotEmpty({ message: "Enter your password." })
  @MaxLength(200, { message: "Passwords are at most 200 characters." })
  password: string;
}

@ObjectType({ description: "A new session. The token is shown only here; send it as `Authorization: Bearer`." })
export class SignInPayload extends Payload {
  @Field(() => User, { nullable: true })
  user: User | null = null;

  @Field(() => String, { nullable: true })
  token: string | null = null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt: Date | null = null;
}

@ObjectType()
export class SignOutPayload extends Payload {}

@ObjectType({ implements: Node, description: "A personal API token. Its secret is shown once, when created." })
export class ApiToken extends NodeObject {
  protected readonly typename = "ApiToken";

  userId: string;

  @Field(() => String)
  name: string;

  @Field(() => String, { description: "The token's first characters, to recognise it." })
  prefix: string;

  @Field(() => DateTimeScalar)
  createdAt: Date;

  @Field(() => DateTimeScalar)
  expiresAt: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt: Date | null;
}

export const MAX_TOKEN_DAYS = 365;

@InputType()
export class CreateApiTokenInput {
  @Field(() => String, { description: 'What it is for, e.g. "Calendar sync".' })
  @IsNotEmpty({ message: "Name the token." })
  @MaxLength(100, { message: "Token names are at most 100 characters." })
  name: string;

  @Field(() => Int, { defaultValue: 90, description: `Days until it expires, 1–${MAX_TOKEN_DAYS}.` })
  @IsInt()
  @Min(1, { message: "A token lasts at least one day." })
  @Max(MAX_TOKEN_DAYS, { message: `A token lasts at most ${MAX_TOKEN_DAYS} days.` })
  expiresInDays: number;
}

@ObjectType()
export class CreateApiTokenPayload extends Payload {
  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null = null;

  @Field(() => String, { nullable: true, description: "The secret. It cannot be shown again." })
  token: string | null = null;
}

@InputType()
export class RevokeApiTokenInput {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class RevokeApiTokenPayload extends Payload {
  @Field(() => ApiToken, { nullable: true })
  apiToken: ApiToken | null = null;
}
