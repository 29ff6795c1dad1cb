/*
 * Whether a market takes orders, spelled once: the matcher's book, the command payloads and
 * the API read it from here; the PostgreSQL enum (db/schema.ts `market_status`) and the GraphQL
 * enum (schema/markets.graphql) are checked against it at compile time (resolvers/graphql-enums.ts,
 * services/market-spec.ts). Imports nothing.
 */

/** TRADING: orders and cancels. CANCEL_ONLY: cancels only. HALTED: nothing matches; cancels work. */
export const MARKET_STATUSES = ["TRADING", "CANCEL_ONLY", "HALTED"] as const;
export type MarketStatus = (typeof MARKET_STATUSES)[number];
