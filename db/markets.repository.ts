import { asc, eq } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { assets, markets, outbox, type MarketRow } from "./schema.ts";

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

export type NewAsset = Pick<AssetRow, "symbol" | "name" | "decimals" | "withdrawalFee">;
export type NewMarket = Omit<MarketRow, "status" | "createdAt">;
/** What `updateMarket` may change; tick and lot sizes never change (resting orders use them). */
export type MarketSettingsChange = Partial<
  Pick<MarketRow, "makerFee" | "takerFee" | "minNotional" | "priceBandPercent">
>;

/** Lists an asset; null when the symbol is taken. */
export async function insertAsset(db: Executor, asset: NewAsset): Promise<AssetRow | null> {
  const [row] = await db.insert(assets).values(asset).onConflictDoNothing().returning();
  return row ?? null;
}

/** Opens a market (TRADING); null when the symbol is taken. */
export async function insertMarket(db: Executor, market: NewMarket): Promise<MarketRow | null> {
  const [row] = await db.insert(markets).values(market).onConflictDoNothing().returning();
  return row ?? null;
}

/** The market's row, locked until the caller's transaction ends; null when there is none. */
export async function lockMarket(db: Executor, symbol: string): Promise<MarketRow | null> {
  const [row] = await db
    .select()
    .from(markets)
    .where(eq(markets.symbol, symbol))
    .for("update")
    .limit(1);
  return row ?? null;
}

export async function updateMarketSettings(
  db: Executor,
  symbol: string,
  change: MarketSettingsChange,
): Promise<MarketRow> {
  const [row] = await db.update(markets).set(change).where(eq(markets.symbol, symbol)).returning();
  if (!row) throw new Error(`market ${symbol} vanished while locked`);
  return row;
}

/**
 * Sets the market's status and queues the command that tells its matcher, in the caller's
 * transaction: the outbox row takes its place among the market's orders (docs/OPERATIONS.md).
 */
export async function updateMarketStatus(
  db: Executor,
  change: { symbol: string; status: MarketRow["status"]; subject: string; messageId: string },
): Promise<MarketRow> {
  const [row] = await db
    .update(markets)
    .set({ status: change.status })
    .where(eq(markets.symbol, change.symbol))
    .returning();
  if (!row) throw new Error(`market ${change.symbol} vanished while locked`);
  // bus/subjects.ts MarketStatusMessage; the relay checks it against its decoder.
  await db.insert(outbox).values({
    subject: change.subject,
    messageId: change.messageId,
    payload: { kind: "status", status: change.status },
  });
  return row;
}
