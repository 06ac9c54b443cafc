import { afterEach, describe, expect, it } from "vitest";
import { parseTrustProxy, readConfig } from "../config.ts";
import { startTestApi, type TestApi } from "../test/api.ts";

const SIGN_IN_LIMIT = 3;
let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

/** Wrong sign-ins, each for another email (so only the per-address limit applies), each naming another client. */
async function signInStatuses(url: string, forwardedFor: (attempt: number) => string): Promise<number[]> {
  const statuses: number[] = [];
  for (let attempt = 0; attempt < SIGN_IN_LIMIT + 2; attempt++) {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor(attempt) },
      body: JSON.stringify({
        query: "mutation($input: SignInInput!) { signIn(input: $input) { errors { code } } }",
        variables: { input: { email: `nobody-${attempt}@test.local`, password: "wrong password" } },
      }),
    });
    statuses.push(response.status);
  }
  return statuses;
}

const limited = [...Array<number>(SIGN_IN_LIMIT).fill(200), 429, 429];
const rotating = (attempt: number) => `203.0.113.${attempt + 1}`;
const rateLimits = { requestsPerMinute: 1_000, signInsPer15Minutes: SIGN_IN_LIMIT };

describe("TRUST_PROXY", () => {
  it("trusts loopback only by default, refuses true, and takes hops or a list of proxies", () => {
    expect(readConfig({}).trustProxy).toBe("loopback");
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("10.0.0.5, 10.0.0.6")).toBe("10.0.0.5, 10.0.0.6");
    expect(() => parseTrustProxy("true")).toThrow(/list the proxies/);
  });

  // Every request here comes from 127.0.0.1: what is trusted is set by configuration, so the
  // tests need no address beyond loopback.
  it("ignores X-Forwarded-For from a peer that is not a configured proxy", async () => {
    api = await startTestApi({ rateLimits, trustProxy: "10.20.30.40" });
    expect(await signInStatuses(api.url, rotating)).toEqual(limited);
  });

  it("believes X-Forwarded-For from a configured proxy: each client has its own limit", async () => {
    api = await startTestApi({ rateLimits, trustProxy: "127.0.0.1" });
    expect(await signInStatuses(api.url, rotating)).toEqual(Array<number>(SIGN_IN_LIMIT + 2).fill(200));
    expect(await signInStatuses(api.url, () => "203.0.113.200")).toEqual(limited);
  });

  it("trusts nothing with TRUST_PROXY=false, not even the dashboard on loopback", async () => {
    api = await startTestApi({ rateLimits, trustProxy: false });
    expect(await signInStatuses(api.url, rotating)).toEqual(limited);
  });
});
