import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import type { PublicTrade, TradeTick } from "./types.ts";

/**
 * A trade's place on a market's public tape: the market sequence of the command that made it
 * × 2^20 + its index among that command's trades (a command takes at most 1,000 makers), so it
 * is unique and strictly increasing per market.
 */
export const tapeSequence = (seq: number | bigint, matchIndex: number) =>
  (BigInt(seq) << 20n) | BigInt(matchIndex);

/** What a client sends as `after` must be (the message of its BAD_USER_INPUT). */
export const TAPE_SEQUENCE_RULE =
  "after must be a Trade.sequence: digits, at most 9223372036854775807";

/** Whether a client's text is a tape sequence (as Trade.sequence prints it: digits, int8). */
export const isTapeSequence = (text: string): boolean =>
  /^\d{1,19}$/.test(text) && BigInt(text) <= 9_223_372_036_854_775_807n;

/** A recorded trade as the public tape shows it; its id is `<market>:<sequence>`. */
export const publicTrade = (t: TradeTick): PublicTrade => ({
  id: `${t.market}:${t.sequence}`,
  market: t.market,
  sequence: t.sequence.toString(),
  price: formatDecimal(parseDecimal(t.price)),
  amount: formatDecimal(parseDecimal(t.amount)),
  quoteAmount: formatDecimal(parseDecimal(t.quoteAmount)),
  takerSide: t.takerSide,
  executedAt: t.executedAt.toISOString(),
});
