import type { OrderSide } from "../domain/order-kinds.ts";
import type { CandleInterval } from "./intervals.ts";

/** One executed trade as the market-data domain sees it: public, no users, no fees. */
export interface TradeTick {
  market: string;
  /** The matcher's market sequence; (market, sequence) identifies the trade. */
  sequence: bigint;
  /** Exact decimal strings (money/decimal.ts). */
  price: string;
  amount: string;
  quoteAmount: string;
  takerSide: OrderSide;
  executedAt: Date;
}

/**
 * One OHLCV bar in exact units (bigint at 18 decimals). `openAt/openSeq` and `closeAt/closeSeq`
 * name the trades that set open and close, so merging bars in any order gives the same result.
 */
export interface CandleAggregate {
  market: string;
  interval: CandleInterval;
  /** Bar start, epoch ms UTC. */
  bucket: number;
  open: bigint;
  high: bigint;
  low: bigint;
  close: bigint;
  volume: bigint;
  quoteVolume: bigint;
  trades: number;
  openAt: number;
  openSeq: bigint;
  closeAt: number;
  closeSeq: bigint;
}

/** A bar as the API serves it: decimal strings, the seed document's field names. */
export interface Candle {
  timestamp: string;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
  quoteAssetVolume: string;
  numberOfTrades: number;
}

/** A trade on the public tape (GraphQL `Trade`; also what the `trades` subscription sends). */
export interface PublicTrade {
  id: string;
  market: string;
  sequence: string;
  price: string;
  amount: string;
  quoteAmount: string;
  takerSide: OrderSide;
  executedAt: string;
}

/** The 24-hour ticker as the API serves it (GraphQL `Ticker`); prices null before any trade. */
export interface Ticker {
  market: string;
  open: string | null;
  high: string | null;
  low: string | null;
  last: string | null;
  volume: string;
  quoteVolume: string;
  change: string | null;
  changePercent: string | null;
  numberOfTrades: number;
  openTime: string;
  closeTime: string;
  stale: boolean;
}
