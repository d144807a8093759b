// GraphQL Code Generator: TypeScript types for every document in src/, from the hub's
// committed schema. `npm run codegen` writes src/gql/; the build runs with --check and
// fails when src/gql/ is stale against ../schema.graphql or the documents.
import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "../schema.graphql",
  documents: ["src/**/*.{ts,tsx}", "!src/gql/**/*"],
  ignoreNoDocuments: false,
  generates: {
    "src/gql/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: "string", Date: "string", JSON: "unknown" },
        avoidOptionals: false,
      },
    },
  },
};

export default config;
