// ESLint flat config: typescript-eslint's type-aware recommended rules over the whole tree (src, tests,
// scripts, bench; the browser code is TypeScript in src/client and src/widget, with the DOM types).
// `npm run lint` runs it; `npm test` runs it before tsc.
import { readFileSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// What git ignores is built or local (bundles, generated clients, databases): lint what is committed.
const gitignored = readFileSync(new URL(".gitignore", import.meta.url), "utf8")
  .split("\n")
  .map((line) => line.trim().replace(/^\//, ""))
  .filter((line) => line && !line.startsWith("#") && !line.startsWith("!"));

const nodeGlobals = { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" };

export default tseslint.config(
  { ignores: gitignored },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Route and handler tables are object literals of methods that never use `this` (60+ false alarms).
      "@typescript-eslint/unbound-method": "off",
      // Async implementations of async interfaces (stores, fakes, handlers) legitimately have no await.
      "@typescript-eslint/require-await": "off",
      // Control-character regexes are deliberate here: they strip or refuse control characters in input.
      "no-control-regex": "off",
      // A leading underscore marks a value left out on purpose (destructured away, or an Express 4-arg handler).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests read supertest/socket payloads typed `any`; checking each member access is noise, not defects.
    files: ["tests/**"],
    rules: {
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Plain JavaScript: not in the TypeScript project (or loosely typed), so no type-aware rules.
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  { files: ["bench/**/*.mjs", "*.js"], languageOptions: { globals: nodeGlobals } },
);
