import { describe, expect, it } from "vitest";
import { addDays, daysBetween, Formatter, formatterFor, localeFromAcceptLanguage, validTimeZone } from "./format";

/** ICU puts thin and narrow no-break spaces in ranges and times; compare as plain spaces. */
const plain = (text: string) => text.replace(/[\u2009\u202f]/g, " ");

describe("dates for the reader", () => {
  it("shows calendar dates as the days they name, whatever the reader's time zone", () => {
    const format = new Formatter("en-US", "Pacific/Honolulu");
    expect(format.day("2027-01-05")).toBe("Jan 5, 2027");
    expect(plain(format.dayRange("2027-01-05", "2027-01-12"))).toBe("Jan 5 – 12, 2027");
    expect(format.dayRange("2026-12-08", "2026-12-08")).toBe("Dec 8, 2026");
  });

  it("shares one formatter per locale and reported zone, an unknown zone read as UTC", () => {
    expect(formatterFor("en-US", "Asia/Shanghai")).toBe(formatterFor("en-US", "Asia/Shanghai"));
    expect(formatterFor("en-GB", "Asia/Shanghai")).not.toBe(formatterFor("en-US", "Asia/Shanghai"));
    expect(formatterFor("en-US", "Mars/Olympus").timeZone).toBe("UTC");
    const format = formatterFor("en-US", undefined);
    expect(plain(format.dayRange("2027-01-05", "2027-01-12"))).toBe("Jan 5 – 12, 2027");
    expect(plain(format.dayRange("2027-01-05", "2027-01-12"))).toBe("Jan 5 – 12, 2027");
    expect(format.today(new Date("2026-11-30T23:30:00Z"))).toBe("2026-11-30");
    expect(formatterFor("en-US", "Asia/Shanghai").today(new Date("2026-11-30T23:30:00Z"))).toBe("2026-12-01");
  });

  it("follows the reader's locale", () => {
    expect(new Formatter("de-DE").day("2027-01-05")).toBe("05.01.2027");
    expect(new Formatter("en-GB").day("2027-01-05")).toBe("5 Jan 2027");
  });

  it("shows instants in the reader's zone, saying UTC until it is known", () => {
    expect(plain(new Formatter("en-US").instant("2026-11-27T15:05:00Z"))).toBe("Nov 27, 2026, 3:05 PM UTC");
    expect(plain(new Formatter("en-US", "Asia/Shanghai").instant("2026-11-27T15:05:00Z"))).toBe(
      "Nov 27, 2026, 11:05 PM",
    );
  });

  it("says how long ago in words", () => {
    const now = new Date("2026-11-29T12:00:00Z");
    const format = new Formatter("en-US");
    expect(format.relative("2026-11-29T09:00:00Z", now)).toBe("3 hours ago");
    expect(format.relative("2026-11-28T11:00:00Z", now)).toBe("yesterday");
    expect(format.relative("2026-11-29T12:00:20Z", now)).toBe("this minute");
  });

  it("names countries in the reader's language", () => {
    expect(new Formatter("en-US").country("CN")).toBe("China");
    expect(new Formatter("fr-FR").country("US")).toBe("États-Unis");
    expect(new Formatter("en-US").country("??")).toBe("??");
  });

  it("picks the first supported language of Accept-Language, by preference", () => {
    expect(localeFromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8")).toBe("fr-CH");
    expect(localeFromAcceptLanguage("en;q=0.5, de-DE;q=0.9")).toBe("de-DE");
    expect(localeFromAcceptLanguage("*, not a tag!")).toBe("en-US");
    expect(localeFromAcceptLanguage(null)).toBe("en-US");
  });

  it("accepts only real time zones", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("Mars/Olympus")).toBeUndefined();
    expect(validTimeZone(undefined)).toBeUndefined();
  });

  it("counts calendar days", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(daysBetween("2026-11-29", "2027-01-05")).toBe(37);
  });
});
