import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { Role } from "../common/enums.ts";
import { toPayload } from "../common/payload.ts";
import type { Context } from "../context.ts";
import { CurrentViewer } from "../auth/current-viewer.ts";
import type { Viewer } from "../auth/viewer.ts";
import { CreateUserInput, UpdateUserInput } from "./user.inputs.ts";
import { DateTimeScalar } from "../common/scalars.ts";
import { createUser, listActiveUsers, listUsers, mayReadAccount, updateUser } from "./user.service.ts";
import { User, UserPayload } from "./user.type.ts";

const ACCOUNT_FIELD = "Shown to the user themself and to admins; null for anyone else, who sees only names.";

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => String, { nullable: true, description: ACCOUNT_FIELD })
  email(@Root() user: User, @Ctx() { viewer }: Context): string | null {
    return mayReadAccount(viewer, user) ? user.email : null;
  }

  @FieldResolver(() => Role, { nullable: true, description: ACCOUNT_FIELD })
  role(@Root() user: User, @Ctx() { viewer }: Context): Role | null {
    return mayReadAccount(viewer, user) ? user.role : null;
  }

  @FieldResolver(() => DateTimeScalar, {
    nullable: true,
    description: `Set when an admin disabled the account. ${ACCOUNT_FIELD}`,
  })
  disabledAt(@Root() user: User, @Ctx() { viewer }: Context): Date | null {
    return mayReadAccount(viewer, user) ? user.disabledAt : null;
  }

  @Authorized(Role.ADMIN)
  @Query(() => [User], { description: "Every user, by name." })
  users(@Ctx() { prisma }: Context): Promise<User[]> {
    return listUsers(prisma);
  }

  @Authorized()
  @Query(() => [User], {
    description:
      "Active users by name (names only, as on an audit trail): whom an engagement or milestone may be given to.",
  })
  assignableUsers(@Ctx() { prisma }: Context): Promise<User[]> {
    return listActiveUsers(prisma);
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
    description:
      "Renames, changes the role of, resets the password of, or disables a user. Refused (VALIDATION) when it " +
      "would disable or demote the admin's own account or the last active admin.",
  })
  updateUser(
    @Ctx() { prisma, viewerCache }: Context,
    @CurrentViewer() viewer: Viewer,
    @Arg("input", () => UpdateUserInput) input: UpdateUserInput,
  ): Promise<UserPayload> {
    return toPayload(UserPayload, async () => {
      const user = await updateUser(prisma, input, viewer.id);
      viewerCache.forgetAll();
      return { user };
    });
  }
}
