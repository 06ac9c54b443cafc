import { DateResolver, DateTimeResolver } from "graphql-scalars";

/** Calendar dates (`2027-01-05`): planned windows and due dates. */
export const DateScalar = DateResolver;
/** Instants in ISO 8601 (`2026-11-29T07:00:00.000Z`). */
export const DateTimeScalar = DateTimeResolver;
