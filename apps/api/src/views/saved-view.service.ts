import { Role, type Prisma, type PrismaClient } from "@engagement-tracker/db";
import { forbidden, mayAct, type Viewer } from "../auth/viewer.ts";
import { OrderDirection } from "../common/connection.ts";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { EngagementOrderField, type EngagementOrder } from "../engagements/engagement.inputs.ts";
import { Health } from "../engagements/health.ts";
import type { PinViewInput, SaveViewInput } from "./saved-view.inputs.ts";
import { SavedView } from "./saved-view.type.ts";
import { fromStoredFilter, requireAcceptedFilter, toStored } from "./stored-filter.ts";

/**
 * Defaults every user has. "Mine" is what the reader owns or co-owns, soonest first. "Needs
 * attention" is the overview's at-risk and overdue lists as one list, soonest first.
 */
const BUILT_IN_VIEWS: SavedView[] = [
  fromRow(SavedView, {
    id: "mine",
    userId: null,
    name: "Mine",
    shared: true,
    builtIn: true,
    mine: false,
    pinned: true,
    filter: { mine: true, includeArchived: false },
    orderBy: { field: EngagementOrderField.START_DATE, direction: OrderDirection.ASC },
    updatedAt: null,
  }),
  fromRow(SavedView, {
    id: "needs-attention",
    userId: null,
    name: "Needs attention",
    shared: true,
    builtIn: true,
    mine: false,
    pinned: true,
    filter: { health: [Health.AT_RISK, Health.OVERDUE], includeArchived: false },
    orderBy: { field: EngagementOrderField.START_DATE, direction: OrderDirection.ASC },
    updatedAt: null,
  }),
];

const withPinOf = (viewer: Viewer) => ({ pins: { where: { userId: viewer.id }, select: { userId: true } } }) as const;
type Row = Prisma.SavedViewGetPayload<{ include: ReturnType<typeof withPinOf> }>;

function toSavedView(row: Row, viewer: Viewer): SavedView {
  return fromRow(SavedView, {
    id: row.id,
    userId: row.userId,
    name: row.name,
    shared: row.shared,
    builtIn: false,
    mine: row.userId === viewer.id,
    pinned: row.pins.length > 0,
    filter: fromStoredFilter(row.filter),
    orderBy: row.orderBy as EngagementOrder | null,
    updatedAt: row.updatedAt,
  });
}

/** What a viewer may see: their own views and those shared. */
const visibleTo = (viewer: Viewer): Prisma.SavedViewWhereInput => ({ OR: [{ userId: viewer.id }, { shared: true }] });

/** The built-in views, then yours and the shared ones by name. */
export async function listSavedViews(prisma: PrismaClient, viewer: Viewer): Promise<SavedView[]> {
  const rows = await prisma.savedView.findMany({
    where: visibleTo(viewer),
    include: withPinOf(viewer),
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return [...BUILT_IN_VIEWS, ...rows.map((row) => toSavedView(row, viewer))];
}

/** A view the viewer may read (their own or a shared one), as its row; null when there is none. */
export async function findVisibleView(prisma: PrismaClient, viewer: Viewer, id: string) {
  const rowId = rowIdOf("SavedView", id);
  return rowId ? prisma.savedView.findFirst({ where: { AND: [{ id: rowId }, visibleTo(viewer)] } }) : null;
}

async function requireOwnView(
  prisma: Pick<PrismaClient, "savedView">,
  viewer: Viewer,
  id: string,
  { orAdmin = false } = {},
) {
  const rowId = rowIdOf("SavedView", id);
  const row = rowId && (await prisma.savedView.findUnique({ where: { id: rowId } }));
  const allowed = row && (row.userId === viewer.id || (orAdmin && viewer.role === Role.ADMIN && row.shared));
  if (!allowed) refuse(UserErrorCode.NOT_FOUND, "You have no saved view with that ID.", ["id"]);
  return row;
}

export async function saveView(prisma: PrismaClient, viewer: Viewer, input: SaveViewInput): Promise<SavedView> {
  // Sharing is an editor's act: refused as authorization, not as input.
  if (input.shared && !mayAct(viewer, Role.EDITOR)) throw forbidden(Role.EDITOR);
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
  const name = input.name?.trim();
  if (name === "" || (name === undefined && !input.id)) {
    refuse(UserErrorCode.VALIDATION, "Name the view.", ["name"]);
  }
  requireAcceptedFilter(input.filter);
  const data = {
    name,
    shared: input.shared ?? undefined,
    filter: input.filter ? toStored(input.filter) : undefined,
    orderBy: input.orderBy ? toStored(input.orderBy) : undefined,
  };
  return prisma.$transaction(async (tx) => {
    const id = input.id
      ? (await requireOwnView(tx, viewer, input.id)).id
      : (await tx.savedView.create({ data: { ...data, name: name!, userId: viewer.id }, select: { id: true } })).id;
    if (input.id) await tx.savedView.update({ where: { id }, data });
    if (input.pinned != null) await setPinned(tx, viewer, id, input.pinned);
    const row = await tx.savedView.findUniqueOrThrow({ where: { id }, include: withPinOf(viewer) });
    return toSavedView(row, viewer);
  });
}

async function setPinned(tx: Prisma.TransactionClient, viewer: Viewer, viewId: string, pinned: boolean) {
  const key = { userId: viewer.id, viewId };
  if (pinned) await tx.savedViewPin.upsert({ where: { userId_viewId: key }, create: key, update: {} });
  else await tx.savedViewPin.deleteMany({ where: key });
}

/** Puts one of your views, or a shared one, in your navigation or takes it out. */
export async function pinView(prisma: PrismaClient, viewer: Viewer, input: PinViewInput): Promise<SavedView> {
  const view = await findVisibleView(prisma, viewer, input.id);
  if (!view) refuse(UserErrorCode.NOT_FOUND, "There is no saved view with that ID.", ["id"]);
  await setPinned(prisma, viewer, view.id, input.pinned);
  const row = await prisma.savedView.findUniqueOrThrow({ where: { id: view.id }, include: withPinOf(viewer) });
  return toSavedView(row, viewer);
}

/** Deletes one of your views (an admin may delete a shared one); pins and feeds of it go with it. */
export async function deleteView(prisma: PrismaClient, viewer: Viewer, id: string): Promise<string> {
  const row = await requireOwnView(prisma, viewer, id, { orAdmin: true });
  await prisma.savedView.delete({ where: { id: row.id } });
  return id;
}
