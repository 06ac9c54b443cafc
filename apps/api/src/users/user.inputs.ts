import { IsEmail, IsNotEmpty, IsOptional, MaxLength, MinLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { Role } from "../common/enums.ts";
import { apply } from "../common/validation.ts";

export const MIN_PASSWORD_LENGTH = 12;
const passwordRules = [
  MinLength(MIN_PASSWORD_LENGTH, { message: `Passwords are at least ${MIN_PASSWORD_LENGTH} characters.` }),
  MaxLength(200, { message: "Passwords are at most 200 characters." }),
];

@InputType()
export class CreateUserInput {
  @Field(() => String)
  @IsEmail({}, { message: "Enter an email address." })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @IsNotEmpty({ message: "Name cannot be empty." })
  @MaxLength(120, { message: "Names are at most 120 characters." })
  name: string;

  @Field(() => Role)
  role: Role;

  @Field(() => String)
  @apply(passwordRules)
  password: string;
}

@InputType({ description: "Changes to a user; omitted fields stay as they are." })
export class UpdateUserInput {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsNotEmpty({ message: "Name cannot be empty." })
  @MaxLength(120, { message: "Names are at most 120 characters." })
  name?: string | null;

  @Field(() => Role, { nullable: true })
  role?: Role | null;

  @Field(() => String, { nullable: true, description: "Sets a new password and ends the user's sessions." })
  @IsOptional()
  @apply(passwordRules)
  password?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Disabling ends the user's sessions and stops their tokens." })
  disabled?: boolean | null;
}
