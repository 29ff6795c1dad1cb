import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import type pg from "pg";
import type { Config } from "../config/config.ts";
import { createDatabase, createPool, type Database } from "../db/client.ts";
import { marketProgress } from "../db/settlement.repository.ts";
import { createLog, type Log } from "./log.ts";
import { createMetrics, type Metrics } from "./metrics.ts";

/** Everything that does I/O, built once at start and passed down as one plain object. */
export interface Dependencies {
  config: Config;
  log: Log;
  pool: pg.Pool;
  db: Database;
  redis: Redis;
  /**
   * The connection for the durable path (JetStream commands and events, KV leases). Null while
   * NATS is unreachable; a background loop keeps trying.
   */
  nats: () => NatsConnection | null;
  /**
   * A second connection for live traffic (core NATS `<ns>.live.…`: book diffs, trades, candles,
   * user updates, revocations). Kept apart so that a flood of live messages, or a subscriber NATS
   * holds back as slow, can never stall a JetStream publish or ack on `nats`.
   */
  liveNats: () => NatsConnection | null;
  /** The process's Prometheus metrics (kernel/metrics.ts), shared by a platform's components. */
  metrics: Metrics;
  close(): Promise<void>;
}

export async function createDependencies(
  config: Config,
  component: string,
  options: { poolSize?: number; metrics?: Metrics } = {},
): Promise<Dependencies> {
  const log = createLog(config, component);
  const pool = createPool(config.databaseUrl, options.poolSize ?? 10, `eventhub-${component}`);
  const metrics = options.metrics ?? createMetrics();
  metrics.watchPool(component, pool);
  const redis = new Redis(config.redisUrl, {
    // Fail fast while Redis is down instead of queueing commands behind a dead socket.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
    // Commands issued in the same event-loop turn (concurrent requests' rate-limit charges, say)
    // go to Redis in one write: one syscall for many, not one each.
    enableAutoPipelining: true,
  });
  redis.on("error", () => {});
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });

  const nats = await natsLink(config, log, `eventhub-${component}`);
  const liveNats = await natsLink(config, log, `eventhub-${component}-live`);

  return {
    config,
    log,
    pool,
    db: createDatabase(pool),
    redis,
    nats: nats.current,
    liveNats: liveNats.current,
    metrics,
    async close() {
      await Promise.allSettled([pool.end(), redis.quit(), nats.close(), liveNats.close()]);
    },
  };
}

/** One NATS connection kept up: `current()` is null while down; a loop reconnects every 2 s. */
async function natsLink(config: Config, log: Log, name: string) {
  let connection: NatsConnection | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const open = async (): Promise<void> => {
    try {
      const opened = await connect({
        servers: config.natsUrl,
        name,
        reconnect: true,
        maxReconnectAttempts: -1,
        timeout: 2_000,
        // No stack captured at each request and publish for a timeout that rarely comes: two
        // Error objects per JetStream publish were 17 % of the relay's CPU under bench:e2e.
        noAsyncTraces: true,
      });
      if (closed) return void (await opened.close());
      connection = opened;
      void opened.closed().then(() => {
        connection = null;
        if (!closed) retry = setTimeout(() => void open(), 2_000);
      });
    } catch (error) {
      log.warn("NATS unreachable; retrying", { name, error: (error as Error).message });
      if (!closed) retry = setTimeout(() => void open(), 2_000);
    }
  };
  await open();
  return {
    current: () => connection,
    async close() {
      closed = true;
      clearTimeout(retry);
      await connection?.drain();
    },
  };
}

/** One market as `/readyz` reports it. */
export interface MarketReadiness {
  market: string;
  /** False while settlement has recorded that it cannot apply this market's events. */
  settling: boolean;
  /** The last market sequence settlement applied (0 before the market's first event). */
  settledSequence: number;
  /** Why not settling: the kind of refusal and from which sequence (no personal data). */
  problem?: string;
  /** Since when (ISO 8601) it has not been settling. */
  since?: string;
}

export interface Readiness {
  ready: boolean;
  postgres: boolean;
  redis: boolean;
  nats: boolean;
  /** Per market of the markets table; null when PostgreSQL did not answer. */
  markets: MarketReadiness[] | null;
}

/**
 * Which stores answer right now, and per market whether settlement applies its events; each
 * probe is bounded so a hung store cannot hang the probe.
 *
 * `ready` still means only "this process's stores answer": it is what a load balancer or an
 * orchestrator acts on, and a market settlement refuses is not something taking this process
 * out of service (or restarting it) would mend — every market would lose its API over one
 * market's data, and placing, cancelling and reading go on working for that market too (its
 * orders wait PENDING or unsettled). So `markets[].settling` is reported beside it for people and
 * alerts to act on, and the HTTP status follows `ready` alone. `settling` says whether
 * settlement has recorded a problem (`consumer_offsets.problem`, set when a market's events fail,
 * cleared when they next apply), not whether a settlement process is running at all.
 */
export async function checkReadiness(
  deps: Dependencies,
  options: { settlementConsumer: string },
): Promise<Readiness> {
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_500)),
    ]);
  const [postgres, redis, nats, progress] = await Promise.all([
    within(deps.pool.query("SELECT 1")).then(
      () => true,
      () => false,
    ),
    within(deps.redis.ping()).then(
      () => true,
      () => false,
    ),
    (async () => {
      const connections = [deps.nats(), deps.liveNats()];
      if (connections.some((nc) => !nc || nc.isClosed())) return false;
      return within(Promise.all(connections.map((nc) => nc!.flush()))).then(
        () => true,
        () => false,
      );
    })(),
    within(marketProgress(deps.pool, options.settlementConsumer)).catch(() => null),
  ]);
  const markets =
    progress?.map((m): MarketReadiness => {
      const settling = m.problem === null;
      return {
        market: m.market,
        settling,
        settledSequence: m.lastSequence,
        ...(settling ? {} : { problem: m.problem!, since: m.problemSince?.toISOString() }),
      };
    }) ?? null;
  return { ready: postgres && redis && nats, postgres, redis, nats, markets };
}
