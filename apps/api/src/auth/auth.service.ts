import type { ApiToken as ApiTokenRow, PrismaClient } from "@engagement-tracker/db";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { publicUserFields } from "../users/user.type.ts";
import { User } from "../users/user.type.ts";
import { ApiToken, type CreateApiTokenInput, type SignInInput } from "./auth.types.ts";
import { passwordMatches } from "./password.ts";
import type { SignInThrottle } from "./sign-in-throttle.ts";
import { TOKEN_PREFIX, hashToken, issueToken } from "./tokens.ts";
import type { Viewer } from "./viewer.ts";

const DAY_MS = 86_400_000;
/** How long a dashboard sign-in lasts. */
export const SESSION_HOURS = 12;
/** Personal tokens record when they were last used, at most this often, to keep reads cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

async function requireValid(input: object): Promise<void> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
}

export async function signIn(
  prisma: PrismaClient,
  input: SignInInput,
  { throttle, address }: { throttle: SignInThrottle; address: string },
) {
  await requireValid(input);
  const email = input.email.toLowerCase();
  throttle.admit(address, email);
  const account = await prisma.user.findUnique({ where: { email } });
  const matches = await passwordMatches(account?.passwordHash ?? null, input.password);
  // One answer for every failure, so sign-in cannot be used to find out which emails exist.
  if (!account || !matches || account.disabledAt) {
    throttle.failed(email);
    refuse(UserErrorCode.VALIDATION, "That email and password do not match an active account.", ["password"]);
  }
  throttle.succeeded(email);
  const { token, hash } = issueToken("session");
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await prisma.session.create({ data: { tokenHash: hash, userId: account.id, expiresAt } });
  const { id, name, role, disabledAt } = account;
  const user = Object.assign(fromRow(User, { id, name, email: account.email, role, disabledAt }), {
    provenBySignIn: true,
  });
  return { user, token, expiresAt };
}

export async function signOut(prisma: PrismaClient, sessionToken: string): Promise<void> {
  await prisma.session.deleteMany({ where: { tokenHash: hashToken(sessionToken) } });
}

/** The user a bearer token or session cookie stands for, or null when it is unknown, expired, revoked or disabled. */
export async function viewerForToken(prisma: PrismaClient, token: string): Promise<Viewer | null> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const user = { select: { id: true, role: true, disabledAt: true } } as const;
  if (token.startsWith(TOKEN_PREFIX.session)) {
    const session = await prisma.session.findUnique({ where: { tokenHash }, select: { expiresAt: true, user } });
    if (!session || session.expiresAt <= now || session.user.disabledAt) return null;
    return { id: session.user.id, role: session.user.role };
  }
  if (token.startsWith(TOKEN_PREFIX.personal)) {
    const apiToken = await prisma.apiToken.findUnique({
      where: { tokenHash },
      select: { id: true, expiresAt: true, revokedAt: true, lastUsedAt: true, user },
    });
    if (!apiToken || apiToken.revokedAt || apiToken.expiresAt <= now || apiToken.user.disabledAt) return null;
    if (!apiToken.lastUsedAt || now.getTime() - apiToken.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await prisma.apiToken.update({ where: { id: apiToken.id }, data: { lastUsedAt: now } });
    }
    return { id: apiToken.user.id, role: apiToken.user.role };
  }
  return null;
}

export async function findViewerUser(prisma: PrismaClient, viewer: Viewer): Promise<User | null> {
  const row = await prisma.user.findUnique({ where: { id: viewer.id }, select: publicUserFields });
  return row && fromRow(User, row);
}

const toApiToken = (row: Omit<ApiTokenRow, "tokenHash">): ApiToken => fromRow(ApiToken, row);

/** A viewer's own tokens; an admin's list holds everyone's. */
export async function listApiTokens(prisma: PrismaClient, viewer: Viewer): Promise<ApiToken[]> {
  const rows = await prisma.apiToken.findMany({
    where: viewer.role === "ADMIN" ? {} : { userId: viewer.id },
    omit: { tokenHash: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  return rows.map(toApiToken);
}

export async function createApiToken(prisma: PrismaClient, viewer: Viewer, input: CreateApiTokenInput) {
  await requireValid(input);
  const { token, hash, prefix } = issueToken("personal");
  const row = await prisma.apiToken.create({
    data: {
      name: input.name,
      prefix,
      tokenHash: hash,
      userId: viewer.id,
      expiresAt: new Date(Date.now() + input.expiresInDays * DAY_MS),
    },
    omit: { tokenHash: true },
  });
  return { apiToken: toApiToken(row), token };
}

/** Revokes one of the viewer's tokens (an admin may revoke anyone's). Revoking twice changes nothing. */
export async function revokeApiToken(prisma: PrismaClient, viewer: Viewer, id: string): Promise<ApiToken> {
  const rowId = rowIdOf("ApiToken", id);
  const row = rowId && (await prisma.apiToken.findUnique({ where: { id: rowId }, omit: { tokenHash: true } }));
  if (!row || (row.userId !== viewer.id && viewer.role !== "ADMIN")) {
    refuse(UserErrorCode.NOT_FOUND, "You have no API token with that ID.", ["id"]);
  }
  if (row.revokedAt) return toApiToken(row);
  const revoked = await prisma.apiToken.update({
    where: { id: row.id },
    data: { revokedAt: new Date() },
    omit: { tokenHash: true },
  });
  return toApiToken(revoked);
}
