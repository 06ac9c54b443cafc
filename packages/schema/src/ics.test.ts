import { describe, expect, it } from "vitest";
import { toICalendar, type CalendarEvent } from "./ics.ts";

const event: CalendarEvent = {
  uid: "RW5nYWdlbWVudDox@engagement-tracker",
  title: "MMCA meeting; Honolulu, December",
  firstDay: "2026-12-15",
  lastDay: "2026-12-17",
  location: "Honolulu, Hawaii, US",
  description: "Status: Confirmed\nAgenda agreed",
  url: "http://localhost:3000/engagements/RW5nYWdlbWVudDox",
  status: "CONFIRMED",
  categories: "Consultation",
  sequence: 3,
  lastModified: "2026-11-19T21:40:00.000Z",
};

const unfold = (ics: string) => ics.replace(/\r\n /g, "");

describe("iCalendar", () => {
  const ics = toICalendar("Engagements", [event], new Date("2026-11-29T08:00:00Z"));

  it("writes an all-day event whose end is the day after its last day", () => {
    expect(ics).toContain("\r\nDTSTART;VALUE=DATE:20261215\r\nDTEND;VALUE=DATE:20261218\r\n");
    expect(ics).toContain("\r\nDTSTAMP:20261129T080000Z\r\n");
    expect(ics).toContain("\r\nLAST-MODIFIED:20261119T214000Z\r\n");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("ends an event on the last day of a year in the next year, and leaves out a link it was not given", () => {
    const { url: _url, ...unlinked } = event;
    const yearEnd = toICalendar("Engagements", [{ ...unlinked, firstDay: "2026-12-31", lastDay: "2026-12-31" }]);
    expect(yearEnd).toContain("\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n");
    expect(yearEnd).not.toContain("URL:");
  });

  it("escapes commas, semicolons and line breaks in text", () => {
    expect(unfold(ics)).toContain("SUMMARY:MMCA meeting\\; Honolulu\\, December\r\n");
    expect(unfold(ics)).toContain("DESCRIPTION:Status: Confirmed\\nAgenda agreed\r\n");
  });

  it("escapes every kind of line break, a lone carriage return included, so none ends a line early", () => {
    const broken = unfold(toICalendar("Engagements", [{ ...event, title: "one\rtwo\r\nthree\nfour" }]));
    expect(broken).toContain("SUMMARY:one\\ntwo\\nthree\\nfour\r\n");
    expect(broken.replaceAll("\r\n", "")).not.toMatch(/[\r\n]/);
  });

  it("folds long ASCII lines at exactly 75 octets, continuing after a space", () => {
    const long = toICalendar("Engagements", [{ ...event, description: "x".repeat(300) }]);
    const folded = long.split("\r\n").filter((line) => line.startsWith("DESCRIPTION:") || line.startsWith(" x"));
    expect(folded.map((line) => line.length)).toEqual([75, 75, 75, 75, 16]);
    expect(unfold(long)).toContain(`DESCRIPTION:${"x".repeat(300)}\r\n`);
  });

  it("folds lines at 75 octets without splitting a character", () => {
    const long = toICalendar("Engagements", [{ ...event, title: "广西壮族自治区".repeat(12) }]);
    const lines = long.split("\r\n");
    expect(lines.every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
    expect(unfold(long)).toContain(`SUMMARY:${"广西壮族自治区".repeat(12)}\r\n`);
  });
});
