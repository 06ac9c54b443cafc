import { addDays } from "./format";

/** One all-day event of an iCalendar (RFC 5545) feed. */
export interface CalendarEvent {
  uid: string;
  title: string;
  /** Calendar dates, `YYYY-MM-DD`; `lastDay` is inclusive. */
  firstDay: string;
  lastDay: string;
  location: string;
  description: string;
  url: string;
  status: "TENTATIVE" | "CONFIRMED" | "CANCELLED";
  categories: string;
  /** Revision number: calendar programs replace an event whose sequence grew. */
  sequence: number;
  lastModified: string;
}

export function toICalendar(name: string, events: readonly CalendarEvent[], now = new Date()): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Engagement Tracker//Dashboard//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
    ...events.flatMap((event) => [
      "BEGIN:VEVENT",
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${instant(now.toISOString())}`,
      `DTSTART;VALUE=DATE:${day(event.firstDay)}`,
      // DTEND of an all-day event is exclusive: the day after the last day.
      `DTEND;VALUE=DATE:${day(addDays(event.lastDay, 1))}`,
      `SUMMARY:${escapeText(event.title)}`,
      `LOCATION:${escapeText(event.location)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `URL:${event.url}`,
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

const encoder = new TextEncoder();

/** Lines longer than 75 octets continue on the next line after a space, never inside a character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const character of line) {
    const size = encoder.encode(character).length;
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
