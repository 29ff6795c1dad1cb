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

/**
 * Applies one batch's levels and the sequence atomically. A diff is refused when its sequence is
 * not newer than the mirror's (two matchers briefly overlapping never step it back) and when the
 * mirror has no sequence at all: Redis lost it (a flush, a restart without persistence), and a
 * diff on nothing would be a partial book presented as whole. `replace` writes the whole book:
 * mode 1 whatever the sequence (a matcher opening the market), mode 2 only when the mirror is
 * missing or older (a matcher repairing a lost mirror, never over a newer diff).
 */
const WRITE_MIRROR = `
local current = tonumber(redis.call('GET', KEYS[3]) or '-1')
local seq = tonumber(ARGV[1])
if ARGV[2] == '0' and (current < 0 or seq <= current) then return 0 end
if ARGV[2] == '2' and seq <= current then return 0 end
if ARGV[2] ~= '0' then redis.call('DEL', KEYS[1], KEYS[2]) end
local i = 4
for side = 1, 2 do
  local count = tonumber(ARGV[i - 1])
  for _ = 1, count do
    if ARGV[i + 1] == '0' then redis.call('HDEL', KEYS[side], ARGV[i])
    else redis.call('HSET', KEYS[side], ARGV[i], ARGV[i + 1]) end
    i = i + 2
  end
  i = i + 1
end
redis.call('SET', KEYS[3], ARGV[1])
return 1`;

export async function writeBookMirror(
  redis: Redis,
  namespace: string,
  market: string,
  seq: number,
  levels: MirrorLevels,
  replace: boolean | "repair",
): Promise<boolean> {
  const k = keys(namespace, market);
  const args = [
    String(seq),
    replace === "repair" ? "2" : replace ? "1" : "0",
    String(levels.bids.length),
    ...levels.bids.flat(),
    String(levels.asks.length),
    ...levels.asks.flat(),
  ];
  const applied = await redis.eval(WRITE_MIRROR, 3, k.bids, k.asks, k.seq, ...args);
  return applied === 1;
}

export interface MirroredBook {
  seq: string;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

/** Whether the market's mirror has a sequence (false: never written, or lost by Redis). */
export async function bookMirrorExists(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<boolean> {
  return (await redis.exists(keys(namespace, market).seq)) === 1;
}

/** The market sequence the mirror is at (0 if the matcher never mirrored the market). */
export async function readBookMirrorSequence(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<number> {
  return Number((await redis.get(keys(namespace, market).seq)) ?? 0);
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

/**
 * The best bid and ask of the mirrored book (null: that side is empty or never mirrored). Reads
 * only the price fields of both sides; throws when Redis does not answer.
 */
export async function readBestPrices(
  redis: Redis,
  namespace: string,
  market: string,
): Promise<{ bestBid: string | null; bestAsk: string | null }> {
  const k = keys(namespace, market);
  const results = await redis.multi().hkeys(k.bids).hkeys(k.asks).exec();
  if (!results) throw new Error("Redis transaction aborted");
  const [[bidsError, bids], [asksError, asks]] = results as [
    [Error | null, string[]],
    [Error | null, string[]],
  ];
  const failed = bidsError ?? asksError;
  if (failed) throw failed;
  const best = (prices: string[], highest: boolean) => {
    let found: { price: string; key: bigint } | null = null;
    for (const price of prices) {
      const key = decimalKey(price);
      if (!found || (highest ? key > found.key : key < found.key)) found = { price, key };
    }
    return found?.price ?? null;
  };
  return { bestBid: best(bids, true), bestAsk: best(asks, false) };
}
