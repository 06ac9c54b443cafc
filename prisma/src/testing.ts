import { describe, it, type TestContext } from "vitest";

/**
 * A PostgreSQL server where tests may CREATE DATABASE: TEST_POSTGRES_URL (CI sets it in both
 * passes, so the embedded pass runs these tests too), else the server of DATABASE_URL.
 */
export function postgresServerUrl(): string | undefined {
  return process.env.TEST_POSTGRES_URL?.trim() || process.env.DATABASE_URL?.trim() || undefined;
}

const inCi = () => Boolean(process.env.CI) && process.env.CI !== "false";

function missingInCi(prerequisite: string): Error {
  return new Error(`CI runs every test, and this one needs ${prerequisite}: provide it rather than skip.`);
}

/**
 * `describe` for tests that need something a machine may lack (`missing` says what, or is null
 * when it is there): skipped with the reason on a developer's machine, a failure in CI.
 */
export function describeNeeding(
  missing: string | null,
  name: string,
  tests: () => void,
  options: { timeout?: number } = {},
): void {
  if (!missing) describe(name, options, tests);
  else if (inCi())
    describe(name, () =>
      it("has what it needs", () => {
        throw missingInCi(missing);
      }),
    );
  else describe.skip(`${name} (skipped: needs ${missing})`, tests);
}

/** Inside a test: skips it with the reason on a developer's machine, fails it in CI. */
export function skipOrFailWithout(context: TestContext, missing: string): never {
  if (inCi()) throw missingInCi(missing);
  return context.skip(`needs ${missing}`);
}
