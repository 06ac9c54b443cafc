import type { PrismaClient } from "@engagement-tracker/db";
import { fromRow } from "../common/node.ts";
import { rowLoader } from "../common/loaders.ts";
import { User } from "./user.type.ts";

const publicFields = { id: true, name: true, role: true } as const;

export function createUserLoaders(prisma: PrismaClient) {
  return {
    userById: rowLoader(
      async (ids) =>
        (await prisma.user.findMany({ where: { id: { in: ids } }, select: publicFields })).map((row) =>
          fromRow(User, row),
        ),
      (user) => user.rowId,
    ),
  };
}
