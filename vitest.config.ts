import { defineConfig } from "vitest/config";

export default defineConfig({
  // Node gives every package graphql's CommonJS build; vite would hand our code the ESM one,
  // and graphql refuses a schema made by "another realm". One build for all.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: [
            "matcher/**/*.test.ts",
            "money/**/*.test.ts",
            "config/**/*.test.ts",
            "marketdata/**/*.test.ts",
            "resolvers/**/*.test.ts",
            "api/**/*.test.ts",
            "services/**/*.test.ts",
            "kernel/**/*.test.ts",
            "bus/**/*.test.ts",
            "scripts/**/*.test.ts",
            "settlement/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/**/*.test.ts"],
          globalSetup: ["./tests/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
