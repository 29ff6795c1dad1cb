import { publishLive } from "../../bus/live.ts";
import type { BookUpdateMessage } from "../../bus/subjects.ts";
import { writeBookMirror, type MirrorLevels } from "../../db/order-book-mirror.repository.ts";
import type { DepthLevel, OrderBook, TradeEvent } from "../../matcher/index.ts";
import { publicTrade } from "../../marketdata/tape.ts";
import { formatDecimal } from "../../money/decimal.ts";
import { lotsToAmount, ticksToPrice, tradeTickOf } from "../../services/market-spec.ts";
import type { MatcherContext, OwnedMarket } from "./market.ts";

/** Price levels of both sides, as `depth` and `drainChangedLevels` give them. */
export interface BookLevels {
  bids: DepthLevel[];
  asks: DepthLevel[];
}

/** Every level of the book. */
export function fullDepth(book: OrderBook): BookLevels {
  return book.depth(Number.MAX_SAFE_INTEGER);
}

/**
 * Writes levels to the market's Redis mirror at the book's sequence — the whole book when
 * `replace`, else the levels changed by sequences `firstSeq`.. — then sends them live with the
 * batch's trades (already in JetStream: a trade seen live is never taken back).
 */
export async function mirrorBook(
  ctx: MatcherContext,
  state: OwnedMarket,
  levels: BookLevels,
  replace: boolean,
  firstSeq: number,
  trades: readonly TradeEvent[] = [],
): Promise<void> {
  const { deps, subjects } = ctx;
  const { spec, book } = state;
  const convert = (list: DepthLevel[]) =>
    list.map((l): [string, string] => [
      formatDecimal(ticksToPrice(spec, l.priceTicks)),
      formatDecimal(lotsToAmount(spec, l.lots)),
    ]);
  const out: MirrorLevels = { bids: convert(levels.bids), asks: convert(levels.asks) };
  await writeBookMirror(deps.redis, deps.config.namespace, spec.symbol, book.seq, out, replace);
  const update: BookUpdateMessage = {
    market: spec.symbol,
    firstSeq,
    lastSeq: book.seq,
    snapshot: replace,
    ...out,
    trades: trades.map((trade) => publicTrade(tradeTickOf(spec, trade))),
  };
  publishLive(deps, subjects.bookUpdateSubject(spec.symbol), update);
}
