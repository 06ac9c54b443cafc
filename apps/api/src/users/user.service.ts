import { Prisma, Role, type PrismaClient } from "@engagement-tracker/db";
import { rowLoader } from "../common/loaders.ts";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { hashPassword } from "../auth/password.ts";
import type { Viewer } from "../auth/viewer.ts";
import type { CreateUserInput, UpdateUserInput } from "./user.inputs.ts";
import { User, publicUserFields, toUser } from "./user.type.ts";

/**
 * Whether `viewer` may read a user's email, role and disabled state: their own record and,
 * for admins, everyone's. Others see only names (as on an audit trail), so the staff list and
 * who holds which role stay with the admins.
 */
export function mayReadAccount(viewer: Viewer | null, user: User): boolean {
  return Boolean(user.provenBySignIn) || viewer?.id === user.rowId || viewer?.role === Role.ADMIN;
}

export function createUserLoaders(prisma: PrismaClient) {
  return {
    userById: rowLoader(
      async (ids) => (await prisma.user.findMany({ where: { id: { in: ids } }, select: publicUserFields })).map(toUser),
      (user) => user.rowId,
    ),
  };
}

export async function listUsers(prisma: PrismaClient): Promise<User[]> {
  const rows = await prisma.user.findMany({ select: publicUserFields, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toUser);
}

/** Active users by name: whom an engagement or milestone may be given to. */
export async function listActiveUsers(prisma: PrismaClient): Promise<User[]> {
  const rows = await prisma.user.findMany({
    where: { disabledAt: null },
    select: publicUserFields,
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(toUser);
}

async function requireValid(input: object): Promise<void> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
}

export async function createUser(prisma: PrismaClient, input: CreateUserInput): Promise<User> {
  await requireValid(input);
  const email = input.email.toLowerCase();
  const emailTaken = () => refuse(UserErrorCode.VALIDATION, "A user with that email already exists.", ["email"]);
  if (await prisma.user.findUnique({ where: { email } })) emailTaken();
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await prisma.user.create({
      data: { email, name: input.name, role: input.role, passwordHash },
      select: publicUserFields,
    });
    return fromRow(User, row);
  } catch (error) {
    // Another request created the same email between the check above and this insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") emailTaken();
    throw error;
  }
}

/**
 * Whether the change demotes or disables the last active admin. The active admins' rows are
 * locked until the transaction ends, so two admins demoting each other at once cannot both succeed.
 */
async function removesLastAdmin(
  tx: Prisma.TransactionClient,
  userId: string,
  input: UpdateUserInput,
): Promise<boolean> {
  if (!lockOutField(input)) return false;
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM "User" WHERE role = 'ADMIN' AND "disabledAt" IS NULL FOR UPDATE`;
  return admins.length === 1 && admins[0]!.id === userId;
}

/** The field an input demoting or disabling a user names, if it does either. */
function lockOutField(input: UpdateUserInput): "disabled" | "role" | null {
  if (input.disabled === true) return "disabled";
  return input.role != null && input.role !== Role.ADMIN ? "role" : null;
}

/**
 * Applies an admin's changes; a new password or disabling ends the user's sessions in the same
 * transaction. An admin may not disable or demote themself: another admin has to, so there is
 * always one who saw it happen and can undo it.
 */
export async function updateUser(prisma: PrismaClient, input: UpdateUserInput, actorId: string): Promise<User> {
  await requireValid(input);
  const rowId = rowIdOf("User", input.id);
  const existing = rowId && (await prisma.user.findUnique({ where: { id: rowId }, select: { id: true } }));
  if (!existing) refuse(UserErrorCode.NOT_FOUND, `No user has the ID "${input.id}".`, ["id"]);
  const lockOut = lockOutField(input);
  if (lockOut && existing.id === actorId) {
    refuse(
      UserErrorCode.VALIDATION,
      lockOut === "disabled"
        ? "You cannot disable your own account; another admin can."
        : "You cannot take away your own admin role; another admin can.",
      [lockOut],
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  const endSessions = Boolean(passwordHash) || input.disabled === true;
  return prisma.$transaction(async (tx) => {
    if (await removesLastAdmin(tx, existing.id, input)) {
      refuse(
        UserErrorCode.VALIDATION,
        "This is the last active admin: make another user an admin first, or nobody could manage users.",
        [lockOut!],
      );
    }
    const row = await tx.user.update({
      where: { id: existing.id },
      data: {
        name: input.name ?? undefined,
        role: input.role ?? undefined,
        passwordHash,
        disabledAt: input.disabled == null ? undefined : input.disabled ? new Date() : null,
      },
      select: publicUserFields,
    });
    if (endSessions) await tx.session.deleteMany({ where: { userId: existing.id } });
    return fromRow(User, row);
  });
}
