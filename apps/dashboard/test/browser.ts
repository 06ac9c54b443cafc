import AxeBuilder from "@axe-core/playwright";
import {
  DashboardCreateEngagementDocument,
  DashboardSignInDocument,
  type CreateEngagementInput,
} from "@engagement-tracker/schema";
import type { TypedDocumentNode } from "@apollo/client";
import { print } from "graphql";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";

export const dashboardUrl = inject("dashboardUrl");

export type DemoRole = "viewer" | "editor" | "admin";

/** Debian's Chromium, never a downloaded browser, with nothing that phones home. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A browser context signed in through the sign-in page as a seeded demo user. */
export async function signedIn(
  browser: Browser,
  role: DemoRole,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: dashboardUrl, locale: "en-US", ...options });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(`${role}@engagement-tracker.local`);
  await page.getByLabel("Password").fill(inject("demoPassword"));
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${dashboardUrl}/`);
  await page.close();
  return context;
}

/**
 * For a test file: one Chromium, signed in as `role`, with a page open, for all its tests.
 * Read the fields inside tests (they are set in beforeAll).
 */
export function browserSession(role: DemoRole) {
  const session = {} as { browser: Browser; context: BrowserContext; page: Page };
  beforeAll(async () => {
    session.browser = await launchBrowser();
    session.context = await signedIn(session.browser, role);
    session.page = await session.context.newPage();
  });
  afterAll(() => session.browser?.close());
  return session;
}

/** The number on an overview card, e.g. `countOn(page, "By status", "Planned")`. */
export async function countOn(page: Page, group: "By status" | "By health", label: string): Promise<number> {
  const card = page.getByRole("region", { name: group }).getByRole("link", { name: new RegExp(`^${label}\\b`) });
  return Number((await card.innerText()).split("\n").pop());
}

/** What a message for people must not show: a status's enum name or an ISO date. */
export const RAW_ENUM_OR_ISO_DATE =
  /\b(PROPOSED|PLANNED|CONFIRMED|IN_PROGRESS|COMPLETED|POSTPONED|CANCELLED)\b|\d{4}-\d{2}-\d{2}/;

/** The titles in the engagements table, top to bottom. */
export function tableTitles(page: Page): Promise<string[]> {
  return page.locator("table tbody tr td:first-child a").allInnerTexts();
}

/** Talks to the API directly as a demo user: what a colleague does in another window. */
export async function apiAs(role: DemoRole) {
  const apiUrl = inject("apiUrl");
  async function send<Data, Variables>(
    document: TypedDocumentNode<Data, Variables>,
    variables: Variables,
    token?: string,
  ): Promise<Data> {
    const response = await fetch(apiUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: Data; errors?: unknown[] };
    if (!body.data || body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body.data;
  }
  const { signIn } = await send(DashboardSignInDocument, {
    input: { email: `${role}@engagement-tracker.local`, password: inject("demoPassword") },
  });
  const token = signIn.token!;
  return <Data, Variables>(document: TypedDocumentNode<Data, Variables>, variables: Variables) =>
    send(document, variables, token);
}

let created = 0;

/**
 * An engagement of the test's own, created through the API as the editor, so a test depends on
 * no other test (nor on seeded rows another file may change). PROPOSED, 200 days out unless told.
 */
export async function engagementOfMyOwn(
  fields: Partial<CreateEngagementInput> = {},
): Promise<{ id: string; title: string; version: number }> {
  const api = await apiAs("editor");
  const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  const input: CreateEngagementInput = {
    title: `Test engagement ${process.pid}-${Date.now()}-${++created}`,
    kind: "DIALOGUE",
    startsOn: inDays(200),
    endsOn: inDays(201),
    locationName: "Beijing",
    country: "CN",
    hostCountry: "CN",
    ...fields,
  };
  const { createEngagement } = await api(DashboardCreateEngagementDocument, { input });
  if (!createEngagement.engagement) throw new Error(`not created: ${JSON.stringify(createEngagement.errors)}`);
  return { id: createEngagement.engagement.id, title: input.title, version: 1 };
}

const screenshotDir = fileURLToPath(new URL("../../../screenshots/dashboard/", import.meta.url));

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** Saves a full-page screenshot for reviewers (screenshots/dashboard, git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}${name}.png`, fullPage: true });
}

/** Saves a screenshot of one part of a page (screenshots/dashboard, git-ignored). */
export async function screenshotOf(part: Locator, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await part.screenshot({ path: `${screenshotDir}${name}.png` });
}

/** Runs axe on the page and fails on any serious or critical violation, naming each. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map(
      (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(", ")})`,
    );
  expect(serious).toEqual([]);
}

/** A new context with the same signed-in session as `like`, e.g. with JavaScript off or another locale. */
export async function sameSession(
  browser: Browser,
  like: BrowserContext,
  options: BrowserContextOptions,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: dashboardUrl, storageState: await like.storageState(), ...options });
}
