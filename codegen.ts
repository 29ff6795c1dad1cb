import type { CodegenConfig } from "@graphql-codegen/cli";

const config: CodegenConfig = {
  schema: "schema/*.graphql",
  generates: {
    "schema/generated/resolvers-types.ts": {
      plugins: ["typescript", "typescript-resolvers"],
      config: {
        useTypeImports: true,
        contextType: "../../api/context.ts#RequestContext",
        scalars: { Decimal: "string", DateTime: "Date | string" },
        enumsAsTypes: true,
        useIndexSignature: false,
        mappers: {
          User: "../../db/schema.ts#UserRow",
          ApiKey: "../../db/schema.ts#ApiKeyRow",
          Market: "../../db/schema.ts#MarketRow",
          LedgerEntry: "../../db/schema.ts#LedgerEntryRow",
          Order: "../../db/schema.ts#OrderRow",
        },
      },
    },
  },
};
export default config;
