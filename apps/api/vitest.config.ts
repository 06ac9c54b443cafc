import { createRequire } from "node:module";
import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";
import { reportingFor } from "../../vitest.shared.ts";

export default defineConfig({
  resolve: {
    // One graphql-js for our code and the libraries (type-graphql, graphql-ws load its CommonJS
    // build, as Node does for us in production): Vite would otherwise pick its ES module build,
    // and graphql-js refuses a schema made by another copy of itself.
    alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve("graphql") }],
  },
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
