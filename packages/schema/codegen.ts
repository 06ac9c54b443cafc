import type { CodegenConfig } from "@graphql-codegen/cli";

// Types for every GraphQL document written in the api tests and the dashboard,
// checked against the committed SDL.
const config: CodegenConfig = {
  schema: "schema.graphql",
  documents: [
    "../../apps/api/src/**/*.test.ts",
    "../../apps/api/src/test/**/*.ts",
    "../../apps/dashboard/{app,components,lib}/**/*.{ts,tsx}",
  ],
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
  generates: {
    "src/generated/": {
      preset: "client",
      config: {
        scalars: { Date: "string", DateTime: "string" },
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};
export default config;
