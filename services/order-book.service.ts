import { findMarket } from "../db/markets.repository.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, marketNotFound } from "../kernel/errors.ts";

/**
 * The top `depth` levels (1–100, default 20) of a market's book, from the matcher's Redis mirror.
 * Errors: BAD_USER_INPUT for a depth out of range; MARKET_NOT_FOUND.
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
  if (book) return { market, sequence: book.seq, bids: book.bids, asks: book.asks };
  // Never mirrored: an unknown market, or one the matcher has not opened yet.
  if (!(await findMarket(deps.db, market))) throw marketNotFound(market);
  return { market, sequence: "0", bids: [], asks: [] };
}
