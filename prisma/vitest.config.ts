import { defineConfig } from "vitest/config";
import { reportingFor } from "../vitest.shared.ts";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Each embedded database starts PGlite (~1.5 s on two cores).
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    ...reportingFor("db"),
  },
});
