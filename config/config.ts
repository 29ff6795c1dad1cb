import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  /**
   * Port of a process's own `/metrics` server (on `host`); 0 for none. The API also serves
   * `/metrics` on `port`.
   */
  metricsPort: number;
  databaseUrl: string;
  redisUrl: string;
  natsUrl: string;
  jwtSecret: string;
  demoFaucet: boolean;
  /** `npm start` imports recent history and runs the demo bots (bots/) on the demo markets. */
  demoBots: boolean;
  /** Prefix of every Redis key and NATS stream/subject this deployment owns. */
  namespace: string;
  logLevel: "debug" | "info" | "warn" | "error";
  /** Most operations (subscriptions, queries, mutations) running at once on one graphql-ws socket. */
  wsMaxOperationsPerSocket: number;
  /** Most graphql-ws sockets one client IP may hold open on one API process. */
  wsMaxSocketsPerIp: number;
  /** How often (ms) each socket is pinged; a peer silent for as long again is dropped. */
  /** Addresses of our own reverse proxies: only behind them is X-Forwarded-For believed. */
  trustedProxies: ReadonlySet<string>;
  /** Browser origins allowed cross-origin (CORS) and on websocket upgrades; empty: none listed. */
  corsOrigins: ReadonlySet<string>;
  wsPingIntervalMs: number;
  /** Messages one graphql-ws socket may send a second (bursts of twice that); more: close 4429. */
  wsMaxMessagesPerSecond: number;
  /** How often (ms) the credentials of all open sockets are checked against the database. */
  wsCredentialSweepMs: number;
  /** Bytes one socket may have waiting to be sent before it is cut as a slow consumer (4413). */
  wsMaxBufferedBytes: number;
  /** Book diffs arriving within this many ms go to subscribers as one update (0: each at once). */
  liveBookConflateMs: number;
  /** Live frames for a socket are gathered this many ms and written at once (0: each loop turn). */
  liveFlushMs: number;
  /** Longest (ms) a cached public market-data answer is served (api/read-cache.ts); 0: no cache. */
  readCacheMaxAgeMs: number;
  /** Public market-data queries run compiled by graphql-jit (api/jit-executor.ts). */
  graphqlJit: boolean;
  /**
   * Scheduling niceness (0–19) a process running only settlement and/or market data gives itself
   * (workers/priority.ts), so on shared cores the order-entry path (API, relay, matcher) gets
   * the larger share of the CPU; 0 leaves it as started.
   */
  batchWorkerNice: number;
  /** Registrations one client IP may make per hour (each costs a 128 MiB scrypt). */
  registrationsPerIpPerHour: number;
  /** Orders per second one API key (or one user's sessions) may place, sustained. */
  orderRatePerSecond: number;
  /** Orders one API key (or one user's sessions) may place at once before the rate applies. */
  orderBurst: number;
  /** Open orders (PENDING, OPEN, PARTIALLY_FILLED) one user may hold on one market. */
  maxOpenOrdersPerMarket: number;
  /** Request weight (services/request-weight.ts) one API key may spend per minute. */
  rateLimitKeyWeightPerMinute: number;
  /** Request weight one user may spend per minute over all its keys and sessions. */
  rateLimitUserWeightPerMinute: number;
  /** Request weight one client address may spend per minute without credentials. */
  rateLimitIpWeightPerMinute: number;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

const DEV_SECRET_FILE = resolve(import.meta.dirname, "../.cache/jwt-secret");

/** Reads and validates the environment once at start; every problem is listed in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const nodeEnv = (env.NODE_ENV ?? "development") as Config["env"];
  if (!["development", "production", "test"].includes(nodeEnv)) {
    problems.push(`NODE_ENV must be development, production or test (got "${nodeEnv}")`);
  }

  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`PORT must be an integer 0–65535 (got "${env.PORT}")`);
  }
  const metricsPort = Number(env.METRICS_PORT || 0);
  if (!Number.isInteger(metricsPort) || metricsPort < 0 || metricsPort > 65535) {
    problems.push(
      `METRICS_PORT must be an integer 0–65535, 0 for none (got "${env.METRICS_PORT}")`,
    );
  }

  const urls = {
    databaseUrl: url(env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/eventhub", [
      "postgres:",
      "postgresql:",
    ]),
    redisUrl: url(env.REDIS_URL ?? "redis://127.0.0.1:6379", ["redis:", "rediss:"]),
    natsUrl: url(env.NATS_URL ?? "nats://127.0.0.1:4222", ["nats:", "tls:"]),
  };
  for (const [name, value] of Object.entries(urls)) {
    if (value instanceof Error) problems.push(`${toEnvName(name)}: ${value.message}`);
  }

  let jwtSecret = env.JWT_SECRET ?? "";
  if (!jwtSecret) {
    if (nodeEnv === "production") problems.push("JWT_SECRET is required in production");
    else jwtSecret = developmentSecret();
  } else if (jwtSecret.length < 32) {
    problems.push("JWT_SECRET must be at least 32 characters");
  }

  const demoFaucet = flag(env.DEMO_FAUCET, nodeEnv !== "production");
  if (demoFaucet instanceof Error) problems.push(`DEMO_FAUCET: ${demoFaucet.message}`);
  const demoBots = flag(env.DEMO_BOTS, nodeEnv === "development");
  if (demoBots instanceof Error) problems.push(`DEMO_BOTS: ${demoBots.message}`);
  const graphqlJit = flag(env.GRAPHQL_JIT, true);
  if (graphqlJit instanceof Error) problems.push(`GRAPHQL_JIT: ${graphqlJit.message}`);

  const namespace = env.EVENTHUB_NAMESPACE ?? "eventhub";
  if (!/^[a-zA-Z0-9_-]{1,40}$/.test(namespace)) {
    problems.push("EVENTHUB_NAMESPACE may hold only letters, digits, _ and - (1–40)");
  }

  const logLevel = (env.LOG_LEVEL ?? "info") as Config["logLevel"];
  if (!["debug", "info", "warn", "error"].includes(logLevel)) {
    problems.push(`LOG_LEVEL must be debug, info, warn or error (got "${logLevel}")`);
  }

  const corsOrigins = parseCorsOrigins(env.CORS_ORIGINS, problems);

  const batchWorkerNice = nonNegativeInteger(env, "BATCH_WORKER_NICE", 5, problems);
  if (batchWorkerNice > 19) {
    problems.push(`BATCH_WORKER_NICE must be 0–19 (got "${env.BATCH_WORKER_NICE}")`);
  }

  const sockets = {
    wsMaxOperationsPerSocket: positiveInteger(env, "WS_MAX_OPERATIONS_PER_SOCKET", 100, problems),
    wsMaxSocketsPerIp: positiveInteger(env, "WS_MAX_SOCKETS_PER_IP", 500, problems),
    trustedProxies: new Set(
      (env.TRUSTED_PROXIES ?? "")
        .split(",")
        .map((address) => address.trim())
        .filter(Boolean),
    ),
    wsPingIntervalMs: positiveInteger(env, "WS_PING_INTERVAL_MS", 30_000, problems),
    wsMaxMessagesPerSecond: positiveInteger(env, "WS_MAX_MESSAGES_PER_SECOND", 100, problems),
    wsCredentialSweepMs: positiveInteger(env, "WS_CREDENTIAL_SWEEP_MS", 1_000, problems),
    wsMaxBufferedBytes: positiveInteger(env, "WS_MAX_BUFFERED_BYTES", 262_144, problems),
    liveBookConflateMs: nonNegativeInteger(env, "LIVE_BOOK_CONFLATE_MS", 0, problems),
    liveFlushMs: nonNegativeInteger(env, "LIVE_FLUSH_MS", 20, problems),
    readCacheMaxAgeMs: nonNegativeInteger(env, "READ_CACHE_MAX_AGE_MS", 1_000, problems),
  };

  const limits = {
    registrationsPerIpPerHour: positiveInteger(env, "REGISTRATIONS_PER_IP_HOUR", 10, problems),
    orderRatePerSecond: positiveInteger(env, "ORDER_RATE_PER_SECOND", 50, problems),
    orderBurst: positiveInteger(env, "ORDER_BURST", 100, problems),
    maxOpenOrdersPerMarket: positiveInteger(env, "MAX_OPEN_ORDERS_PER_MARKET", 200, problems),
    rateLimitKeyWeightPerMinute: positiveInteger(
      env,
      "RATE_LIMIT_KEY_WEIGHT_PER_MINUTE",
      1_200,
      problems,
    ),
    rateLimitUserWeightPerMinute: positiveInteger(
      env,
      "RATE_LIMIT_USER_WEIGHT_PER_MINUTE",
      6_000,
      problems,
    ),
    rateLimitIpWeightPerMinute: positiveInteger(
      env,
      "RATE_LIMIT_IP_WEIGHT_PER_MINUTE",
      1_200,
      problems,
    ),
  };

  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
  return {
    env: nodeEnv,
    port,
    host: env.HOST ?? "127.0.0.1",
    metricsPort,
    databaseUrl: urls.databaseUrl as string,
    redisUrl: urls.redisUrl as string,
    natsUrl: urls.natsUrl as string,
    jwtSecret,
    demoFaucet: demoFaucet as boolean,
    demoBots: demoBots as boolean,
    graphqlJit: graphqlJit as boolean,
    batchWorkerNice,
    namespace,
    logLevel,
    corsOrigins,
    ...sockets,
    ...limits,
  };
}

/** Parses `CORS_ORIGINS`: each entry must be an exact http(s) origin. */
function parseCorsOrigins(raw: string | undefined, problems: string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of (raw ?? "").split(",").map((s) => s.trim())) {
    if (!entry) continue;
    let origin: string | null = null;
    try {
      const url = new URL(entry);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === entry) {
        origin = url.origin;
      }
    } catch {
      // reported below
    }
    if (origin) origins.add(origin);
    else {
      problems.push(
        `CORS_ORIGINS entries must be exact origins like https://app.example.com (scheme, host, optional port; no path, no trailing slash, no wildcard) (got "${entry}")`,
      );
    }
  }
  return origins;
}

function positiveInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
): number {
  return integerAtLeast(1, env, name, fallback, problems);
}

function nonNegativeInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
): number {
  return integerAtLeast(0, env, name, fallback, problems);
}

function integerAtLeast(
  least: 0 | 1,
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < least) {
    const what = least === 1 ? "a positive integer" : "an integer of 0 or more";
    problems.push(`${name} must be ${what} (got "${raw}")`);
    return fallback;
  }
  return value;
}

function url(value: string, protocols: string[]): string | Error {
  try {
    const parsed = new URL(value);
    if (!protocols.includes(parsed.protocol)) {
      return new Error(`expected ${protocols.join(" or ")}//… (got ${parsed.protocol}//…)`);
    }
    return value;
  } catch {
    return new Error("not a valid URL");
  }
}

function flag(value: string | undefined, fallback: boolean): boolean | Error {
  if (value === undefined || value === "") return fallback;
  if (["1", "true", "on", "yes"].includes(value.toLowerCase())) return true;
  if (["0", "false", "off", "no"].includes(value.toLowerCase())) return false;
  return new Error(`expected true or false (got "${value}")`);
}

function toEnvName(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
}

/** A development secret made once and kept in .cache/ so sessions survive a restart. */
function developmentSecret(): string {
  if (existsSync(DEV_SECRET_FILE)) return readFileSync(DEV_SECRET_FILE, "utf8").trim();
  const secret = randomBytes(48).toString("base64url");
  mkdirSync(dirname(DEV_SECRET_FILE), { recursive: true });
  writeFileSync(DEV_SECRET_FILE, secret, { mode: 0o600 });
  return secret;
}
