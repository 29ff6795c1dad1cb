import { isIPv6 } from "node:net";
import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/** A fixed-window counter in Redis: at most `max` attempts per `windowSeconds` under `key`. */
export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

/** A token bucket in Redis: `burst` tokens at most, refilled at `ratePerSecond`. */
export interface TokenBucket {
  key: string;
  ratePerSecond: number;
  burst: number;
}

// KEYS: counters; ARGV: max and window (ms) of each key in turn. Counts one on every key, or on
// none when any is full; returns 0 when counted, else the ms until the last full window ends.
const TAKE_ATTEMPT = `
local wait = 0
for i, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[2 * i - 1]) then
    local ttl = redis.call('PTTL', key)
    if ttl < 0 then ttl = tonumber(ARGV[2 * i]) end
    if ttl > wait then wait = ttl end
  end
end
if wait > 0 then return wait end
for i, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 or redis.call('PTTL', key) < 0 then
    redis.call('PEXPIRE', key, ARGV[2 * i])
  end
end
return 0`;

// KEYS: the first ARGV[1] are deleted, the others lose one count (never below zero).
const GIVE_BACK = `
for i, key in ipairs(KEYS) do
  if i <= tonumber(ARGV[1]) then
    redis.call('DEL', key)
  elseif tonumber(redis.call('GET', key) or '0') > 0 then
    redis.call('DECR', key)
  end
end
return 0`;

// KEYS[i]: hash {tokens, at (ms)}; ARGV[2i-1], ARGV[2i]: its rate per second and burst. Takes one
// token from every bucket and returns 0 when each has one; else takes none and returns the ms
// until all have one. Redis's clock, so every API process agrees.
const TAKE_TOKENS = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local tokens, wait = {}, 0
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  local state = redis.call('HMGET', key, 'tokens', 'at')
  local at = tonumber(state[2]) or now
  tokens[i] = math.min(burst, (tonumber(state[1]) or burst) + math.max(0, now - at) * rate / 1000)
  if tokens[i] < 1 then wait = math.max(wait, math.ceil((1 - tokens[i]) * 1000 / rate)) end
end
for i, key in ipairs(KEYS) do
  local rate, burst = tonumber(ARGV[2 * i - 1]), tonumber(ARGV[2 * i])
  if wait == 0 then tokens[i] = tokens[i] - 1 end
  redis.call('HSET', key, 'tokens', tostring(tokens[i]), 'at', string.format('%d', now))
  redis.call('PEXPIRE', key, math.ceil(burst * 1000 / rate) + 1000)
end
return wait`;

// KEYS: the replay key when ARGV[3] (its ms to live) > 0, then ARGV[4] weight counters, then token
// buckets; ARGV: the weight, the window (ms), the replay ttl, the number of counters, each
// counter's max, then each bucket's rate per second, burst and tokens to take. Claims the replay
// key (SET NX; taken already: {-1}); then adds the weight to every counter and takes the tokens
// from every bucket, or does neither when any counter would pass its max or any bucket is short.
// Returns {status (0 charged, 1 weight refused, 2 tokens refused), wait ms, blocking bucket,
// then used and ms left of each counter}. Buckets as TAKE_TOKENS, on Redis's clock.
const CHARGE_WEIGHT = `
local weight, window, replayTtl, nc = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local first = 1
if replayTtl > 0 then
  first = 2
  if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', replayTtl) then return {-1} end
end
local out, wait = {0, 0, 0}, 0
for j = 1, nc do
  local key = KEYS[first + j - 1]
  local n = tonumber(redis.call('GET', key) or '0')
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then n, ttl = 0, window end
  if n + weight > tonumber(ARGV[4 + j]) and ttl > wait then wait = ttl end
  out[2 + 2 * j], out[3 + 2 * j] = n, ttl
end
if wait > 0 then out[1] = 1; out[2] = wait; return out end
local b0, nb = first + nc, #KEYS - first - nc + 1
if nb > 0 then
  local time = redis.call('TIME')
  local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
  local tokens = {}
  for k = 1, nb do
    local base = 4 + nc + 3 * (k - 1)
    local rate, burst, take = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
    local state = redis.call('HMGET', KEYS[b0 + k - 1], 'tokens', 'at')
    local at = tonumber(state[2]) or now
    tokens[k] = math.min(burst, (tonumber(state[1]) or burst) + math.max(0, now - at) * rate / 1000)
    local short = math.ceil((take - tokens[k]) * 1000 / rate)
    if tokens[k] < take and short > wait then wait, out[3] = short, k end
  end
  for k = 1, nb do
    local base = 4 + nc + 3 * (k - 1)
    local rate, burst, take = tonumber(ARGV[base + 1]), tonumber(ARGV[base + 2]), tonumber(ARGV[base + 3])
    if wait == 0 then tokens[k] = tokens[k] - take end
    redis.call('HSET', KEYS[b0 + k - 1], 'tokens', tostring(tokens[k]), 'at', string.format('%d', now))
    redis.call('PEXPIRE', KEYS[b0 + k - 1], math.ceil(burst * 1000 / rate) + 1000)
  end
  if wait > 0 then out[1] = 2; out[2] = wait; return out end
end
for j = 1, nc do
  local key = KEYS[first + j - 1]
  if out[2 + 2 * j] == 0 then redis.call('DEL', key) end
  out[2 + 2 * j] = redis.call('INCRBY', key, weight)
  if out[2 + 2 * j] == weight then redis.call('PEXPIRE', key, window) end
end
return out`;

/** A counter of request weight (chargeWeight): at most `max` per window under `key`. */
export interface WeightCounter {
  key: string;
  max: number;
}

/** What chargeWeight answers: per counter in the order given, the weight used and ms left. */
export type WeightCharge =
  | { kind: "replayed" }
  | {
      kind: "charged" | "refused";
      waitMs: number;
      counters: { used: number; resetMs: number }[];
    }
  | {
      kind: "tokensShort";
      waitMs: number;
      /** Index in `buckets` of the bucket that was shortest. */
      bucket: number;
      counters: { used: number; resetMs: number }[];
    };

/**
 * Adds `weight` to every counter at once, atomically, or to none when any would pass its max
 * (then `refused` with the ms until the blocking windows end). Each counter's window
 * (`windowMs`) starts at its first charge. With `replay` (a verified signature), first claims
 * its key for `ttlMs` (SET NX): already taken → `replayed`, and nothing is counted. With
 * `buckets`, also takes `take` tokens from each (takeTokens' buckets), all or none; short →
 * `tokensShort` with the ms until they hold enough, and no weight is counted either. One round
 * trip, whatever is asked.
 */
export async function chargeWeight(
  redis: Redis,
  weight: number,
  windowMs: number,
  counters: WeightCounter[],
  replay?: { key: string; ttlMs: number },
  buckets: (TokenBucket & { take: number })[] = [],
): Promise<WeightCharge> {
  const keys = [
    ...(replay ? [replay.key] : []),
    ...counters.map((c) => c.key),
    ...buckets.map((b) => b.key),
  ];
  const args = [
    weight,
    windowMs,
    replay?.ttlMs ?? 0,
    counters.length,
    ...counters.map((c) => c.max),
    ...buckets.flatMap((b) => [b.ratePerSecond, b.burst, b.take]),
  ];
  const out = ((await runScript(redis, CHARGE_WEIGHT, keys, args)) as unknown[]).map(Number);
  if (out[0] === -1) return { kind: "replayed" };
  const [status, waitMs, bucket] = [out[0]!, out[1]!, out[2]!];
  const charged = counters.map((_, i) => ({ used: out[3 + 2 * i]!, resetMs: out[4 + 2 * i]! }));
  if (status === 2) return { kind: "tokensShort", waitMs, bucket: bucket - 1, counters: charged };
  return { kind: status === 1 ? "refused" : "charged", waitMs, counters: charged };
}

/** Claims a verified signature's key for `ttlMs` (SET NX): false when it was claimed before. */
export async function claimOnce(redis: Redis, key: string, ttlMs: number): Promise<boolean> {
  return (await redis.set(key, "1", "PX", ttlMs, "NX")) === "OK";
}

/**
 * Counts one attempt against every limit at once, atomically: either all counters rise or, when
 * any is already at its max, none does. Returns null when counted, else the whole seconds (≥ 1)
 * until the blocking windows have all ended.
 */
export async function takeAttempt(redis: Redis, limits: Limit[]): Promise<number | null> {
  const args = limits.flatMap((l) => [l.max, l.windowSeconds * 1000]);
  const waitMs = Number(await runScript(redis, TAKE_ATTEMPT, keysOf(limits), args));
  return waitMs > 0 ? Math.max(1, Math.ceil(waitMs / 1000)) : null;
}

/**
 * After an attempt turned out well (or was never tried): deletes the `clear` counters and takes
 * the attempt back from the `giveBack` ones.
 */
export async function giveBackAttempt(
  redis: Redis,
  clear: Limit[],
  giveBack: Limit[],
): Promise<void> {
  await runScript(redis, GIVE_BACK, [...keysOf(clear), ...keysOf(giveBack)], [clear.length]);
}

/**
 * Takes one token from every bucket, atomically: from all of them or, when any is empty, from
 * none. Returns null when taken, else the ms (≥ 1) until every bucket holds one.
 */
export async function takeTokens(redis: Redis, buckets: TokenBucket[]): Promise<number | null> {
  const args = buckets.flatMap((b) => [b.ratePerSecond, b.burst]);
  const waitMs = Number(await runScript(redis, TAKE_TOKENS, bucketKeys(buckets), args));
  return waitMs > 0 ? waitMs : null;
}

const bucketKeys = (buckets: TokenBucket[]) => buckets.map((b) => b.key);
const keysOf = (limits: Limit[]) => limits.map((l) => l.key);

const SCRIPT_SHA = new Map<string, string>();
/** EVALSHA, falling back to EVAL once when Redis does not hold the script yet (NOSCRIPT). */
async function runScript(
  redis: Redis,
  source: string,
  keys: string[],
  args: (string | number)[],
): Promise<unknown> {
  let sha = SCRIPT_SHA.get(source);
  if (!sha) SCRIPT_SHA.set(source, (sha = createHash("sha1").update(source).digest("hex")));
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error as Error).message?.startsWith("NOSCRIPT")) throw error;
    return redis.eval(source, keys.length, ...keys, ...args);
  }
}

/**
 * The address a throttle counts: IPv4 as is (also when IPv4-mapped), IPv6 by its /64, since one
 * subscriber usually holds a whole /64 and could otherwise count as 2^64 clients.
 */
export function throttleAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = "", tail = ""] = ip.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = ip.includes("::")
    ? [...left, ...Array<string>(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ""))
    .join(":")}::/64`;
}
