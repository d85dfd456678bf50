/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // End-to-end and LibreOffice interop suites have their own commands (test:e2e, test:interop).
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/", "/test/interop/"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "commonjs", moduleResolution: "node", jsx: "react-jsx", isolatedModules: true, esModuleInterop: true, resolveJsonModule: true }, isolatedModules: true, diagnostics: false }],
  },
};
