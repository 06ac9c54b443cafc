import { makePgService } from "postgraphile/adaptors/pg";
import { PostGraphileAmberPreset } from "postgraphile/presets/amber";
import { PostGraphileConnectionFilterPreset } from "postgraphile-plugin-connection-filter";

/**
 * PostGraphile 5 as a team would point it at our database for free: the Amber preset, plus
 * connection-filter because Amber alone filters only by equality on indexed columns. Field
 * names are PostGraphile's own (allEngagements, engagementByRowId, rowId, …byEngagementId).
 */
export function benchPreset(connectionString: string, poolSize: number): GraphileConfig.Preset {
  return {
    extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
    // Amber offers filters and orderings only on indexed columns; the equivalent search needs
    // `archivedAt IS NULL` and ILIKE on summary and location name, which no index covers.
    disablePlugins: ["PgIndexBehaviorsPlugin"],
    pgServices: [makePgService({ connectionString, schemas: ["public"], poolConfig: { max: poolSize } })],
    schema: {
      // The dashboard's health counts need "has a milestone past due" (a filter across a relation).
      connectionFilterRelations: true,
      connectionFilterComputedColumns: false,
      connectionFilterSetofFunctions: false,
    },
    grafserv: { graphiql: false, watch: false, maxRequestLength: 100_000 },
    grafast: { explain: false },
  };
}
