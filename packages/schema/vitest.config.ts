import { defineConfig } from "vitest/config";
import { reportingFor } from "../../vitest.shared.ts";

export default defineConfig({
  test: { include: ["src/**/*.test.ts"], ...reportingFor("schema") },
});
