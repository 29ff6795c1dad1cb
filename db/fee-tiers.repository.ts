import { asc, sql, type SQL } from "drizzle-orm";
import type { Redis } from "ioredis";
import type { Executor } from "./client.ts";
import { feeTiers, type FeeTierRow } from "./schema.ts";

/** A fee tier as written: decimals as strings. */
export interface NewFeeTier {
  tier: number;
  minVolume: string;
  makerFee: string;
  takerFee: string;
}

/** Key of the advisory lock taken by every change of users' tiers, so they never interleave. */
const FEE_TIERS_LOCK = 7302040013;

export async function listFeeTiers(db: Executor): Promise<FeeTierRow[]> {
  return db.select().from(feeTiers).orderBy(asc(feeTiers.tier));
}

/** Waits for the fee-tier lock, held until the caller's transaction ends. */
export async function lockFeeTiers(tx: Executor): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${FEE_TIERS_LOCK})`);
}

/** Takes the fee-tier lock for the caller's transaction; false when another holds it. */
export async function tryLockFeeTiers(tx: Executor): Promise<boolean> {
  const lock = await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${FEE_TIERS_LOCK}) AS ok`);
  return Boolean(lock.rows[0]?.ok);
}

/** Replaces the whole table with `tiers` (under the fee-tier lock); answers the new rows. */
export async function replaceFeeTiers(
  tx: Executor,
  tiers: readonly NewFeeTier[],
): Promise<FeeTierRow[]> {
  await tx.delete(feeTiers);
  if (tiers.length === 0) return [];
  const rows = await tx
    .insert(feeTiers)
    .values([...tiers])
    .returning();
  return rows.sort((a, b) => a.tier - b.tier);
}

/** The user's tier as last recomputed, and its rates (null: tier 0, or a tier since removed). */
export async function feeTierOfUser(
  db: Executor,
  userId: string,
): Promise<{ tier: number; makerFee: string | null; takerFee: string | null } | null> {
  const result = await db.execute(sql`
    SELECT u.fee_tier AS tier, t.maker_fee, t.taker_fee
      FROM users u LEFT JOIN fee_tiers t ON t.tier = u.fee_tier
     WHERE u.id = ${userId}`);
  const row = result.rows[0];
  if (!row) return null;
  return {
    tier: Number(row.tier),
    makerFee: (row.maker_fee as string | null) ?? null,
    takerFee: (row.taker_fee as string | null) ?? null,
  };
}

/**
 * The window of trades the volume counts: executed at or after `since`, and (a bound for the
 * index) with an id of at least `fromTradeId` — every trade below it was executed before `since`
 * (`firstTradeIdSince`).
 */
export interface VolumeWindow {
  since: Date;
  fromTradeId: bigint;
  /** Volume is counted in this asset (USDT). */
  asset: string;
}

/**
 * The id of the first trade executed at or after `since`, walking the primary key up from
 * `fromTradeId`; null when there is none. Every trade with a lower id was executed before
 * `since`, so the id bounds any later window (a later `since`) from below: a caller that keeps
 * it walks only the trades that left the window since its last call.
 */
export async function firstTradeIdSince(
  db: Executor,
  since: Date,
  fromTradeId: bigint,
): Promise<bigint | null> {
  const result = await db.execute(sql`
    SELECT id FROM trades WHERE id >= ${fromTradeId} AND executed_at >= ${since}
     ORDER BY id LIMIT 1`);
  const id = result.rows[0]?.id;
  return id == null ? null : BigInt(id as string);
}

/**
 * Whether the trade just below `fromTradeId` exists and was executed before `since`: a check that
 * an id kept from an earlier window (in Redis) still bounds this database's window from below.
 */
export async function tradeBelowIsOlder(
  db: Executor,
  fromTradeId: bigint,
  since: Date,
): Promise<boolean> {
  if (fromTradeId === 0n) return true;
  const result = await db.execute(sql`
    SELECT executed_at < ${since} AS older FROM trades WHERE id < ${fromTradeId}
     ORDER BY id DESC LIMIT 1`);
  const row = result.rows[0];
  // None below: the id is from another database (trades are never deleted), so it bounds nothing.
  return row !== undefined && row.older === true;
}

/**
 * Per market, what one unit of its quote is worth in the volume asset: 1 on a market quoted in
 * it; else the last trade price of the market <quote>_<asset> (by base and quote, e.g. BTC_USDT
 * for ETH_BTC); null when there is no such market or it never traded (its volume is not counted).
 */
function conversionRates(asset: string): SQL {
  return sql`
    SELECT m.symbol, CASE WHEN m.quote = ${asset} THEN 1::numeric ELSE (
             SELECT (SELECT t.price FROM trades t WHERE t.market = c.symbol
                      ORDER BY t.sequence DESC, t.match_index DESC LIMIT 1)
               FROM markets c WHERE c.base = m.quote AND c.quote = ${asset}
              ORDER BY c.symbol LIMIT 1) END AS rate
      FROM markets m`;
}

/**
 * The user's traded volume in the window, in the volume asset, at most 18 decimals (down): the
 * quote of each of their fills (a self-trade counts both), read through the per-user indexes.
 */
export async function volumeOfUser(
  db: Executor,
  userId: string,
  window: VolumeWindow,
): Promise<string> {
  const fills = (party: SQL) => sql`
    SELECT t.quote_amount * r.rate AS volume
      FROM trades t JOIN rates r ON r.symbol = t.market
     WHERE ${party} = ${userId} AND t.id >= ${window.fromTradeId}
       AND t.executed_at >= ${window.since} AND r.rate IS NOT NULL`;
  const result = await db.execute(sql`
    WITH rates AS (${conversionRates(window.asset)})
    SELECT trunc(coalesce(sum(f.volume), 0), 18)::text AS volume
      FROM (${fills(sql`t.buyer_id`)} UNION ALL ${fills(sql`t.seller_id`)}) f`);
  return result.rows[0]!.volume as string;
}

/**
 * Sets every user's `fee_tier` to the highest tier whose min_volume their volume in the window
 * reaches (0 when none), writing only the rows that change; answers how many did. One statement
 * (the trades of the window read once, through the primary key from `fromTradeId`); run it under
 * the fee-tier lock.
 */
export async function recomputeUserTiers(tx: Executor, window: VolumeWindow): Promise<number> {
  const result = await tx.execute(sql`
    WITH rates AS (${conversionRates(window.asset)}),
         recent AS (
           SELECT t.buyer_id, t.seller_id, t.quote_amount * r.rate AS volume
             FROM trades t JOIN rates r ON r.symbol = t.market
            WHERE t.id >= ${window.fromTradeId} AND t.executed_at >= ${window.since}
              AND r.rate IS NOT NULL),
         volumes AS (
           SELECT f.user_id, sum(f.volume) AS volume
             FROM (SELECT buyer_id AS user_id, volume FROM recent
                   UNION ALL SELECT seller_id, volume FROM recent) f
            GROUP BY f.user_id),
         targets AS (
           SELECT u.id,
                  coalesce((SELECT max(ft.tier) FROM fee_tiers ft
                             WHERE ft.min_volume <= coalesce(v.volume, 0)), 0) AS tier
             FROM users u LEFT JOIN volumes v ON v.user_id = u.id)
    UPDATE users u SET fee_tier = t.tier
      FROM targets t
     WHERE u.id = t.id AND u.fee_tier <> t.tier`);
  return result.rowCount ?? 0;
}

const windowStartKey = (namespace: string) => `${namespace}:fees:volume-from-trade-id`;

/**
 * The lowest trade id of the 30-day volume window as the recompute last found it (shared in
 * Redis so `me` reads only the window through the per-user indexes); 0 when unknown.
 */
export async function readVolumeWindowStart(redis: Redis, namespace: string): Promise<bigint> {
  const value = await redis.get(windowStartKey(namespace)).catch(() => null);
  return value !== null && /^\d{1,19}$/.test(value) ? BigInt(value) : 0n;
}

export async function saveVolumeWindowStart(
  redis: Redis,
  namespace: string,
  fromTradeId: bigint,
): Promise<void> {
  await redis.set(windowStartKey(namespace), fromTradeId.toString());
}
