const DAY_MS = 86_400_000;

/**
 * Formats the API's dates for one reader: calendar dates (the `Date` scalar) as the calendar
 * days they are, instants (`DateTime`) in the reader's time zone, both in the reader's locale.
 */
export class Formatter {
  readonly locale: string;
  /** The reader's IANA time zone; UTC (and said so) until the browser has told us. */
  readonly timeZone: string;
  private readonly dayFormat: Intl.DateTimeFormat;
  private readonly shortDayFormat: Intl.DateTimeFormat;
  private readonly monthFormat: Intl.DateTimeFormat;
  private readonly longMonthFormat: Intl.DateTimeFormat;
  private readonly fullDayFormat: Intl.DateTimeFormat;
  private readonly dayOfMonthFormat: Intl.DateTimeFormat;
  private readonly weekdayFormats: Record<"short" | "long", Intl.DateTimeFormat>;
  private readonly instantFormat: Intl.DateTimeFormat;
  private readonly relativeFormat: Intl.RelativeTimeFormat;
  private readonly isoDayFormat: Intl.DateTimeFormat;
  private readonly regionNames: Intl.DisplayNames;
  /** Day ranges already formatted: `formatRange` costs ten times `format`, and pages repeat them. */
  private readonly dayRanges = new Map<string, string>();

  constructor(locale: string, timeZone = "UTC") {
    this.locale = locale;
    this.timeZone = timeZone;
    // Calendar dates are midnight UTC on the wire; formatting them in UTC keeps the day they name.
    this.dayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    this.shortDayFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
    this.monthFormat = new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" });
    this.longMonthFormat = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
    this.fullDayFormat = new Intl.DateTimeFormat(locale, { dateStyle: "full", timeZone: "UTC" });
    this.dayOfMonthFormat = new Intl.DateTimeFormat(locale, { day: "numeric", timeZone: "UTC" });
    this.weekdayFormats = {
      short: new Intl.DateTimeFormat(locale, { weekday: "short", timeZone: "UTC" }),
      long: new Intl.DateTimeFormat(locale, { weekday: "long", timeZone: "UTC" }),
    };
    this.instantFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: "medium",
      timeStyle: "short",
      timeZone,
    });
    this.relativeFormat = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
    // Swedish writes dates as ISO 8601 does.
    this.isoDayFormat = new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short" });
    this.regionNames = new Intl.DisplayNames(locale, { type: "region" });
  }

  /** "Dec 15, 2026" */
  day(isoDate: string): string {
    return this.dayFormat.format(calendarDay(isoDate));
  }

  /** "Dec 8" */
  shortDay(isoDate: string): string {
    return this.shortDayFormat.format(calendarDay(isoDate));
  }

  /** "Dec 15 – 17, 2026", or one day when the window is a single day. */
  dayRange(startsOn: string, endsOn: string): string {
    if (startsOn === endsOn) return this.day(startsOn);
    const key = `${startsOn} ${endsOn}`;
    let text = this.dayRanges.get(key);
    if (text === undefined) {
      text = this.dayFormat.formatRange(calendarDay(startsOn), calendarDay(endsOn));
      if (this.dayRanges.size >= MAX_REMEMBERED) this.dayRanges.clear();
      this.dayRanges.set(key, text);
    }
    return text;
  }

  /** "Dec 2026" for the month a `YYYY-MM-01` day falls in. */
  month(isoDate: string): string {
    return this.monthFormat.format(calendarDay(isoDate));
  }

  /** "January 2024" for the month a day falls in. */
  longMonth(isoDate: string): string {
    return this.longMonthFormat.format(calendarDay(isoDate));
  }

  /** "Monday, January 8, 2024" */
  fullDay(isoDate: string): string {
    return this.fullDayFormat.format(calendarDay(isoDate));
  }

  /** "8", in the locale's digits. */
  dayOfMonth(isoDate: string): string {
    return this.dayOfMonthFormat.format(calendarDay(isoDate));
  }

  /** "Mon" or "Monday". */
  weekday(isoDate: string, width: "short" | "long" = "short"): string {
    return this.weekdayFormats[width].format(calendarDay(isoDate));
  }

  /** Today in the reader's time zone, `YYYY-MM-DD`. */
  today(now: Date = new Date()): string {
    return this.isoDayFormat.format(now);
  }

  /** "Nov 27, 2026, 3:05 PM", with "UTC" added while the reader's zone is unknown. */
  instant(isoDateTime: string): string {
    const text = this.instantFormat.format(new Date(isoDateTime));
    return this.timeZone === "UTC" ? `${text} UTC` : text;
  }

  /** "3 hours ago", "yesterday", "in 2 weeks". */
  relative(isoDateTime: string, now: Date = new Date()): string {
    const seconds = (new Date(isoDateTime).getTime() - now.getTime()) / 1000;
    const units: [Intl.RelativeTimeFormatUnit, number][] = [
      ["year", 365 * 86_400],
      ["month", 30 * 86_400],
      ["week", 7 * 86_400],
      ["day", 86_400],
      ["hour", 3_600],
      ["minute", 60],
    ];
    for (const [unit, size] of units) {
      if (Math.abs(seconds) >= size) return this.relativeFormat.format(Math.round(seconds / size), unit);
    }
    return this.relativeFormat.format(0, "minute");
  }

  /** "China" for "CN"; the code itself when the locale has no name for it. */
  country(code: string): string {
    try {
      return this.regionNames.of(code.toUpperCase()) ?? code;
    } catch {
      return code;
    }
  }
}

const MAX_REMEMBERED = 10_000;

const formatters = new Map<string, Formatter>();
const MAX_FORMATTERS = 100;

/**
 * The formatter for a locale and a time zone as the browser reported it (checked first), shared by
 * every request with the same pair: building one costs more than formatting a whole page's dates.
 */
export function formatterFor(locale: string, reportedTimeZone: string | undefined): Formatter {
  const key = `${locale} ${reportedTimeZone ?? ""}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    if (formatters.size >= MAX_FORMATTERS) formatters.delete(formatters.keys().next().value!);
    formatter = new Formatter(locale, validTimeZone(reportedTimeZone));
    formatters.set(key, formatter);
  }
  return formatter;
}

function calendarDay(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

/** The calendar day `days` after an ISO date, as an ISO date. */
export function addDays(isoDate: string, days: number): string {
  return new Date(calendarDay(isoDate).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another. */
export function daysBetween(fromIsoDate: string, toIsoDate: string): number {
  return Math.round((calendarDay(toIsoDate).getTime() - calendarDay(fromIsoDate).getTime()) / DAY_MS);
}

/** The first supported locale of an Accept-Language header, by preference. */
export function localeFromAcceptLanguage(header: string | null, fallback = "en-US"): string {
  const candidates = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...parameters] = part.trim().split(";");
      const quality = parameters.find((parameter) => parameter.trim().startsWith("q="));
      return { tag: tag.trim(), quality: quality ? Number(quality.trim().slice(2)) : 1 };
    })
    .filter(({ tag, quality }) => tag && tag !== "*" && quality > 0)
    .sort((a, b) => b.quality - a.quality);
  for (const { tag } of candidates) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // A malformed tag: try the next one.
    }
  }
  return fallback;
}

/** The zone when it is a real IANA time zone, else undefined. */
export function validTimeZone(zone: string | undefined): string | undefined {
  if (!zone) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}
