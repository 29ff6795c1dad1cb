import type { SharedFeeds } from "../../api/live-fanout.ts";
import { CANDLE_INTERVALS, type CandleInterval } from "../../marketdata/intervals.ts";
import { candleFeed, tickerFeed, tradeFeed } from "../../subscriptions/market-data.ts";
import { orderBookTopFeed, orderBookWindowFeed } from "../../subscriptions/order-book.ts";

/**
 * Subscription fields that every subscriber of a process shares (public market data): the API's
 * fan-out (api/live-fanout.ts) executes each of their events once per subscription shape and
 * writes it to every socket, instead of one graphql-js execution per subscriber. Arguments arrive
 * coerced by the schema.
 */
export const sharedFeeds: SharedFeeds = {
  trades: (deps, args) => tradeFeed(deps, String(args.market)),
  orderBook: (deps, args) => orderBookWindowFeed(deps, String(args.market), args.depth),
  orderBookTop: (deps, args) => orderBookTopFeed(deps, String(args.market), args.depth),
  ticker: (deps, args) => tickerFeed(deps, String(args.market)),
  candles: (deps, args) => {
    const interval = CANDLE_INTERVALS.find((known: CandleInterval) => known === args.interval);
    if (!interval) throw new Error(`not a candle interval: ${String(args.interval)}`);
    return candleFeed(deps, String(args.market), interval);
  },
};
