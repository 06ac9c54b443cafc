import type { PrismaClient } from "@engagement-tracker/db";
import { randomBytes } from "node:crypto";
import { hashPassword } from "./password.ts";

/** The seeded users, one per role, that a newcomer signs in as. */
export const DEMO_EMAILS = [
  "viewer@engagement-tracker.local",
  "editor@engagement-tracker.local",
  "admin@engagement-tracker.local",
] as const;

/**
 * Lets the seeded demo users sign in. With `password` every demo user gets it;
 * without, each one that has no password yet gets a random one. Returns one line per
 * user given a password, to print once: passwords are never stored in clear or logged again.
 */
export async function enableDemoSignIns(prisma: PrismaClient, password?: string): Promise<string[]> {
  const users = await prisma.user.findMany({
    where: { email: { in: [...DEMO_EMAILS] }, ...(password ? {} : { passwordHash: null }) },
    orderBy: { email: "asc" },
  });
  const lines: string[] = [];
  for (const user of users) {
    const chosen = password ?? randomBytes(12).toString("base64url");
    await prisma.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(chosen) } });
    lines.push(`  ${user.role.padEnd(6)} ${user.email}  password: ${password ? "(DEMO_PASSWORD)" : chosen}`);
  }
  return lines;
}
