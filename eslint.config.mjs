// `npm run lint` (office-addin-lint) uses this file in place of its own: the Office add-in rules
// (eslint-plugin-office-addins) over TypeScript, with the checks TypeScript already makes left to it.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";
import reactHooks from "eslint-plugin-react-hooks";

/** The rules about Office.js load/sync: they read `getCell(…).value` as Office.js, so they are for Office.js code only. */
const OFFICE_JS_RULES = [
  "office-addins/call-sync-after-load",
  "office-addins/call-sync-before-read",
  "office-addins/load-object-before-read",
  "office-addins/no-context-sync-in-loop",
  "office-addins/no-empty-load",
  "office-addins/no-navigational-load",
  "office-addins/test-for-null-using-isNullObject",
];

/** The recommended set names only .js/.ts files; the pane's React components (.tsx) get the same rules. */
const forTypeScript = officeAddins.configs.recommended.find((c) => c.files?.some((f) => f.includes("ts")));

export default [
  { ignores: ["dist/**", "build/**", "node_modules/**", "coverage/**", "test-output/**", "demo-output/**"] },
  ...officeAddins.configs.recommended,
  { ...forTypeScript, files: ["**/*.tsx"] },
  {
    // React's rules of hooks: hooks called in the same order on every render, effects naming what they read.
    files: ["src/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    rules: {
      // The compiler resolves every name (browser, worker and Node globals by the tsconfig's libs).
      "no-undef": "off",
      // Formatting is the editor's business here: the code keeps lines longer than Prettier's default.
      "prettier/prettier": "off",
      // A name starting with "_" is unused on purpose (a parameter a signature needs, a value destructured away).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  {
    // ExcelJS, the command line, the pure core and the scripts: no Office.js there.
    files: ["src/core/**", "src/cli/**", "src/hosts/xlsx/**", "src/indices/**", "scripts/**", "test/interop/**", "test/taskpane/**", "test/e2e/**"],
    rules: Object.fromEntries(OFFICE_JS_RULES.map((r) => [r, "off"])),
  },
  {
    // The double's own tests read what was not loaded or synced on purpose: they pin that it throws
    // PropertyNotLoaded as Excel does. The host's code and the double itself keep the rules.
    files: ["test/excel-double/**/*.test.ts"],
    rules: Object.fromEntries(OFFICE_JS_RULES.map((r) => [r, "off"])),
  },
];
