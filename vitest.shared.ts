import { join } from "node:path";

/**
 * With TEST_REPORT_DIR set (as .ci/run does), a package's test run also writes a JSON
 * report there, so CI can add up the results of every suite.
 */
export function reportingFor(packageName: string) {
  const reportDir = process.env.TEST_REPORT_DIR;
  if (!reportDir) return {};
  return {
    reporters: ["default", "json"],
    outputFile: { json: join(reportDir, `${packageName}.json`) },
  };
}
