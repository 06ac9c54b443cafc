import { graphql, type LocationFieldsFragment } from "@engagement-tracker/schema";
import type { Formatter } from "./format";

export const LocationFields = graphql(`
  fragment LocationFields on Location {
    name
    region
    country
  }
`);

/** "Hawaii, United States": the region (when known) and the country in the reader's language. */
export function regionAndCountry(location: LocationFieldsFragment, format: Formatter): string {
  return [location.region, format.country(location.country)].filter(Boolean).join(", ");
}

/** "Honolulu, Hawaii, United States" */
export function placeOf(location: LocationFieldsFragment, format: Formatter): string {
  return `${location.name}, ${regionAndCountry(location, format)}`;
}
