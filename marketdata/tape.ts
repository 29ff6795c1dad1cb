/**
 * A trade's place on a market's public tape: the market sequence of the command that made it
 * × 2^20 + its index among that command's trades (a command takes at most 1,000 makers), so it
 * is unique and strictly increasing per market.
 */
export const tapeSequence = (seq: number | bigint, matchIndex: number) =>
  (BigInt(seq) << 20n) | BigInt(matchIndex);
