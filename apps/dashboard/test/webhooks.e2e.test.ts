import { createHmac } from "node:crypto";
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engagementOfMyOwn, expectNoSeriousAxeViolations, launchBrowser, signedIn, VIEWPORTS } from "./browser";

let browser: Browser;
let admin: BrowserContext;
let receiver: Server;
let receiverUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await signedIn(browser, "admin");
  // Another system's webhook receiver, on this machine (the API allows 127.0.0.1 in these tests).
  receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.end();
    });
  });
  receiver.listen(0, "127.0.0.1");
  await once(receiver, "listening");
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(async () => {
  await browser?.close();
  receiver?.closeAllConnections();
  receiver?.close();
});

/** Whether a delivery's signature header is the HMAC of its timestamp and body under `secret`. */
function signedWith(secret: string, delivery: { headers: IncomingHttpHeaders; body: string }): boolean {
  const { t, v1 } = Object.fromEntries(
    String(delivery.headers["x-engagement-tracker-signature"])
      .split(",")
      .map((part) => part.split("=")),
  );
  return createHmac("sha256", secret).update(`${t}.${delivery.body}`).digest("hex") === v1;
}

const deliveriesFor = (engagementId: string) =>
  received.filter((delivery) => JSON.parse(delivery.body).engagement?.id === engagementId);

describe("webhooks admin pages", () => {
  it("an admin adds an endpoint on a phone, copies its secret once, sees a signed delivery in the log, rotates the secret, redelivers, disables and deletes it", async () => {
    const page = await admin.newPage();
    page.setDefaultTimeout(15_000);
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto("/admin");
    await page.getByRole("link", { name: "webhooks" }).click();
    await page.waitForURL("**/admin/webhooks");

    const form = page.getByRole("region", { name: "Add an endpoint" });
    await form.getByLabel("URL").fill("http://10.0.0.1/hooks");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => form.getByRole("alert").innerText()).toMatch(/WEBHOOK_ALLOWED_HOSTS/);

    await form.getByLabel("URL").fill(receiverUrl);
    await form.getByLabel("Description").fill("Operations room");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secretField = form.getByLabel("Signing secret");
    await secretField.waitFor();
    const secret = await secretField.inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await expectNoSeriousAxeViolations(page);

    const endpoints = page.getByRole("region", { name: "Endpoints" });
    const row = endpoints.locator("tbody tr", { hasText: receiverUrl });
    expect(secret).toContain((await row.locator("code").innerText()).replace("…", ""));
    await page.reload();
    await row.waitFor();
    expect(await page.getByLabel("Signing secret").count()).toBe(0);

    const engagement = await engagementOfMyOwn();
    await expect.poll(() => deliveriesFor(engagement.id).length, { timeout: 10_000 }).toBe(1);
    const [delivery] = deliveriesFor(engagement.id);
    expect(signedWith(secret, delivery!)).toBe(true);

    await row.getByRole("link", { name: /delivery log/ }).click();
    await page.waitForURL("**/admin/webhooks/**");
    const log = page.getByRole("region", { name: "Delivery log" });
    const key = String(delivery!.headers["webhook-id"]);
    const logRow = log.locator("tbody tr", { hasText: key });
    await expect.poll(() => logRow.innerText()).toMatch(/Delivered/);
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    const newSecretField = page.getByLabel("New signing secret");
    await newSecretField.waitFor();
    const newSecret = await newSecretField.inputValue();
    expect(newSecret).not.toBe(secret);
    await expectNoSeriousAxeViolations(page);

    await logRow.getByRole("button", { name: `Redeliver ${key}` }).click();
    await expect.poll(() => deliveriesFor(engagement.id).length, { timeout: 10_000 }).toBe(2);
    const again = deliveriesFor(engagement.id)[1]!;
    expect(again.headers["webhook-id"]).toBe(key);
    expect(signedWith(newSecret, again)).toBe(true);

    await page.getByRole("link", { name: "All webhooks" }).click();
    await page.waitForURL("**/admin/webhooks");
    await row.getByRole("button", { name: `Disable ${receiverUrl}` }).click();
    await expect.poll(() => row.innerText()).toMatch(/Disabled by an admin/);
    await row.getByRole("button", { name: `Delete ${receiverUrl}` }).click();
    await expect.poll(() => row.count()).toBe(0);
    await page.close();
  });

  it("viewers and editors do not see the webhook pages", async () => {
    for (const role of ["viewer", "editor"] as const) {
      const context = await signedIn(browser, role);
      const page = await context.newPage();
      await page.goto("/admin/webhooks");
      await page.getByRole("heading", { name: "Admins only" }).waitFor();
      expect(await page.getByRole("region", { name: "Endpoints" }).count()).toBe(0);
      await context.close();
    }
  });
});
