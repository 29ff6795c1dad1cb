import type { Dependencies } from "../kernel/dependencies.ts";
import { assertNever } from "../kernel/assert-never.ts";
import { isUnavailable, rateLimited, type RateLimitScope } from "../kernel/errors.ts";
import type { Auth } from "./caller.ts";
import { takeTokens, type TokenBucket } from "./rate-limit.ts";

/** What a caller does to its orders; each has token buckets of its own. */
export type OrderAction = "place" | "cancel";

/** How many API keys' worth of orders a whole account may place: a user holding 50 keys
 * does not get 50 times the rate. */
const ACCOUNT_RATE_FACTOR = 4;

/**
 * Takes one token from the caller's bucket for this action in Redis (per API key for a key, per
 * user for sessions; `orderRatePerSecond`, `orderBurst`) and one from the account's bucket, shared
 * by all its keys and sessions (ACCOUNT_RATE_FACTOR times as large). Either empty: RATE_LIMITED
 * with the wait. Redis down: the action goes on unthrottled, as placement never needed Redis
 * (ORDERS.md §7); the open-order cap, in PostgreSQL, still holds. A token the request's weight
 * charge already took (`auth.prepaidOrderTokens`, services/request-weight.ts: one Redis round
 * trip for both) is spent instead.
 */
export async function takeOrderToken(
  deps: Dependencies,
  auth: Auth,
  action: OrderAction,
): Promise<void> {
  const prepaid = auth.prepaidOrderTokens;
  if (prepaid && prepaid[action] > 0) {
    prepaid[action] -= 1;
    return;
  }
  const { scope } = limitOf(action);
  const buckets = orderBuckets(deps, auth, action);
  let waitMs: number | null;
  try {
    waitMs = await takeTokens(deps.redis, buckets);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    warnUnthrottled(deps);
    return;
  }
  if (waitMs !== null) throw rateLimited(waitMs / 1000, scope);
}

/** The caller's bucket for the action and its account's (ACCOUNT_RATE_FACTOR times as large). */
export function orderBuckets(deps: Dependencies, auth: Auth, action: OrderAction): TokenBucket[] {
  const { orderRatePerSecond: rate, orderBurst: burst, namespace } = deps.config;
  const { bucket } = limitOf(action);
  const caller =
    auth.via === "apiKey" && auth.apiKeyId ? `key:${auth.apiKeyId}` : `user:${auth.user.id}`;
  return [
    { key: `${namespace}:orders:${bucket}:${caller}`, ratePerSecond: rate, burst },
    {
      key: `${namespace}:orders:${bucket}:account:${auth.user.id}`,
      ratePerSecond: rate * ACCOUNT_RATE_FACTOR,
      burst: burst * ACCOUNT_RATE_FACTOR,
    },
  ];
}

/** The action's Redis bucket (part of its key) and the scope a RATE_LIMITED error names. */
export function limitOf(action: OrderAction): { bucket: string; scope: RateLimitScope } {
  switch (action) {
    case "place":
      return { bucket: "rate", scope: "orders" };
    case "cancel":
      return { bucket: "cancel-rate", scope: "cancels" };
    default:
      return assertNever(action);
  }
}

let lastUnthrottledWarning = 0;
/** At most one warning per 10 s: at thousands of orders a second, one line per order would flood. */
function warnUnthrottled(deps: Dependencies): void {
  if (Date.now() - lastUnthrottledWarning < 10_000) return;
  lastUnthrottledWarning = Date.now();
  deps.log.warn("order rate limit skipped: Redis is unavailable");
}
