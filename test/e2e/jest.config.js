/** End-to-end suite: the built pane (npm run build:dev) in Debian's Chromium. Run: npm run test:e2e */
const base = require("../../jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: "../..",
  roots: ["<rootDir>/test/e2e"],
  testPathIgnorePatterns: ["/node_modules/"],
  testTimeout: 180000,
  maxWorkers: 1,
};
