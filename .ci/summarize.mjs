// Adds up the vitest JSON reports of the suites CI ran and prints "N passed, N failed, N skipped".
// Usage: summarize.mjs <report dir> <pass/package>...   e.g. summarize.mjs /tmp/reports postgres/api embedded/db
// Exits 1 when anything failed, anything was skipped (CI runs every test) or nothing ran.
// - A suite named on the command line that wrote no report (its build, setup or run broke
//   before vitest finished) counts as one failure.
// - A test file that fails before running any test (a broken import, a failing hook) counts as one failure.
// - A run vitest reports as unsuccessful with no failure counted (a failing global setup, an error
//   outside any test) counts as one failure.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const [reportDir, ...expected] = process.argv.slice(2);
const written = readdirSync(reportDir, { recursive: true })
  .filter((file) => file.endsWith(".json"))
  .map((file) => file.slice(0, -".json".length));
const suites = [...new Set([...expected, ...written])].sort();

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  const file = join(reportDir, `${suite}.json`);
  if (!existsSync(file)) {
    failed += 1;
    console.log(`${suite}: no report, counted as 1 failed (the suite stopped before its tests finished)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  const brokenFiles = report.testResults.filter(
    (result) => result.status === "failed" && !result.assertionResults.some((test) => test.status === "failed"),
  ).length;
  const countedFailures = report.numFailedTests + brokenFiles;
  const suiteFailed = countedFailures === 0 && report.success === false ? 1 : countedFailures;
  const suiteSkipped = report.numPendingTests + report.numTodoTests;
  passed += report.numPassedTests;
  failed += suiteFailed;
  skipped += suiteSkipped;
  console.log(`${suite}: ${report.numPassedTests} passed, ${suiteFailed} failed, ${suiteSkipped} skipped`);
  for (const result of report.testResults) {
    for (const test of result.assertionResults) {
      if (test.status === "pending" || test.status === "skipped" || test.status === "todo") {
        console.log(`  skipped: ${test.fullName} (${result.name})`);
      }
    }
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
