import { jetstreamManager } from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import type { NatsConnection } from "@nats-io/transport-node";

/**
 * Who owns which market: one key per market in a NATS KV bucket whose entries live `ttlMs`.
 * `create` is the claim, `update` at the last revision renews it, `delete` at that revision hands
 * it back; a revision that moved on means another instance holds the market now.
 */
export class MarketLeases {
  private kv: KV | null = null;

  constructor(
    private readonly instanceId: string,
    private readonly bucket: string,
    private readonly ttlMs: number,
  ) {}

  get opened(): boolean {
    return this.kv !== null;
  }

  /**
   * Creates (or binds to) the bucket; until then no market can be claimed. A bucket an earlier
   * version made with another TTL keeps it on `create`, so its stream is given this one (entries
   * and the duplicate window both live `ttlMs`).
   */
  async open(nc: NatsConnection): Promise<void> {
    const kv = await new Kvm(nc).create(this.bucket, { ttl: this.ttlMs, history: 1 });
    if ((await kv.status()).ttl !== this.ttlMs) {
      const jsm = await jetstreamManager(nc);
      const stream = `KV_${this.bucket}`;
      const { config } = await jsm.streams.info(stream);
      const ttlNs = this.ttlMs * 1_000_000;
      await jsm.streams.update(stream, { ...config, max_age: ttlNs, duplicate_window: ttlNs });
    }
    this.kv = kv;
  }

  /** The new lease's revision, or null when another instance owns the market (or no bucket). */
  async claim(market: string): Promise<number | null> {
    if (!this.kv) return null;
    try {
      return await this.kv.create(market, this.instanceId);
    } catch {
      return null;
    }
  }

  /** The renewed lease's revision; throws when the lease is lost. */
  async renew(market: string, revision: number): Promise<number> {
    if (!this.kv) throw new Error("the lease bucket is not open");
    return this.kv.update(market, this.instanceId, revision);
  }

  /** Hands a market back, only if this instance still holds it at `revision`; never throws. */
  async release(market: string, revision: number): Promise<void> {
    await this.kv?.delete(market, { previousSeq: revision }).catch(() => {});
  }
}
