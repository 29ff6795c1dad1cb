import { asc, eq } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { assets, markets, type MarketRow } from "./schema.ts";

export type AssetRow = typeof assets.$inferSelect;

export async function listMarkets(db: Executor): Promise<MarketRow[]> {
  return db.select().from(markets).orderBy(asc(markets.symbol));
}

export async function findMarket(db: Executor, symbol: string): Promise<MarketRow | null> {
  const [row] = await db.select().from(markets).where(eq(markets.symbol, symbol)).limit(1);
  return row ?? null;
}

export async function listAssets(db: Executor): Promise<AssetRow[]> {
  return db.select().from(assets).orderBy(asc(assets.symbol));
}

export async function findAsset(db: Executor, symbol: string): Promise<AssetRow | null> {
  const [row] = await db.select().from(assets).where(eq(assets.symbol, symbol)).limit(1);
  return row ?? null;
}
