import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startDashboard, waitUntil, type StartedProcess } from "./processes";

// Dashboards whose "API" records the X-Forwarded-For each request carries: the API's
// per-address limits count against that address, so a reader must not be able to choose it.
let api: Server;
let apiUrl: string;
const forwardedFor: string[] = [];
const dashboards: StartedProcess[] = [];

beforeAll(async () => {
  const apiPort = await freePort();
  api = createServer((request, response) => {
    forwardedFor.push(String(request.headers["x-forwarded-for"]));
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ data: { viewer: null } }));
  });
  await new Promise<void>((resolve) => api.listen(apiPort, "127.0.0.1", resolve));
  apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
});
afterAll(async () => {
  await Promise.all(dashboards.map((dashboard) => dashboard.stop()));
  await new Promise((resolve) => api?.close(resolve));
});

async function dashboardTrusting(trusted: string | undefined): Promise<string> {
  const port = await freePort();
  const dashboard = startDashboard(port, apiUrl, trusted ? { DASHBOARD_TRUST_PROXY: trusted } : {});
  dashboards.push(dashboard);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil("The dashboard", async () => (await fetch(`${url}/sign-in`)).ok, dashboard);
  return url;
}

/** What the API was told about a reader who names 198.51.100.7 as its own address. */
async function addressSentFor(url: string): Promise<string> {
  forwardedFor.length = 0;
  const response = await fetch(`${url}/sign-in`, {
    headers: { cookie: "et_session=ets_whoever", "x-forwarded-for": "198.51.100.7" },
  });
  expect(response.ok).toBe(true);
  expect(forwardedFor.length).toBeGreaterThan(0);
  return forwardedFor[0]!;
}

describe("the address the dashboard gives the API", () => {
  it("is the address it saw, not one the reader names", async () => {
    expect(await addressSentFor(await dashboardTrusting(undefined))).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });

  it("is the one a trusted proxy in front of the dashboard names", async () => {
    expect(await addressSentFor(await dashboardTrusting("loopback"))).toBe("198.51.100.7");
  });
});
