import { DashboardChangeStatusDocument, DashboardCreateEngagementDocument } from "@engagement-tracker/schema";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { addDays } from "../lib/format";
import { engagementHref } from "../lib/routes";
import { apiAs, browserSession, dashboardUrl } from "./browser";

// Each part would run if it reached the page as markup: a script element and an error handler.
const HOSTILE = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">`;
const TITLE = `XSS probe ${HOSTILE}`;

const session = browserSession("viewer");
let engagementId: string;

beforeAll(async () => {
  const api = await apiAs("editor");
  const today = new Date().toISOString().slice(0, 10);
  const { createEngagement } = await api(DashboardCreateEngagementDocument, {
    input: {
      title: TITLE,
      kind: "DIALOGUE",
      startsOn: addDays(today, 10),
      endsOn: addDays(today, 11),
      locationName: "Honolulu",
      country: "US",
      hostCountry: "US",
      status: "PLANNED",
    },
  });
  expect(createEngagement.errors).toEqual([]);
  engagementId = createEngagement.engagement!.id;
  const { updateEngagementStatus } = await api(DashboardChangeStatusDocument, {
    input: { id: engagementId, status: "POSTPONED", reason: HOSTILE },
  });
  expect(updateEngagementStatus.errors).toEqual([]);
});

/** The title (and the reason, where the page shows one) are on the page as text, nothing in them became an element, and nothing ran. */
async function expectShownAsText(page: Page, showsReason: boolean): Promise<void> {
  await page.getByText(TITLE).first().waitFor();
  if (showsReason) {
    // The reason alone: some element holds it without the title's prefix.
    expect(await page.getByText(HOSTILE).filter({ hasNotText: "XSS probe" }).count()).toBeGreaterThan(0);
  }
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
}

describe("script-like text saved through the API", () => {
  it.each([
    { name: "overview", path: () => "/", showsReason: true },
    // The table shows no status reasons.
    { name: "table", path: () => "/engagements?q=XSS%20probe", showsReason: false },
    { name: "detail", path: () => engagementHref(engagementId), showsReason: true },
  ])("is shown as literal text on the $name page and never runs", async ({ path, showsReason }) => {
    await session.page.goto(path());
    await expectShownAsText(session.page, showsReason);
  });
});

describe("every response", () => {
  it("carries the security headers, and the policy lets the page's own scripts run", async () => {
    const violations: string[] = [];
    session.page.on("console", (message) => {
      if (message.text().includes("Content Security Policy")) violations.push(message.text());
    });
    const response = await session.page.goto("/engagements");
    const headers = response!.headers();
    const policy = headers["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[\w+/=]+' 'strict-dynamic'(;|$)/);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).not.toMatch(/https?:|\*/);
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "same-origin",
      "permissions-policy": "camera=(), microphone=(), geolocation=()",
      "cross-origin-opener-policy": "same-origin",
    });
    // Plain HTTP: no HSTS.
    expect(headers["strict-transport-security"]).toBeUndefined();
    // Next sets `window.next` once its scripts have run, which the nonce must have allowed.
    await session.page.waitForFunction(() => "next" in window);
    expect(violations).toEqual([]);
  });

  it("sends pages compressed, and the live stream as it comes", async () => {
    const cookie = (await session.context.cookies()).map(({ name, value }) => `${name}=${value}`).join("; ");
    const headers = { cookie, "accept-encoding": "gzip" };
    const page = await fetch(`${dashboardUrl}/`, { headers });
    expect(page.headers.get("content-encoding")).toBe("gzip");
    expect(await page.text()).toContain("Overview");
    // A live refresh's page data, written in one piece.
    const refresh = await fetch(`${dashboardUrl}/`, { headers: { ...headers, rsc: "1" } });
    expect(refresh.headers.get("content-encoding")).toBe("gzip");
    expect(await refresh.text()).toContain("My attention list");
    const live = new AbortController();
    const stream = await fetch(`${dashboardUrl}/live`, { headers, signal: live.signal });
    expect(stream.headers.get("content-encoding")).toBeNull();
    // The first event (the reconnect delay) arrives at once, not when a compression window fills.
    const { value } = await stream.body!.getReader().read();
    expect(new TextDecoder().decode(value)).toContain("retry:");
    live.abort();
  });

  it("adds HSTS only behind a proxy that says the request came over HTTPS", async () => {
    const response = await fetch(`${dashboardUrl}/sign-in`, { headers: { "x-forwarded-proto": "https" } });
    expect(response.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});

describe("behind a TLS-terminating proxy, and from other sites", () => {
  const proxied = { "x-forwarded-proto": "https", "x-forwarded-host": "tracker.example.org" };

  it("builds export links on the host the reader asked for, not the server's own address", async () => {
    for (const path of ["/engagements.csv", "/engagements.ics"]) {
      const response = await session.context.request.get(`${dashboardUrl}${path}`, { headers: proxied });
      expect(response.status()).toBe(200);
      const body = (await response.text()).replace(/\r\n /g, "");
      expect(body).toContain(`https://tracker.example.org${engagementHref(engagementId)}`);
      expect(body).not.toContain(`${new URL(dashboardUrl).host}/engagements/`);
    }
  });

  // The browser's Origin names the dashboard's own host here, so the proxy names no other host.
  it.each([
    [{ "x-forwarded-proto": "https" }, true],
    [{}, false],
  ])("sets the session cookie Secure exactly when the proxy says HTTPS (%j)", async (headers, secure) => {
    const context = await session.browser.newContext({ baseURL: dashboardUrl, extraHTTPHeaders: headers });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("viewer@engagement-tracker.local");
    await page.getByLabel("Password").fill(inject("demoPassword"));
    const answer = page.waitForResponse((response) => response.request().method() === "POST");
    await page.getByRole("button", { name: "Sign in" }).click();
    const setCookie = (await (await answer).headersArray())
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => header.value)
      .find((value) => value.startsWith("et_session="));
    expect(setCookie).toBeDefined();
    expect(/;\s*Secure/i.test(setCookie!)).toBe(secure);
    await context.close();
  });

  it("answers a server action posted from another site with 403, not a server error", async () => {
    const response = await fetch(`${dashboardUrl}/sign-in`, {
      method: "POST",
      headers: { origin: "http://evil.example", "next-action": "0".repeat(42), "content-type": "text/plain" },
      body: "[]",
    });
    expect(response.status).toBe(403);
  });
});
