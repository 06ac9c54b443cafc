import type { Database, PoolUsage } from "@engagement-tracker/db";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** How a GraphQL request ended: answered, refused with payload errors (nothing written), or failed with GraphQL errors. */
export type Outcome = "success" | "refused" | "error";

export interface OperationObservation {
  operation: string;
  type: string;
  outcome: Outcome;
  seconds: number;
}

export interface Metrics {
  registry: Registry;
  /** Open subscription connections: whatever serves subscriptions raises and lowers it. */
  subscriptionConnections: Gauge;
  /** HTTP requests being served right now. */
  requestsInFlight: Gauge;
  observeHttpRequest(labels: { method: string; route: string; status: number }, seconds: number): void;
  observeOperation(observation: OperationObservation): void;
  countError(code: string): void;
  countRefusal(code: string): void;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names come from clients; past this many distinct ones, further names are counted
 * as "(other)" so a client cannot grow the label set (and the process's memory) without bound.
 */
const MAX_OPERATION_NAMES = 200;
const OTHER_OPERATIONS = "(other)";

/** A registry of its own per server, so servers in one process (tests) do not share counts. */
export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  // Process metrics: CPU, memory, handles, GC, and event-loop lag (nodejs_eventloop_lag_*).
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  const registers = [registry];

  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP requests by method, route and status, and how long they took.",
    labelNames: ["method", "route", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const requestsInFlight = new Gauge({
    name: "http_requests_in_flight",
    help: "HTTP requests being served.",
    registers,
  });
  const operationDuration = new Histogram({
    name: "graphql_operation_duration_seconds",
    help: "GraphQL requests by operation name and type, and how long they took.",
    labelNames: ["operation", "type"] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const operations = new Counter({
    name: "graphql_operations_total",
    help: "GraphQL requests by operation name, type and outcome (success, refused, error).",
    labelNames: ["operation", "type", "outcome"] as const,
    registers,
  });
  const errors = new Counter({
    name: "graphql_errors_total",
    help: "GraphQL errors sent to clients, by extensions.code.",
    labelNames: ["code"] as const,
    registers,
  });
  const refusals = new Counter({
    name: "graphql_payload_errors_total",
    help: "Expected refusals in mutation payloads (VALIDATION, VERSION_CONFLICT, …), by code.",
    labelNames: ["code"] as const,
    registers,
  });
  const subscriptionConnections = new Gauge({
    name: "graphql_subscription_connections",
    help: "Open GraphQL subscription connections.",
    registers,
  });
  registerPoolGauges(db, registers);

  const knownOperations = new Set<string>();
  const operationLabel = (name: string) => {
    if (knownOperations.has(name)) return name;
    if (knownOperations.size >= MAX_OPERATION_NAMES) return OTHER_OPERATIONS;
    knownOperations.add(name);
    return name;
  };

  return {
    registry,
    subscriptionConnections,
    requestsInFlight,
    observeHttpRequest: ({ method, route, status }, seconds) =>
      httpDuration.observe({ method, route, status: String(status) }, seconds),
    observeOperation({ operation, type, outcome, seconds }) {
      const name = operationLabel(operation);
      operationDuration.observe({ operation: name, type }, seconds);
      operations.inc({ operation: name, type, outcome });
    },
    countError: (code) => errors.inc({ code }),
    countRefusal: (code) => refusals.inc({ code }),
  };
}

/** Connection pool use, read at each scrape; the embedded database has no pool and reports none. */
function registerPoolGauges(db: Database, registers: Registry[]): void {
  if (!db.poolUsage()) return;
  const gauge = (name: string, help: string, read: (usage: PoolUsage) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        const usage = db.poolUsage();
        if (usage) this.set(read(usage));
      },
    });
  gauge("db_pool_max_connections", "Most connections the database pool may open.", (usage) => usage.max);
  gauge("db_pool_open_connections", "Connections the database pool has open.", (usage) => usage.open);
  gauge(
    "db_pool_busy_connections",
    "Open connections running a query or transaction.",
    (usage) => usage.open - usage.idle,
  );
  gauge("db_pool_waiting_queries", "Queries waiting for a free pooled connection.", (usage) => usage.waiting);
}
