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
