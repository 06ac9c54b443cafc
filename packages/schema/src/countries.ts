import english from "i18n-iso-countries/langs/en.json" with { type: "json" };

/**
 * The ISO 3166-1 alpha-2 countries, one list for the API (which refuses any other code) and the
 * dashboard (which lets people choose by name). The codes and their English names and aliases
 * ("USA", "Ivory Coast") come from i18n-iso-countries' English data alone (its entry point would
 * load every language); the name shown is CLDR's through Intl.DisplayNames ("Taiwan", not "Taiwan,
 * Province of China"), the same the dashboard shows elsewhere.
 */
export interface Country {
  code: string;
  name: string;
}

/** Kosovo's XK is user-assigned, not part of ISO 3166-1. */
const NOT_ISO_3166_1 = new Set(["XK"]);

const displayNames = new Intl.DisplayNames("en", { type: "region" });

const entries = Object.entries(english.countries as Record<string, string | string[]>)
  .filter(([code]) => !NOT_ISO_3166_1.has(code))
  .map(([code, names]) => ({
    code,
    name: displayNames.of(code) ?? [names].flat()[0]!,
    aliases: [names].flat(),
  }));

/** Every country, by English name. */
export const COUNTRIES: readonly Country[] = entries
  .map(({ code, name }) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, "en"));

const nameOfCode = new Map(COUNTRIES.map((country) => [country.code, country.name]));

/** Case, accents and punctuation never tell two countries apart: "cote d'ivoire" is "Côte d’Ivoire". */
const normalized = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .trim()
    .toLowerCase();

/** Each name or alias → the codes it names; "Congo" names two, so it resolves to neither. */
const codesByName = new Map<string, Set<string>>();
for (const { code, name, aliases } of entries) {
  for (const text of [name, ...aliases]) {
    const key = normalized(text);
    codesByName.set(key, (codesByName.get(key) ?? new Set()).add(code));
  }
}

/** Whether `code` is an ISO 3166-1 alpha-2 code (either case). */
export function isCountryCode(code: string): boolean {
  return nameOfCode.has(code.toUpperCase());
}

/** The English name of a code, or the code itself when it names no country. */
export function countryName(code: string): string {
  return nameOfCode.get(code.toUpperCase()) ?? code;
}

/** The code a person meant by a code or a name ("CN", "china", "People's Republic of China"), or null. */
export function countryCodeOf(text: string): string | null {
  const trimmed = text.trim();
  if (isCountryCode(trimmed)) return trimmed.toUpperCase();
  const codes = codesByName.get(normalized(trimmed));
  return codes?.size === 1 ? [...codes][0]! : null;
}
