/** LibreOffice interop suite: `npm run test:interop` (jest -c test/interop/jest.config.js). */
const base = require("../../jest.config.js");

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: "../..",
  roots: ["<rootDir>/test/interop"],
  testPathIgnorePatterns: ["/node_modules/"],
  // LibreOffice starts cold in each conversion: seconds, not milliseconds.
  testTimeout: 240000,
  // One LibreOffice at a time: two cold starts side by side on a small machine only slow each other.
  maxWorkers: 1,
};
