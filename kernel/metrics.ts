import type { ServerResponse } from "node:http";
import type pg from "pg";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

/*
 * Every Prometheus metric of EventHub, defined once; docs/OPERATIONS.md lists them with the
 * alerts to set. Labels are bounded sets only (markets, components, error codes, a capped set of
 * operation names): never a user, an email, a key, an order id or anything a client makes up.
 */

/** Seconds buckets from 0.5 ms to 10 s: a request, a batch, a transaction. */
const LATENCY_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];
/** LATENCY_BUCKETS with finer steps between 5 and 50 ms, where an order's request is judged. */
const HTTP_BUCKETS = [
  0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.1, 0.25, 0.5,
  1, 2.5, 5, 10,
];
/** Seconds buckets up to a minute: a command waiting through a fail-over or a replay. */
const AGE_BUCKETS = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60,
];

/** Distinct operationName labels one process keeps; later names are counted as OTHER_OPERATION. */
export const MAX_OPERATION_NAMES = 50;
export const OTHER_OPERATION = "other";
export const ANONYMOUS_OPERATION = "anonymous";
/** The label of a request that never resolved to an operation (parse or validation failure). */
export const INVALID_OPERATION = "invalid";
/** The market label of a refusal naming a market that does not exist. */
export const UNKNOWN_MARKET = "unknown";

/** What graphql-ws holds on one API process right now. */
export interface SocketCounts {
  connections: number;
  subscriptions: number;
}

/**
 * A registry and every metric in it. One per platform (workers/platform.ts: the components run
 * in one Node process share it, so the API's `/metrics` shows them all), reached through
 * `deps.metrics`; several platforms in one process (the tests) each have their own and never
 * collide. Values read from memory are read at scrape time (`watch…`); values that need a query
 * are polled by workers/observability.ts, never on a request's path.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const pools = new Map<string, pg.Pool>();
  const sockets = new Set<() => SocketCounts>();
  const matchers = new Set<() => ReadonlyMap<string, number>>();
  const operationNames = new Set<string>();

  const poolGauge = (name: string, help: string, read: (pool: pg.Pool) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["component"] as const,
      registers,
      collect() {
        this.reset();
        for (const [component, pool] of pools) this.set({ component }, read(pool));
      },
    });
  const socketGauge = (name: string, help: string, read: (counts: SocketCounts) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        let sum = 0;
        for (const counts of sockets) sum += read(counts());
        this.set(sum);
      },
    });

  const metrics = {
    registry,

    // ── orders, as the API takes them and the matcher decides them ──
    ordersPlaced: new Counter({
      name: "eventhub_orders_placed_total",
      help: "Orders the API accepted: funds locked and the order queued PENDING for the matcher (a retry answered with the order a clientOrderId already made is not counted)",
      labelNames: ["market"] as const,
      registers,
    }),
    ordersRejected: new Counter({
      name: "eventhub_orders_rejected_total",
      help: "Orders refused: stage=api by the API before anything changed (reason: the error code, e.g. INSUFFICIENT_FUNDS; market 'unknown' for a market that does not exist), stage=matcher by the matching engine (reason: its rejection code, e.g. POST_ONLY_WOULD_TAKE)",
      labelNames: ["market", "stage", "reason"] as const,
      registers,
    }),
    orderCancelRequests: new Counter({
      name: "eventhub_order_cancel_requests_total",
      help: "Cancels the API accepted and queued for the matcher",
      labelNames: ["market"] as const,
      registers,
    }),
    ordersCancelled: new Counter({
      name: "eventhub_orders_cancelled_total",
      help: "Orders the matcher took off the book on a cancel request (terminal 'cancelled' events)",
      labelNames: ["market"] as const,
      registers,
    }),
    ordersExpired: new Counter({
      name: "eventhub_orders_expired_total",
      help: "Orders whose rest will never trade, by the matcher's reason (IOC_REMAINDER, FOK_NOT_FILLABLE, SELF_TRADE, MARKET_NO_LIQUIDITY, MARKET_BUDGET, MAX_MAKERS)",
      labelNames: ["market", "reason"] as const,
      registers,
    }),
    trades: new Counter({
      name: "eventhub_trades_total",
      help: "Trades the matcher made (one per maker order filled by a taker)",
      labelNames: ["market"] as const,
      registers,
    }),

    // ── matcher ──
    matcherCommands: new Counter({
      name: "eventhub_matcher_commands_total",
      help: "Commands (places and cancels) the matcher applied, replays after a fail-over included",
      labelNames: ["market"] as const,
      registers,
    }),
    matcherBatchDuration: new Histogram({
      name: "eventhub_matcher_batch_duration_seconds",
      help: "Seconds to apply one batch of commands: match, publish the events to JetStream, write the Redis book mirror",
      labelNames: ["market"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    matcherCommandAge: new Histogram({
      name: "eventhub_matcher_command_age_seconds",
      help: "Seconds from a command's arrival in the JetStream command stream (the server's clock) to its events published by the matcher (this host's clock); a fail-over's replay shows as old commands",
      labelNames: ["market"] as const,
      buckets: AGE_BUCKETS,
      registers,
    }),
    matcherOwnedMarkets: new Gauge({
      name: "eventhub_matcher_owned_markets",
      help: "Markets whose lease this process's matcher holds and runs",
      registers,
      collect() {
        let owned = 0;
        for (const read of matchers) owned += read().size;
        this.set(owned);
      },
    }),
    matcherSequence: new Gauge({
      name: "eventhub_matcher_sequence",
      help: "Last market sequence the matcher applied, per market this process owns (one sequence per command that changed the book)",
      labelNames: ["market"] as const,
      registers,
      collect() {
        this.reset();
        for (const read of matchers) for (const [market, seq] of read()) this.set({ market }, seq);
      },
    }),

    // ── settlement and the event consumers ──
    settlementLag: new Gauge({
      name: "eventhub_settlement_lag_sequences",
      help: "Market sequences the matcher applied that settlement has not yet applied, per market this process's matcher owns (polled every 5 s)",
      labelNames: ["market"] as const,
      registers,
    }),
    settledSequence: new Gauge({
      name: "eventhub_settled_sequence",
      help: "Last market sequence settlement applied to PostgreSQL, per market (polled every 5 s by settlement processes)",
      labelNames: ["market"] as const,
      registers,
    }),
    marketStopped: new Gauge({
      name: "eventhub_market_stopped",
      help: "1 while settlement has recorded that it cannot apply the market's events (the market's orders wait unsettled; /readyz says why), else 0 (polled every 5 s by settlement processes)",
      labelNames: ["market"] as const,
      registers,
    }),
    consumerPending: new Gauge({
      name: "eventhub_consumer_pending_messages",
      help: "Event messages in JetStream not yet delivered to the durable consumer (num_pending, polled every 5 s)",
      labelNames: ["consumer"] as const,
      registers,
    }),
    consumerAckPending: new Gauge({
      name: "eventhub_consumer_ack_pending_messages",
      help: "Event messages delivered to the durable consumer and not yet acknowledged (num_ack_pending, polled every 5 s)",
      labelNames: ["consumer"] as const,
      registers,
    }),
    consumerStopped: new Gauge({
      name: "eventhub_consumer_stopped",
      help: "1 while the durable consumer refuses to go on because events it never applied left the stream (retention), else 0",
      labelNames: ["consumer"] as const,
      registers,
    }),
    consumerMessages: new Counter({
      name: "eventhub_consumer_messages_total",
      help: "Event messages a durable consumer handled, by outcome: acked, redelivered (handed back: waiting on an earlier one or failing), failed (its batch threw; redelivered), dropped (not an event batch)",
      labelNames: ["consumer", "outcome"] as const,
      registers,
    }),
    consumerBatchDuration: new Histogram({
      name: "eventhub_consumer_batch_duration_seconds",
      help: "Seconds a durable consumer took to handle one batch of event messages (settlement: the PostgreSQL transaction)",
      labelNames: ["consumer"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),

    // ── relay ──
    outboxMessages: new Gauge({
      name: "eventhub_outbox_messages",
      help: "Commands written to the outbox and not yet published to JetStream by the relay (counted up to 1,000,000; polled every 5 s)",
      registers,
    }),
    outboxOldestAge: new Gauge({
      name: "eventhub_outbox_oldest_age_seconds",
      help: "Age in seconds of the oldest command in the outbox, 0 when empty (polled every 5 s)",
      registers,
    }),

    // ── API ──
    graphqlDuration: new Histogram({
      name: "eventhub_graphql_operation_duration_seconds",
      help: "Seconds from a query or mutation's arrival to its response (authentication included), by transport (http, ws), type and operationName (the first 50 names a process sees; later ones 'other', unnamed 'anonymous', unparsable or invalid 'invalid')",
      labelNames: ["transport", "type", "operation"] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    relayBatchSize: new Histogram({
      name: "eventhub_relay_batch_commands",
      help: "Commands published by one relay round (one outbox take, one commit; workers/relay.worker.ts): rounds that found nothing are not counted",
      buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 500],
      registers,
    }),
    placementBatchSize: new Histogram({
      name: "eventhub_placement_batch_orders",
      help: "Orders written by one group-committed placement statement (one round trip and one commit; services/orders.service.ts): near 1 at low load, larger as placements queue behind the batch in flight",
      buckets: [1, 2, 4, 8, 16, 32, 64, 100],
      registers,
    }),
    placementWalletBusy: new Counter({
      name: "eventhub_placement_wallet_busy_total",
      help: "Placements put into a later batch because another transaction (a settlement, most often) held their wallet row: one count per chain (a request's orders of one market) per try (services/orders.service.ts)",
      registers,
    }),
    cancelBatchSize: new Histogram({
      name: "eventhub_cancel_batch_orders",
      help: "Cancel requests written by one group-committed cancel statement (one round trip and one commit; services/orders.service.ts)",
      buckets: [1, 2, 4, 8, 16, 32, 64, 100],
      registers,
    }),
    graphqlErrors: new Counter({
      name: "eventhub_graphql_errors_total",
      help: "Errors sent to GraphQL clients (HTTP and graphql-ws), by extensions.code; INTERNAL_SERVER_ERROR is a bug or an unexpected failure (logged)",
      labelNames: ["code"] as const,
      registers,
    }),
    httpResponses: new Counter({
      name: "eventhub_http_responses_total",
      help: "HTTP responses of the API by route (/graphql, /healthz, /readyz, /metrics, /graphiql, other) and status code",
      labelNames: ["route", "code"] as const,
      registers,
    }),
    httpDuration: new Histogram({
      name: "eventhub_http_request_duration_seconds",
      help: "Seconds from an HTTP request's arrival at the API (its headers read) to its response sent, by route as eventhub_http_responses_total names it: the server's share of what a client measures",
      labelNames: ["route"] as const,
      buckets: HTTP_BUCKETS,
      registers,
    }),
    rateLimited: new Counter({
      name: "eventhub_rate_limited_total",
      help: "Requests refused by a rate limit: RATE_LIMITED by scope (orders, cancels, login, registration, …) and graphql-ws sockets closed with 4429 (ws_sockets_per_ip, ws_messages_per_second)",
      labelNames: ["limit"] as const,
      registers,
    }),
    websocketConnections: socketGauge(
      "eventhub_websocket_connections",
      "graphql-ws sockets open on this API process",
      (counts) => counts.connections,
    ),
    websocketSubscriptions: socketGauge(
      "eventhub_websocket_subscriptions",
      "Subscriptions running on this API process's graphql-ws sockets",
      (counts) => counts.subscriptions,
    ),

    // ── PostgreSQL pools (one per component) ──
    poolConnections: poolGauge(
      "eventhub_pg_pool_connections",
      "PostgreSQL connections open in the component's pool, idle or in use",
      (pool) => pool.totalCount,
    ),
    poolIdleConnections: poolGauge(
      "eventhub_pg_pool_idle_connections",
      "PostgreSQL connections of the component's pool open and idle",
      (pool) => pool.idleCount,
    ),
    poolWaitingClients: poolGauge(
      "eventhub_pg_pool_waiting_clients",
      "Queries of the component waiting for a PostgreSQL connection because its pool is all in use",
      (pool) => pool.waitingCount,
    ),
    poolMaxConnections: poolGauge(
      "eventhub_pg_pool_max_connections",
      "Size of the component's PostgreSQL pool: connections it may open at most",
      (pool) => pool.options.max,
    ),

    // ── the process ──
    componentRunning: new Gauge({
      name: "eventhub_component_running",
      help: "1 for each component (api, relay, matcher, settlement, marketdata) running in this process",
      labelNames: ["component"] as const,
      registers,
    }),
    pollSuccess: new Gauge({
      name: "eventhub_poll_success_timestamp_seconds",
      help: "Unix time in seconds of the last successful poll behind the polled gauges (outbox, settlement, settlement_lag, <consumer>_consumer); older than a few polls: those gauges are stale",
      labelNames: ["poll"] as const,
      registers,
    }),

    /** Reports the component's pool sizes at every scrape. */
    watchPool(component: string, pool: pg.Pool): void {
      pools.set(component, pool);
    },
    /** Reports an API process's sockets at every scrape; returns what stops it. */
    watchSockets(read: () => SocketCounts): () => void {
      sockets.add(read);
      return () => sockets.delete(read);
    },
    /** Reports a matcher's markets (market → applied sequence) at every scrape. */
    watchMatcher(read: () => ReadonlyMap<string, number>): () => void {
      matchers.add(read);
      return () => matchers.delete(read);
    },
    /**
     * The operation label of a named operation that resolved: its name while fewer than
     * MAX_OPERATION_NAMES distinct names were seen, else OTHER_OPERATION (a client choosing names
     * at will cannot grow the series without bound).
     */
    operationLabel(name: string | null | undefined): string {
      if (!name) return ANONYMOUS_OPERATION;
      if (operationNames.has(name)) return name;
      if (operationNames.size >= MAX_OPERATION_NAMES) return OTHER_OPERATION;
      operationNames.add(name);
      return name;
    },
  };
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

/** Answers a scrape: every metric of the registry in the Prometheus text format. */
export async function writeMetrics(res: ServerResponse, metrics: Metrics): Promise<void> {
  const body = await metrics.registry.metrics();
  res
    .writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" })
    .end(body);
}
