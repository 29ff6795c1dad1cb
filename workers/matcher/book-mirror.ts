import { publishLive } from "../../bus/live.ts";
import type { BookUpdateMessage } from "../../bus/subjects.ts";
import {
  bookMirrorExists,
  writeBookMirror,
  type MirrorLevels,
} from "../../db/order-book-mirror.repository.ts";
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
  replace: boolean | "repair",
  firstSeq: number,
  trades: readonly TradeEvent[] = [],
): Promise<void> {
  const { deps, subjects } = ctx;
  const { spec, book } = state;
  if (replace === false && state.lastCommandSeq < state.replayUntil) {
    // Replaying commands the last owner already mirrored: its mirror stays as it is (a diff
    // from an older book would land on a newer one). Live diffs still go out, by sequence.
    publishLive(deps, subjects.bookUpdateSubject(spec.symbol), {
      market: spec.symbol,
      firstSeq,
      lastSeq: book.seq,
      snapshot: false,
      ...toMirrorLevels(state, levels),
      trades: trades.map((trade) => publicTrade(tradeTickOf(spec, trade))),
    });
    return;
  }
  if (replace === false && state.replayUntil > 0) {
    // This batch ends the replay: the whole book, over a missing or older mirror only.
    state.replayUntil = 0;
    book.drainChangedLevels();
    await mirrorBook(ctx, state, fullDepth(book), "repair", firstSeq, trades);
    return;
  }
  const out = toMirrorLevels(state, levels);
  const written = await writeBookMirror(
    deps.redis,
    deps.config.namespace,
    spec.symbol,
    book.seq,
    out,
    replace,
  );
  if (!written && replace === false) {
    // Refused: the mirror is newer (another matcher overlapping), or Redis lost it. The repair
    // writes the whole book only in the second case.
    await repairMirror(ctx, state);
  }
  const update: BookUpdateMessage = {
    market: spec.symbol,
    firstSeq,
    lastSeq: book.seq,
    snapshot: replace !== false,
    ...out,
    trades: trades.map((trade) => publicTrade(tradeTickOf(spec, trade))),
  };
  publishLive(deps, subjects.bookUpdateSubject(spec.symbol), update);
}

/** Levels as the mirror and live updates carry them: decimal price and amount strings. */
function toMirrorLevels(state: OwnedMarket, levels: BookLevels): MirrorLevels {
  const convert = (list: DepthLevel[]) =>
    list.map((l): [string, string] => [
      formatDecimal(ticksToPrice(state.spec, l.priceTicks)),
      formatDecimal(lotsToAmount(state.spec, l.lots)),
    ]);
  return { bids: convert(levels.bids), asks: convert(levels.asks) };
}

/**
 * Writes the whole book if Redis lost the market's mirror (a flush, a restart without
 * persistence) or holds an older one; readers meanwhile get no partial book, since diffs are
 * refused on a missing mirror. Subscribers are sent the whole book as a snapshot.
 */
export async function repairMirror(ctx: MatcherContext, state: OwnedMarket): Promise<void> {
  const { deps } = ctx;
  // Mid-replay the book is older than the truth: the replay's end writes it (mirrorBook).
  if (state.lastCommandSeq < state.replayUntil) return;
  if (await bookMirrorExists(deps.redis, deps.config.namespace, state.spec.symbol)) return;
  deps.log.warn("order-book mirror lost in Redis; writing the whole book again", {
    market: state.spec.symbol,
    sequence: state.book.seq,
  });
  await mirrorBook(ctx, state, fullDepth(state.book), "repair", state.book.seq);
}
