import type { Redis } from "ioredis";

/**
 * Fixed-window failure counters in Redis. `check` refuses while a key is over its limit;
 * `fail` counts one failure; `reset` clears a key after a success.
 */
export interface Limit {
  key: string;
  max: number;
  windowSeconds: number;
}

export async function overLimit(redis: Redis, limits: Limit[]): Promise<number | null> {
  const counts = await redis.mget(...limits.map((l) => l.key));
  let retryAfter: number | null = null;
  for (const [i, limit] of limits.entries()) {
    if (Number(counts[i] ?? 0) >= limit.max) {
      const ttl = await redis.ttl(limit.key);
      retryAfter = Math.max(retryAfter ?? 0, ttl > 0 ? ttl : limit.windowSeconds);
    }
  }
  return retryAfter;
}

export async function countFailure(redis: Redis, limits: Limit[]): Promise<void> {
  const pipeline = redis.multi();
  for (const limit of limits) {
    pipeline.incr(limit.key);
    pipeline.expire(limit.key, limit.windowSeconds, "NX");
  }
  await pipeline.exec();
}

export async function resetLimit(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}
