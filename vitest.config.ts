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
          // Pure tests sit next to their code, in any folder; tests/ holds the integration tier.
          include: ["**/*.test.ts"],
          exclude: ["tests/**", "node_modules/**", "**/node_modules/**", ".cache/**"],
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
