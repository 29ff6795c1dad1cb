import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import type pg from "pg";
import type { Config } from "../config/config.ts";
import { createDatabase, createPool, type Database } from "../db/client.ts";
import { createLog, type Log } from "./log.ts";

/** Everything that does I/O, built once at start and passed down as one plain object. */
export interface Dependencies {
  config: Config;
  log: Log;
  pool: pg.Pool;
  db: Database;
  redis: Redis;
  /** Null while NATS is unreachable; a background loop keeps trying. */
  nats: () => NatsConnection | null;
  close(): Promise<void>;
}

export async function createDependencies(
  config: Config,
  component: string,
  options: { poolSize?: number } = {},
): Promise<Dependencies> {
  const log = createLog(config, component);
  const pool = createPool(config.databaseUrl, options.poolSize ?? 10);
  const redis = new Redis(config.redisUrl, {
    // Fail fast while Redis is down instead of queueing commands behind a dead socket.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    retryStrategy: (times) => Math.min(times * 200, 2_000),
  });
  redis.on("error", () => {});
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    redis.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });

  let nats: NatsConnection | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connectNats = async (): Promise<void> => {
    try {
      const connection = await connect({
        servers: config.natsUrl,
        name: `eventhub-${component}`,
        reconnect: true,
        maxReconnectAttempts: -1,
        timeout: 2_000,
      });
      if (closed) return void (await connection.close());
      nats = connection;
      void connection.closed().then(() => {
        nats = null;
        if (!closed) retry = setTimeout(() => void connectNats(), 2_000);
      });
    } catch (error) {
      log.warn("NATS unreachable; retrying", { error: (error as Error).message });
      if (!closed) retry = setTimeout(() => void connectNats(), 2_000);
    }
  };
  await connectNats();

  return {
    config,
    log,
    pool,
    db: createDatabase(pool),
    redis,
    nats: () => nats,
    async close() {
      closed = true;
      clearTimeout(retry);
      await Promise.allSettled([pool.end(), redis.quit(), nats?.drain()]);
    },
  };
}

export interface Readiness {
  ready: boolean;
  postgres: boolean;
  redis: boolean;
  nats: boolean;
}

/** Which stores answer right now; each probe is bounded so a hung store cannot hang the probe. */
export async function checkReadiness(deps: Dependencies): Promise<Readiness> {
  const within = <T>(p: Promise<T>) =>
    Promise.race([
      p,
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_500)),
    ]);
  const [postgres, redis, nats] = await Promise.all([
    within(deps.pool.query("SELECT 1")).then(
      () => true,
      () => false,
    ),
    within(deps.redis.ping()).then(
      () => true,
      () => false,
    ),
    (async () => {
      const nc = deps.nats();
      if (!nc || nc.isClosed()) return false;
      return within(nc.flush()).then(
        () => true,
        () => false,
      );
    })(),
  ]);
  return { ready: postgres && redis && nats, postgres, redis, nats };
}
