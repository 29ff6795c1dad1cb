import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/**",
      "dist/**",
      ".cache/**",
      "schema/generated/**",
      "client/generated/**",
      "db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { process: "readonly", console: "readonly" },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // A switch over a closed set names every member; `default` is only for assertNever.
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      // Every async function without an await implements a Promise-returning interface (Apollo
      // plugin hooks, AsyncIterator.return/throw, a worker's start).
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    // Shows that a switch missing a member does not compile, so the switch is meant to miss one.
    files: ["kernel/assert-never.test.ts"],
    rules: { "@typescript-eslint/switch-exhaustiveness-check": "off" },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
);
