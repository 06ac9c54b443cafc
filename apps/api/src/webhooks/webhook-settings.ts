import { parseAllowList, type AllowList } from "./address-guard.ts";

export interface WebhookSettings {
  /** Hosts, addresses and subnets deliveries may reach although private (WEBHOOK_ALLOWED_HOSTS). */
  allowList: AllowList;
  /** The first retry waits this long; each next one twice as long, up to maxRetryDelayMs. */
  retryBaseMs: number;
  maxRetryDelayMs: number;
  /** A delivery is retried this long after its event; an endpoint failing this long is disabled. */
  retryWindowMs: number;
  /** How long an attempt may wait for the receiver's answer (at most ATTEMPT_EXPIRY_SECONDS). */
  timeoutMs: number;
}

/** A delivery job running longer than this is taken for lost (its process died) and run again. */
export const ATTEMPT_EXPIRY_SECONDS = 60;

export function readWebhookSettings(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  return {
    allowList: parseAllowList(env.WEBHOOK_ALLOWED_HOSTS),
    retryBaseMs: Number(env.WEBHOOK_RETRY_BASE_MS ?? 30_000),
    maxRetryDelayMs: Number(env.WEBHOOK_MAX_RETRY_DELAY_MS ?? 3_600_000),
    retryWindowMs: Number(env.WEBHOOK_RETRY_WINDOW_MS ?? 86_400_000),
    timeoutMs: Math.min(Number(env.WEBHOOK_TIMEOUT_MS ?? 10_000), (ATTEMPT_EXPIRY_SECONDS - 10) * 1000),
  };
}

/** How long to wait after failed attempt number `attempts`: exponential, capped. */
export function retryDelay(
  settings: Pick<WebhookSettings, "retryBaseMs" | "maxRetryDelayMs">,
  attempts: number,
): number {
  return Math.min(settings.retryBaseMs * 2 ** Math.max(attempts - 1, 0), settings.maxRetryDelayMs);
}
