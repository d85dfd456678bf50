/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // End-to-end and LibreOffice interop suites have their own commands (test:e2e, test:interop).
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/", "/test/interop/"],
  // Tests that write and read whole workbooks take seconds on a loaded 2-core machine; a ceiling,
  // not a measure (speed is measured by `npm run bench`).
  testTimeout: 30000,
  // Jest's default (one worker fewer than the cores) is a single worker on a 2-core machine, which
  // leaves a core idle while a test waits on a file; two workers took CI's unit run from 669 s to 430 s.
  maxWorkers: Math.max(2, require("os").availableParallelism() - 1),
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true, esModuleInterop: true, resolveJsonModule: true }, diagnostics: false }],
  },
};
