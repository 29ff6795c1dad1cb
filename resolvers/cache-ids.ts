import type { Resolvers } from "../schema/generated/resolvers-types.ts";

/**
 * The `id` of entities clients cache (docs/LIVE.md): a wallet is its owner's and asset's, a
 * market and its ticker are its symbol (an OrderBook's id, its market, comes with it from the service).
 * PriceLevel has none: it is a value.
 */
export const cacheIds = {
  Wallet: { id: (wallet) => `${wallet.userId}:${wallet.asset}` },
  Market: { id: (market) => market.symbol },
  Ticker: { id: (ticker) => ticker.market },
} satisfies Resolvers;
