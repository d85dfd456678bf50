// Prints one closing line for CI ("tests: N passed, N failed") from jest's --json reports.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let missing = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`${file}: no report (the suite did not run)`);
    missing++;
    continue;
  }
  const r = JSON.parse(readFileSync(file, "utf8"));
  console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${r.numTotalTestSuites} suites)`);
  passed += r.numPassedTests;
  failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
}
console.log(`tests: ${passed} passed, ${failed + missing} failed`);
process.exit(failed + missing > 0 || passed === 0 ? 1 : 0);
