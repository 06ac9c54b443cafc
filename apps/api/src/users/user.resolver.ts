import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../common/enums.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { CreateUserInput, UpdateUserInput } from "./user.inputs.ts";
import { createUser, listUsers, updateUser } from "./user.service.ts";
import { User, UserPayload } from "./user.type.ts";

@Resolver(() => User)
export class UserResolver {
  @Authorized(Role.ADMIN)
  @Query(() => [User], { description: "Every user, by name." })
  users(@Ctx() { prisma }: Context): Promise<User[]> {
    return listUsers(prisma);
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserPayload)
  createUser(
    @Ctx() { prisma }: Context,
    @Arg("input", () => CreateUserInput) input: CreateUserInput,
  ): Promise<UserPayload> {
    return toPayload(UserPayload, async () => ({ user: await createUser(prisma, input) }));
  }

  @Authorized(Role.ADMIN)
  @Mutation(() => UserPayload, {
    description: "Renames, changes the role of, resets the password of, or disables a user.",
  })
  updateUser(
    @Ctx() { prisma, viewerCache }: Context,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<UserPayload> {
    return toPayload(UserPayload, async () => {
      const user = await updateUser(prisma, input);
      viewerCache.forgetAll();
      return { user };
    });
  }
}
