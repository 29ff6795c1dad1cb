import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("defaults to the local services and port 4000 in development", () => {
    const config = loadConfig({ JWT_SECRET: "x".repeat(32) });
    expect(config).toMatchObject({
      env: "development",
      port: 4000,
      databaseUrl: "postgres://postgres@127.0.0.1:5432/eventhub",
      redisUrl: "redis://127.0.0.1:6379",
      natsUrl: "nats://127.0.0.1:4222",
      demoFaucet: true,
    });
  });

  it("lists every problem in one message", () => {
    const attempt = () =>
      loadConfig({
        NODE_ENV: "production",
        PORT: "nope",
        REDIS_URL: "http://x",
        DEMO_FAUCET: "maybe",
      });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /PORT[\s\S]*REDIS_URL[\s\S]*JWT_SECRET is required in production[\s\S]*DEMO_FAUCET/,
    );
  });

  it("turns the faucet off in production unless asked", () => {
    const secret = "y".repeat(32);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: secret }).demoFaucet).toBe(false);
    expect(
      loadConfig({ NODE_ENV: "production", JWT_SECRET: secret, DEMO_FAUCET: "on" }).demoFaucet,
    ).toBe(true);
  });

  it("runs the demo bots in development only, unless asked", () => {
    const secret = "y".repeat(32);
    expect(loadConfig({ JWT_SECRET: secret }).demoBots).toBe(true);
    expect(loadConfig({ NODE_ENV: "test", JWT_SECRET: secret }).demoBots).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", JWT_SECRET: secret }).demoBots).toBe(false);
    expect(loadConfig({ JWT_SECRET: secret, DEMO_BOTS: "off" }).demoBots).toBe(false);
    expect(() => loadConfig({ JWT_SECRET: secret, DEMO_BOTS: "sometimes" })).toThrow(/DEMO_BOTS/);
  });

  it("batch workers' niceness defaults to 5 and stays within 0–19", () => {
    const secret = { JWT_SECRET: "n".repeat(32) };
    expect(loadConfig(secret).batchWorkerNice).toBe(5);
    expect(loadConfig({ ...secret, BATCH_WORKER_NICE: "0" }).batchWorkerNice).toBe(0);
    for (const bad of ["20", "-1", "high"]) {
      expect(() => loadConfig({ ...secret, BATCH_WORKER_NICE: bad })).toThrow(/BATCH_WORKER_NICE/);
    }
  });

  it("refuses a short JWT secret", () => {
    expect(() => loadConfig({ JWT_SECRET: "short" })).toThrow(/at least 32/);
  });

  it("abuse limits have real defaults and refuse what is not a positive integer", () => {
    const secret = { JWT_SECRET: "z".repeat(32) };
    expect(loadConfig(secret)).toMatchObject({
      registrationsPerIpPerHour: 10,
      orderRatePerSecond: 50,
      orderBurst: 100,
      maxOpenOrdersPerMarket: 200,
      rateLimitKeyWeightPerMinute: 1_200,
      rateLimitUserWeightPerMinute: 6_000,
      rateLimitIpWeightPerMinute: 1_200,
    });
    expect(() => loadConfig({ ...secret, RATE_LIMIT_KEY_WEIGHT_PER_MINUTE: "0" })).toThrow(
      /RATE_LIMIT_KEY_WEIGHT_PER_MINUTE must be a positive integer/,
    );
    expect(
      loadConfig({ ...secret, MAX_OPEN_ORDERS_PER_MARKET: "500" }).maxOpenOrdersPerMarket,
    ).toBe(500);
    expect(() =>
      loadConfig({ ...secret, ORDER_RATE_PER_SECOND: "0", REGISTRATIONS_PER_IP_HOUR: "lots" }),
    ).toThrow(/REGISTRATIONS_PER_IP_HOUR[\s\S]*ORDER_RATE_PER_SECOND/);
  });
});
