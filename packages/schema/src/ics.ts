// The one iCalendar writer: the dashboard's one-off export and the API's subscription feeds both write with it.
import type { EngagementStatus } from "./generated/graphql.ts";

/** One all-day event of an iCalendar (RFC 5545) feed. */
export interface CalendarEvent {
  uid: string;
  title: string;
  /** Calendar dates, `YYYY-MM-DD`; `lastDay` is inclusive. */
  firstDay: string;
  lastDay: string;
  location: string;
  description: string;
  /** Where to read more; left out when the writer does not know the dashboard's address. */
  url?: string;
  status: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  categories: string;
  /** Revision number: calendar programs replace an event whose sequence grew. */
  sequence: number;
  lastModified: string;
}

/** Calendar programs know three states; the lifecycle's map onto them. */
export const EVENT_STATUS: Record<EngagementStatus, CalendarEvent["status"]> = {
  PROPOSED: "TENTATIVE",
  PLANNED: "TENTATIVE",
  POSTPONED: "TENTATIVE",
  CONFIRMED: "CONFIRMED",
  IN_PROGRESS: "CONFIRMED",
  COMPLETED: "CONFIRMED",
  CANCELLED: "CANCELLED",
};

/** `now` is the calendar's DTSTAMP; a feed passes its last change, so an unchanged feed is byte-identical. */
export function toICalendar(name: string, events: readonly CalendarEvent[], now = new Date()): string {
  const stamp = instant(now.toISOString());
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Engagement Tracker//Calendar//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => [
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${day(event.firstDay)}`,
      // DTEND of an all-day event is exclusive: the day after the last day.
      `DTEND;VALUE=DATE:${day(addDays(event.lastDay, 1))}`,
      `SUMMARY:${escapeText(event.title)}`,
      `LOCATION:${escapeText(event.location)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      ...(event.url ? [`URL:${event.url}`] : []),
      `STATUS:${event.status}`,
      `CATEGORIES:${escapeText(event.categories)}`,
      `SEQUENCE:${event.sequence}`,
      `LAST-MODIFIED:${instant(event.lastModified)}`,
      "END:VEVENT",
    ]),
    "END:VCALENDAR",
  ];
  return lines.map(fold).join("\r\n") + "\r\n";
}

function escapeText(text: string): string {
  return text
    .replaceAll("\\", "\\\\")
    .replaceAll(";", "\\;")
    .replaceAll(",", "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** The calendar date `days` after an ISO date (`YYYY-MM-DD`). */
function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function day(isoDate: string): string {
  return isoDate.replaceAll("-", "");
}

/** `20261129T072233Z` */
function instant(isoDateTime: string): string {
  return new Date(isoDateTime)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** UTF-8 octets of one character (a code point). */
function octetsOf(character: string): number {
  const codePoint = character.codePointAt(0)!;
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  // Printable ASCII (most lines): one octet a character, so the line is cut by length.
  if (/^[\t -~]*$/.test(line)) {
    const parts = [line.slice(0, 75)];
    for (let start = 75; start < line.length; start += 74) parts.push(" " + line.slice(start, start + 74));
    return parts.join("\r\n");
  }
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = octetsOf(character);
    // Continuation lines start with a space, which counts towards their 75 octets.
    if (octets + size > 75) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}
