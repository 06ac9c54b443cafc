// What alert e-mails say, in plain text and HTML, and when quiet hours let them go.
import { globalIdOf } from "../common/node.ts";
import { describeIssue, isoDay, type HealthIssueFacts } from "../engagements/health.ts";
import type { MailMessage } from "../mail/mailer.ts";
import { AlertKind } from "./alert-rules.ts";
import type { Preferences } from "./alert.service.ts";

export interface AlertMailFacts {
  kind: AlertKind;
  engagement: { id: string; title: string; status: string; endsOn: Date };
  milestone: { title: string; dueOn: Date } | null;
  /** Why it is at risk or overdue, as health reports it. */
  issues: HealthIssueFacts[];
}

const HEADLINES: Record<AlertKind, string> = {
  AT_RISK: "at risk",
  OVERDUE: "overdue",
  MILESTONE_DUE_SOON: "milestone due soon",
  MILESTONE_OVERDUE: "milestone overdue",
  POSTPONED: "postponed",
  CANCELLED: "cancelled",
};

/** The alert as one sentence. */
export function describeAlert({ kind, engagement, milestone, issues }: AlertMailFacts): string {
  const reasons = issues.map(describeIssue).join(" ");
  switch (kind) {
    case AlertKind.AT_RISK:
      return `"${engagement.title}" is at risk. ${reasons}`.trim();
    case AlertKind.OVERDUE:
      return `"${engagement.title}" is overdue. ${reasons}`.trim();
    case AlertKind.MILESTONE_DUE_SOON:
      return `Milestone "${milestone?.title}" of "${engagement.title}" is due ${milestone && isoDay(milestone.dueOn)}.`;
    case AlertKind.MILESTONE_OVERDUE:
      return `Milestone "${milestone?.title}" of "${engagement.title}" was due ${milestone && isoDay(milestone.dueOn)} and is not complete.`;
    case AlertKind.POSTPONED:
      return `"${engagement.title}" was postponed.`;
    case AlertKind.CANCELLED:
      return `"${engagement.title}" was cancelled.`;
  }
}

export const engagementLink = (dashboardUrl: string, engagementId: string) =>
  `${dashboardUrl.replace(/\/+$/, "")}/engagements/${encodeURIComponent(globalIdOf("Engagement", engagementId))}`;

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const settingsFooter = (dashboardUrl: string) => {
  const settings = `${dashboardUrl.replace(/\/+$/, "")}/settings/alerts`;
  return {
    text: `Choose which alerts you get, and when: ${settings}`,
    html: `<p style="color:#555;font-size:12px">Choose which alerts you get, and when: <a href="${escapeHtml(settings)}">alert settings</a>.</p>`,
  };
};

/** One alert, as it happens. */
export function alertMail(facts: AlertMailFacts, dashboardUrl: string): Omit<MailMessage, "to"> {
  const sentence = describeAlert(facts);
  const link = engagementLink(dashboardUrl, facts.engagement.id);
  const footer = settingsFooter(dashboardUrl);
  return {
    subject: `${facts.engagement.title}: ${HEADLINES[facts.kind]}`,
    text: `${sentence}\n\nOpen it: ${link}\n\n${footer.text}\n`,
    html: `<p>${escapeHtml(sentence)}</p><p><a href="${escapeHtml(link)}">Open ${escapeHtml(facts.engagement.title)}</a></p>${footer.html}`,
  };
}

export interface DigestItem {
  /** OVERDUE, AT_RISK or MILESTONE_DUE_SOON: the digest's three sections. */
  section: "OVERDUE" | "AT_RISK" | "DUE_SOON";
  engagementId: string;
  title: string;
  /** What needs attention, as a sentence. */
  detail: string;
}

const SECTIONS: { section: DigestItem["section"]; heading: string }[] = [
  { section: "OVERDUE", heading: "Overdue" },
  { section: "AT_RISK", heading: "At risk" },
  { section: "DUE_SOON", heading: "Milestones due soon" },
];

/** "Needs attention today": the user's overdue, at-risk and due-soon items, by section. */
export function digestMail(items: readonly DigestItem[], today: Date, dashboardUrl: string): Omit<MailMessage, "to"> {
  const text: string[] = [`Needs attention today (${isoDay(today)}):`];
  const html: string[] = [`<h1 style="font-size:18px">Needs attention today (${isoDay(today)})</h1>`];
  for (const { section, heading } of SECTIONS) {
    const inSection = items.filter((item) => item.section === section);
    if (!inSection.length) continue;
    text.push("", `${heading} (${inSection.length})`);
    html.push(`<h2 style="font-size:16px">${heading} (${inSection.length})</h2><ul>`);
    for (const item of inSection) {
      const link = engagementLink(dashboardUrl, item.engagementId);
      text.push(`- ${item.title}: ${item.detail}`, `  ${link}`);
      html.push(`<li><a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a>: ${escapeHtml(item.detail)}</li>`);
    }
    html.push("</ul>");
  }
  const footer = settingsFooter(dashboardUrl);
  return {
    subject: `Needs attention today: ${items.length} item${items.length === 1 ? "" : "s"}`,
    text: `${text.join("\n")}\n\n${footer.text}\n`,
    html: `${html.join("")}${footer.html}`,
  };
}

/** Minutes after midnight of `now` in `timeZone`. */
function minuteOfDay(now: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
    .formatToParts(now)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return Number(parts.hour) * 60 + Number(parts.minute);
}

/**
 * When the user's quiet hours end, if `now` is inside them (null otherwise): immediate alerts wait
 * until then. Quiet hours may wrap past midnight (22:00–07:00).
 */
export function quietHoursEnd(preferences: Preferences, now: Date): Date | null {
  const { quietFrom: from, quietUntil: until, timeZone } = preferences;
  if (from == null || until == null || from === until) return null;
  const minute = minuteOfDay(now, timeZone);
  const inside = from < until ? minute >= from && minute < until : minute >= from || minute < until;
  if (!inside) return null;
  const startOfMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  return new Date(startOfMinute + ((until - minute + 1440) % 1440) * 60_000);
}
