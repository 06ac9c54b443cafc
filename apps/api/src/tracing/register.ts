import { startTracing, tracingConfigured } from "./sdk.ts";

/**
 * Imported first by main.ts, so the instrumentations are in place before the modules they
 * instrument load. Undefined when no collector is configured.
 */
export const tracing = tracingConfigured() ? startTracing() : undefined;
