// Adds up vitest JSON reports and prints "N passed, N failed" (exit 1 when anything failed or nothing ran).
// A test file that fails before running any test (a broken import, a failing hook) counts as one failure.
import { readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  const brokenFiles = report.testResults.filter(
    (result) => result.status === "failed" && !result.assertionResults.some((test) => test.status === "failed"),
  ).length;
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenFiles;
  console.log(
    `${file.split("/").slice(-2).join("/")}: ${report.numPassedTests} passed, ${report.numFailedTests + brokenFiles} failed`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
