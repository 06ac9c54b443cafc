import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import { reportingFor } from "../../vitest.shared.ts";

export default defineConfig({
  // SWC emits type-graphql's decorators and their metadata as tsc would.
  oxc: false,
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: "typescript", decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: "es2023",
      },
    }),
  ],
  test: {
    include: ["src/**/*.test.ts"],
    setupFiles: ["reflect-metadata"],
    // Each file starts the server on a fresh database; PGlite takes ~1 s to start.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    ...reportingFor("api"),
  },
});
