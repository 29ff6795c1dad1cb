import { graphql } from "./generated/index.ts";

/*
 * Public reads of market data, for any client (the trading page, the MCP server, bots): the
 * selections are spelled here once, as fragments, and the operations more than one client sends.
 * The order book's documents are in operations.ts (ORDER_BOOK) and order-book.ts (the stream).
 */

/** A market's filters and fees, all decimals as strings. */
graphql(`
  fragment MarketFields on Market {
    symbol
    base
    quote
    status
    tickSize
    lotSize
    minNotional
    makerFee
    takerFee
    priceBandPercent
  }
`);

/** The 24-hour summary, as the ticker query and the ticker subscription both answer it. */
graphql(`
  fragment TickerFields on Ticker {
    id
    market
    last
    open
    high
    low
    change
    changePercent
    volume
    quoteVolume
    numberOfTrades
    openTime
    closeTime
    stale
  }
`);

/** One OHLCV bar, as the candles query and the candles subscription both answer it. */
graphql(`
  fragment CandleFields on Candle {
    timestamp
    open
    high
    low
    close
    volume
    quoteAssetVolume
    numberOfTrades
  }
`);

/** The public tape, newest first; `before`/`after` page by tape sequence. */
export const TAPE = graphql(`
  query Tape($market: String!, $limit: Int, $before: String, $after: String) {
    trades(market: $market, limit: $limit, before: $before, after: $after) {
      id
      market
      sequence
      price
      amount
      quoteAmount
      takerSide
      executedAt
    }
  }
`);

export const MARKETS = graphql(`
  query Markets {
    markets {
      ...MarketFields
    }
  }
`);

/** Bars oldest first; `from`/`to` bound them, `limit` takes the latest N. */
export const CANDLES = graphql(`
  query MarketCandles(
    $market: String!
    $interval: CandleInterval!
    $from: DateTime
    $to: DateTime
    $limit: Int
  ) {
    candles(market: $market, interval: $interval, from: $from, to: $to, limit: $limit) {
      data {
        ...CandleFields
      }
      stale
    }
  }
`);
