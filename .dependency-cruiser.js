// Which way imports may point between the four parts (see ARCHITECTURE.md). `npm run lint` runs it.

const API = "^apps/api/";
const DASHBOARD = "^apps/dashboard/";
const SCHEMA = "^packages/schema/";
const DB = "^prisma/";
const APPS = "^apps/";

/** @type {import("dependency-cruiser").IConfiguration} */
export default {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import cycle, type-only imports included: a module in it cannot be read, tested or moved alone.",
      from: {},
      to: { circular: true },
    },
    {
      name: "dashboard-not-to-api",
      severity: "error",
      comment:
        "The dashboard talks to the API over HTTP and takes its types from packages/schema, never from apps/api.",
      from: { path: DASHBOARD },
      to: { path: API },
    },
    {
      name: "dashboard-not-to-db",
      severity: "error",
      comment:
        "The dashboard never reads the database. Only its browser-test harness may create a test database " +
        "through the db package's public migrations entry.",
      from: { path: DASHBOARD, pathNot: `${DASHBOARD}test/` },
      to: { path: DB },
    },
    {
      name: "dashboard-tests-only-db-migrations",
      severity: "error",
      comment:
        "The dashboard's browser tests start the real API as a process; from the db package they take only its migrations entry.",
      from: { path: `${DASHBOARD}test/` },
      to: { path: DB, pathNot: `${DB}src/migrations/` },
    },
    {
      name: "schema-not-to-apps",
      severity: "error",
      comment: "packages/schema is the contract both apps read; it imports neither app at runtime.",
      from: { path: SCHEMA },
      to: { path: APPS, dependencyTypesNot: ["type-only"] },
    },
    {
      name: "db-not-to-apps",
      severity: "error",
      comment: "The db package (prisma/) knows no app: the apps depend on it, not the other way round.",
      from: { path: DB },
      to: { path: APPS },
    },
    {
      name: "packages-through-their-exports",
      severity: "error",
      comment:
        "Another workspace is imported by its package name, so only what its `exports` map offers is reachable; " +
        "a relative path into its folder would bypass that.",
      from: { path: "^(apps/[^/]+|packages/[^/]+|prisma|bench)/" },
      to: { dependencyTypes: ["local"], pathNot: "^$1/" },
    },
    {
      name: "api-context-types-only",
      severity: "error",
      comment:
        "The GraphQL context is a leaf: types only. What builds it (loaders included) lives in the server factory.",
      from: { path: `${API}src/context\\.ts$` },
      to: { dependencyTypesNot: ["type-only"] },
    },
    {
      name: "api-common-knows-no-domain",
      severity: "error",
      comment: "apps/api/src/common holds what every domain shares; it imports no domain folder.",
      from: { path: `${API}src/common/` },
      to: { path: `${API}src/`, pathNot: `${API}src/common/` },
    },
    {
      name: "api-not-to-dashboard",
      severity: "error",
      comment: "The API never imports the dashboard.",
      from: { path: API },
      to: { path: DASHBOARD },
    },
  ],
  options: {
    includeOnly: "^(apps|packages|prisma|bench)/",
    exclude: { path: ["/generated/", "/node_modules/", "/\\.next/"] },
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a cycle through types still ties the modules together.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "types", "node", "default"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
