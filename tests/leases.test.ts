import { randomBytes } from "node:crypto";
import { jetstreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { connect } from "@nats-io/transport-node";
import { expect, it } from "vitest";
import { MarketLeases } from "../workers/matcher/leases.ts";

/**
 * Issue 12: leases went from 4 s to 3 s. A bucket an earlier version made keeps its TTL on
 * `create`; opening the leases gives it the new one, or fail-over would still wait 4 s.
 */
it("gives a lease bucket made with another TTL this version's", { timeout: 15_000 }, async () => {
  const nc = await connect({ servers: process.env.NATS_URL ?? "nats://127.0.0.1:4222" });
  const bucket = `leases_test_${randomBytes(4).toString("hex")}`;
  const jsm = await jetstreamManager(nc);
  try {
    await new Kvm(nc).create(bucket, { ttl: 4_000, history: 1 });
    const leases = new MarketLeases("host:1:test", bucket, 3_000);
    await leases.open(nc);
    const { config } = await jsm.streams.info(`KV_${bucket}`);
    expect(config.max_age).toBe(3_000_000_000);
    expect(await leases.claim("BTC_USDT")).toBeGreaterThan(0);
    const other = new MarketLeases("host:2:test", bucket, 3_000);
    await other.open(nc);
    expect(await other.claim("BTC_USDT")).toBeNull(); // held
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(await other.claim("BTC_USDT")).toBeGreaterThan(0); // expired after 3 s, not 4
  } finally {
    await jsm.streams.delete(`KV_${bucket}`).catch(() => undefined);
    await nc.close();
  }
});
