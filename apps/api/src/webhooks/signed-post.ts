// One attempt at one delivery: a signed JSON POST to an address checked against the allow-list,
// connecting to the address that was checked and following no redirect.
import { createHmac, randomBytes } from "node:crypto";
import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { checkedAddress, type AllowList } from "./address-guard.ts";

export const SIGNATURE_HEADER = "X-Engagement-Tracker-Signature";
export const ID_HEADER = "Webhook-Id";

/** What an endpoint's secret looks like: a prefix and 256 random bits. */
export const newWebhookSecret = () => `whsec_${randomBytes(32).toString("base64url")}`;

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, as Stripe signs: the timestamp lets receivers refuse replays. */
export function signature(secret: string, body: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

export interface Attempt {
  ok: boolean;
  status: number | null;
  ms: number;
  error: string | null;
}

export interface PostOptions {
  secret: string;
  idempotencyKey: string;
  allowList: AllowList;
  timeoutMs: number;
  now: Date;
}

/** POSTs `body` once; never throws: a refused address, a network error or a non-2xx answer is a failed attempt. */
export async function postSigned(target: string, body: string, options: PostOptions): Promise<Attempt> {
  const started = performance.now();
  const failed = (error: string, status: number | null = null): Attempt => ({
    ok: false,
    status,
    ms: Math.round(performance.now() - started),
    error,
  });
  let url: URL;
  let pinned: Awaited<ReturnType<typeof checkedAddress>>;
  try {
    url = new URL(target);
    pinned = await checkedAddress(url, options.allowList);
  } catch (error) {
    return failed((error as Error).message);
  }
  const requestOptions: RequestOptions = {
    method: "POST",
    hostname: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port || undefined,
    path: `${url.pathname}${url.search}`,
    // The name resolves to the address checked above, whatever DNS answers now (no rebinding);
    // TLS still verifies the certificate against the name.
    lookup: (_host, lookupOptions, callback) => {
      if (lookupOptions.all) callback(null, [pinned]);
      else callback(null, pinned.address, pinned.family);
    },
    headers: {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
      "user-agent": "EngagementTracker-Webhooks/1",
      [ID_HEADER]: options.idempotencyKey,
      [SIGNATURE_HEADER]: signature(options.secret, body, options.now),
    },
    timeout: options.timeoutMs,
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<Attempt>((resolve) => {
    const request = send(requestOptions, (response) => {
      // The answer's body tells us nothing we keep; drain it so the socket is freed.
      response.resume();
      response.on("end", () => {
        const status = response.statusCode ?? 0;
        if (status >= 200 && status < 300)
          resolve({ ok: true, status, ms: Math.round(performance.now() - started), error: null });
        else if (status >= 300 && status < 400)
          resolve(failed(`Answered ${status}; redirects are not followed.`, status));
        else resolve(failed(`Answered ${status}.`, status));
      });
      response.on("error", (error) => resolve(failed(error.message, response.statusCode ?? null)));
    });
    request.on("timeout", () => request.destroy(new Error(`No answer within ${options.timeoutMs} ms.`)));
    request.on("error", (error) => resolve(failed(error.message)));
    request.end(body);
  });
}
