import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** What `any` in a loosely typed GraphQL response sets off once linting sees types. */
const unsafeAny = {
  "@typescript-eslint/no-unsafe-argument": "off",
  "@typescript-eslint/no-unsafe-assignment": "off",
  "@typescript-eslint/no-unsafe-call": "off",
  "@typescript-eslint/no-unsafe-member-access": "off",
  "@typescript-eslint/no-unsafe-return": "off",
};

export default tseslint.config(
  {
    ignores: ["node_modules/**", "dist/**", ".cache/**", "schema/generated/**", "db/migrations/**"],
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
    // Black-box tests read loosely typed GraphQL responses.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      ...unsafeAny,
      "@typescript-eslint/no-base-to-string": "off",
      "@typescript-eslint/no-redundant-type-constituents": "off",
    },
  },
  {
    // So does the end-to-end bench, through its own `Loose` client.
    files: ["scripts/bench-e2e.ts"],
    rules: unsafeAny,
  },
  {
    // Shows that a switch missing a member does not compile, so the switch is meant to miss one.
    files: ["kernel/assert-never.test.ts"],
    rules: { "@typescript-eslint/switch-exhaustiveness-check": "off" },
  },
  { files: ["**/*.js"], ...tseslint.configs.disableTypeChecked },
);
