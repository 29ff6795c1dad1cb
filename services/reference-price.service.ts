import { readLastCachedTradePrice } from "../db/marketdata-cache.repository.ts";
import { readBestPrices } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { isUnavailable } from "../kernel/errors.ts";
import { parseDecimal } from "../money/decimal.ts";
import {
  checkReferenceFilters,
  needsReference,
  referencePrice,
  type ReferencePrice,
  type ValidOrder,
} from "./order-validation.ts";

/**
 * Applies the filters measured against the market's reference price (order-validation.ts
 * `checkReferenceFilters`) when the order has any: reads the price from Redis only — the newest
 * trade of the market-data tape cache, and only when that holds none, the best bid and ask of
 * the book mirror — so a placement costs no PostgreSQL query for it. Redis down: the filters are
 * skipped, as the order rate limit is (placement never needed Redis, ORDERS.md §7).
 */
export async function checkAgainstReference(deps: Dependencies, order: ValidOrder): Promise<void> {
  if (!needsReference(order)) return;
  let reference: ReferencePrice | null;
  try {
    reference = await readReference(deps, order.spec.symbol, order.command.side);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    warnSkipped(deps);
    return;
  }
  checkReferenceFilters(order, reference);
}

/** The reference price of an order on `side` of `market`, from Redis; null when there is none. */
export async function readReference(
  deps: Dependencies,
  market: string,
  side: ValidOrder["command"]["side"],
): Promise<ReferencePrice | null> {
  const { redis, config } = deps;
  const last = await readLastCachedTradePrice(redis, config.namespace, market);
  if (last !== null) {
    return referencePrice(side, { lastPrice: parseDecimal(last), bestBid: null, bestAsk: null });
  }
  const book = await readBestPrices(redis, config.namespace, market);
  const units = (price: string | null) => (price === null ? null : parseDecimal(price));
  return referencePrice(side, {
    lastPrice: null,
    bestBid: units(book.bestBid),
    bestAsk: units(book.bestAsk),
  });
}

let lastSkipWarning = 0;
/** At most one warning per 10 s, as for the rate limit. */
function warnSkipped(deps: Dependencies): void {
  if (Date.now() - lastSkipWarning < 10_000) return;
  lastSkipWarning = Date.now();
  deps.log.warn("reference-price filters skipped: Redis is unavailable");
}
