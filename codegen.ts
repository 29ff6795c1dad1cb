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
          Wallet: "../../db/schema.ts#WalletRow",
          Withdrawal: "../../db/schema.ts#WithdrawalRow",
          // What the subscriptions stream (and the queries serve) as they carry it.
          Trade: "../../marketdata/types.ts#PublicTrade",
          Candle: "../../marketdata/types.ts#Candle as CandleModel",
          Ticker: "../../marketdata/types.ts#Ticker as TickerModel",
          OrderBookUpdate:
            "../../subscriptions/order-book.ts#OrderBookUpdate as OrderBookUpdateModel",
        },
      },
    },
    // Typed documents for clients of the API (tests, benches, bots): every `graphql(`…`)` call.
    "client/generated/": {
      preset: "client",
      documents: [
        "client/**/*.ts",
        "tests/**/*.ts",
        "scripts/**/*.ts",
        "bots/**/*.ts",
        "mcp/**/*.ts",
        "web/**/*.ts",
        "web/**/*.tsx",
        "!client/generated/**",
      ],
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: "string",
        useTypeImports: true,
        importExtension: ".ts",
        enumType: "string-literal",
        // What travels over the wire: both scalars are JSON strings.
        scalars: { Decimal: "string", DateTime: "string" },
        strictScalars: true,
      },
    },
  },
};
export default config;
