import type { Redis } from "ioredis";

/**
 * The order book mirrored to Redis by the matcher: per market a hash of price → amount per side
 * (decimal strings) and the market sequence the mirror reflects. Written in one MULTI per batch.
 */
const keys = (namespace: string, market: string) => ({
  bids: `${namespace}:book:${market}:bids`,
  asks: `${namespace}:book:${market}:asks`,
  seq: `${namespace}:book:${market}:seq`,
});

export interface MirrorLevels {
  /** [price, amount]; amount "0" removes the level. */
  bids: [string, string][];
  asks: [string, string][];
}

export async function writeBookMirror(
  redis: Redis,
  namespace: string,
  market: string,
  seq: number,
  levels: MirrorLevels,
  replace: boolean,
): Promise<void> {
  const k = keys(namespace, market);
  const tx = redis.multi();
  if (replace) tx.del(k.bids, k.asks);
  for (const [side, key] of [
    [levels.bids, k.bids],
    [levels.asks, k.asks],
  ] as const) {
    const removed = side.filter(([, amount]) => amount === "0").map(([price]) => price);
    const kept = side.filter(([, amount]) => amount !== "0").flat();
    if (removed.length) tx.hdel(key, ...removed);
    if (kept.length) tx.hset(key, ...kept);
  }
  tx.set(k.seq, String(seq));
  const results = await tx.exec();
  const failed = results?.find(([error]) => error);
  if (!results || failed) throw failed?.[0] ?? new Error("Redis transaction aborted");
}

export interface MirroredBook {
  seq: string;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

/** The top `depth` levels per side, best first; null if the matcher never mirrored the market. */
export async function readBookMirror(
  redis: Redis,
  namespace: string,
  market: string,
  depth: number,
): Promise<MirroredBook | null> {
  const k = keys(namespace, market);
  const results = await redis.multi().get(k.seq).hgetall(k.bids).hgetall(k.asks).exec();
  if (!results) throw new Error("Redis transaction aborted");
  const [[, seq], [, bids], [, asks]] = results as [
    [Error | null, string | null],
    [Error | null, Record<string, string>],
    [Error | null, Record<string, string>],
  ];
  if (seq === null) return null;
  const levels = (hash: Record<string, string>, descending: boolean) =>
    Object.entries(hash)
      .map(([price, amount]) => ({ price, amount, key: decimalKey(price) }))
      .sort((a, b) => (a.key === b.key ? 0 : a.key < b.key === descending ? 1 : -1))
      .slice(0, depth)
      .map(({ price, amount }) => ({ price, amount }));
  return { seq, bids: levels(bids, true), asks: levels(asks, false) };
}

/** Sort key of a non-negative decimal string without floats. */
function decimalKey(text: string): bigint {
  const [integer = "0", fraction = ""] = text.split(".");
  return BigInt(integer) * 10n ** 18n + BigInt(fraction.padEnd(18, "0").slice(0, 18) || "0");
}

export async function deleteBookMirror(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<void> {
  const k = keys(namespace, market);
  await redis.del(k.bids, k.asks, k.seq);
}
