import type { Executor } from "./client.ts";
import { assets, markets, users } from "./schema.ts";

export const FEE_ACCOUNT_EMAIL = "fees@eventhub.internal";

export const DEMO_ASSETS = [
  { symbol: "BTC", name: "Bitcoin", decimals: 8 },
  { symbol: "ETH", name: "Ether", decimals: 8 },
  { symbol: "USDT", name: "Tether USD", decimals: 8 },
];

export const DEMO_MARKETS = [
  {
    symbol: "BTC_USDT",
    base: "BTC",
    quote: "USDT",
    tickSize: "0.01",
    lotSize: "0.00001",
    minNotional: "5",
    makerFee: "0.001",
    takerFee: "0.001",
  },
  {
    symbol: "ETH_USDT",
    base: "ETH",
    quote: "USDT",
    tickSize: "0.01",
    lotSize: "0.0001",
    minNotional: "5",
    makerFee: "0.001",
    takerFee: "0.001",
  },
  {
    symbol: "ETH_BTC",
    base: "ETH",
    quote: "BTC",
    tickSize: "0.000001",
    lotSize: "0.01",
    minNotional: "0.0001",
    makerFee: "0.001",
    takerFee: "0.001",
  },
];

/** Demo assets, markets and the fee account; running it again changes nothing. */
export async function seedDemoMarkets(db: Executor): Promise<{ assets: number; markets: number }> {
  const addedAssets = await db.insert(assets).values(DEMO_ASSETS).onConflictDoNothing().returning();
  const addedMarkets = await db
    .insert(markets)
    .values(DEMO_MARKETS)
    .onConflictDoNothing()
    .returning();
  // The fee account cannot log in: its password hash matches no password.
  await db
    .insert(users)
    .values({ name: "Exchange fees", email: FEE_ACCOUNT_EMAIL, passwordHash: "!", role: "SYSTEM" })
    .onConflictDoNothing();
  return { assets: addedAssets.length, markets: addedMarkets.length };
}
