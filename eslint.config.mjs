// Only what needs TypeScript's type checker: a promise nobody awaits (an un-awaited Prisma query does not
// even run; a rejected fire-and-forget call ends the process) and a promise where a void callback is
// expected. Everything else is Biome's (biome.jsonc). Biome's own noFloatingPromises infers types
// itself and misses e.g. `db.issue.update(...)`, which this catches.
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      ".next*/",
      "lib/generated/",
      "test-results/",
      "playwright-report/",
      "tests/fixtures/",
      "**/*.mjs",
      "**/*.js",
    ],
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // React's event props accept async handlers (their promise is ignored by design).
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
    },
  },
);
