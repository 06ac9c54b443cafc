// The daily digest's content: what of the user's needs attention today.
import type { PrismaClient } from "@engagement-tracker/db";
import { Health, addDays, assessHealth, describeIssue, isoDay } from "../engagements/health.ts";
import { TERMINAL_STATUSES } from "../engagements/lifecycle.ts";
import type { DigestItem } from "./alert-mail.ts";
import { AlertKind } from "./alert-rules.ts";
import type { Preferences } from "./alert.service.ts";

/**
 * The user's items (engagements they own, co-own or watch; open and not archived) that are
 * overdue, at risk, or have a milestone due within their due-soon window, among the kinds of alert
 * they chose; ordered by section, then by title.
 */
export async function digestItems(
  prisma: PrismaClient,
  userId: string,
  today: Date,
  preferences: Preferences,
): Promise<DigestItem[]> {
  const engagements = await prisma.engagement.findMany({
    where: {
      archivedAt: null,
      status: { notIn: [...TERMINAL_STATUSES] },
      OR: [{ ownerId: userId }, { coOwners: { some: { userId } } }, { watches: { some: { userId, watching: true } } }],
    },
    select: {
      id: true,
      title: true,
      status: true,
      startsOn: true,
      endsOn: true,
      milestones: { where: { removedAt: null }, select: { title: true, dueOn: true, completedAt: true } },
    },
    orderBy: [{ title: "asc" }, { id: "asc" }],
  });
  const wants = (kind: AlertKind) => preferences.kinds.includes(kind);
  const items: DigestItem[] = [];
  for (const engagement of engagements) {
    const { health, issues } = assessHealth(engagement, today);
    const item = (section: DigestItem["section"], detail: string) =>
      items.push({ section, engagementId: engagement.id, title: engagement.title, detail });
    if (health === Health.OVERDUE && wants(AlertKind.OVERDUE)) item("OVERDUE", issues.map(describeIssue).join(" "));
    if (health === Health.AT_RISK && wants(AlertKind.AT_RISK)) item("AT_RISK", issues.map(describeIssue).join(" "));
    if (!wants(AlertKind.MILESTONE_DUE_SOON)) continue;
    const horizon = addDays(today, preferences.dueSoonDays);
    for (const milestone of engagement.milestones) {
      if (milestone.completedAt || milestone.dueOn < today || milestone.dueOn > horizon) continue;
      item("DUE_SOON", `Milestone "${milestone.title}" is due ${isoDay(milestone.dueOn)}.`);
    }
  }
  const order = ["OVERDUE", "AT_RISK", "DUE_SOON"];
  return items.sort((a, b) => order.indexOf(a.section) - order.indexOf(b.section));
}
