import { findMarket } from "../db/markets.repository.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, marketNotFound, serviceUnavailable } from "../kernel/errors.ts";

/**
 * The top `depth` levels (1–100, default 20) of a market's book, from the matcher's Redis mirror.
 * Errors: BAD_USER_INPUT for a depth out of range; MARKET_NOT_FOUND; SERVICE_UNAVAILABLE while
 * the market has no mirror (no matcher has opened it yet, or Redis lost it and it is rebuilt).
 */
export async function orderBook(
  deps: Dependencies,
  market: string,
  depth: number | null | undefined,
) {
  const levels = depth ?? 20;
  if (!Number.isInteger(levels) || levels < 1 || levels > 100)
    throw badInput("depth must be 1–100", "depth");
  const book = await readBookMirror(deps.redis, deps.config.namespace, market, levels);
  if (book) return { id: market, market, sequence: book.seq, bids: book.bids, asks: book.asks };
  // No mirror: an unknown market, one no matcher has opened yet, or one Redis lost and the
  // matcher is writing again (within a second). An empty book would be presented as whole.
  if (!(await findMarket(deps.db, market))) throw marketNotFound(market);
  throw serviceUnavailable(`The order book of ${market} (its matcher is opening or rebuilding it)`);
}
