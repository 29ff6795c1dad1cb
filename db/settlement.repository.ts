import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import type pg from "pg";
import type { TransactionClient as Client } from "./client.ts";
import type { LedgerEntryRow, OrderRow, TradeRow } from "./schema.ts";
import { toOrderRow } from "./orders.repository.ts";

/*
 * Settlement's statements, each over a whole delivery (arrays in, one round trip each), in the
 * caller's transaction (db/client.ts `inTransaction`). One transaction per delivery locks in one
 * order — offsets, then orders by id, then wallets by (user, asset) — so concurrent settlers
 * never deadlock.
 */

interface OffsetDbRow {
  market: string;
  last_sequence: string;
}

interface WalletDbRow {
  user_id: string;
  asset: string;
  available: string;
  locked: string;
}

export async function lockConsumerOffsets(
  client: Client,
  consumer: string,
  markets: string[],
): Promise<Map<string, number>> {
  const sorted = [...new Set(markets)].sort();
  await client.query(
    `INSERT INTO consumer_offsets (consumer, market, last_sequence)
     SELECT $1, m, 0 FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`,
    [consumer, sorted],
  );
  const { rows } = await client.query<OffsetDbRow>(
    `SELECT market, last_sequence FROM consumer_offsets
      WHERE consumer = $1 AND market = ANY($2::text[]) ORDER BY market FOR UPDATE`,
    [consumer, sorted],
  );
  return new Map(rows.map((r) => [r.market, Number(r.last_sequence)]));
}

/** Locks the orders that exist among `ids`, in id order; the map keeps that order. */
export async function lockOrders(client: Client, ids: string[]): Promise<Map<string, OrderRow>> {
  const { rows } = await client.query<Record<string, unknown>>(
    `SELECT * FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id as string, toOrderRow(r)]));
}

// What applySettlementPlan writes. Amounts are money units (money/decimal.ts, 18 places); the
// shapes are settlement/plan.ts's, spelled here because db/ sits below settlement/.

export interface OrderUpdate {
  id: string;
  status: OrderRow["status"];
  filledAmount: bigint;
  filledQuoteAmount: bigint;
  lockedRemaining: bigint;
  lastSequence: number;
}

export interface TradeInsert {
  market: string;
  sequence: number;
  matchIndex: number;
  price: bigint;
  amount: bigint;
  quoteAmount: bigint;
  takerSide: TradeRow["takerSide"];
  makerOrderId: string;
  takerOrderId: string;
  buyerId: string;
  sellerId: string;
  buyerFee: bigint;
  sellerFee: bigint;
  executedAtMs: number;
}

export type SettlementReason = Extract<
  LedgerEntryRow["reason"],
  "ORDER_UNLOCK" | "TRADE" | "FEE" | "FEE_INCOME"
>;

/** One ledger row to be, before the wallet's balances after it are known. */
export interface WalletMove {
  userId: string;
  asset: string;
  availableDelta: bigint;
  lockedDelta: bigint;
  reason: SettlementReason;
  reference: string;
}

export interface WalletBalance {
  userId: string;
  asset: string;
  available: bigint;
  locked: bigint;
}

/** A wallet move as a ledger row: with the wallet's balances right after it. */
export interface LedgerPosting extends WalletMove {
  availableAfter: bigint;
  lockedAfter: bigint;
}

export interface PlanToApply {
  orderUpdates: readonly OrderUpdate[];
  trades: readonly TradeInsert[];
  /** In ledger order. */
  balanceMoves: readonly WalletMove[];
  /** Market → new last applied sequence; only markets whose offset moves. */
  offsets: ReadonlyMap<string, number>;
}

/** settlement/postings.ts `postMoves`: the moves onto the locked wallets, or a throw. */
export type PostMoves = (
  wallets: readonly WalletBalance[],
  moves: readonly WalletMove[],
) => { postings: LedgerPosting[]; wallets: WalletBalance[] };

/**
 * Writes a settlement plan in the caller's transaction, after its offsets and orders were locked:
 * orders, trades, the consumer offsets, then the wallets — locked last and held as briefly as
 * possible (the lock, then one statement for balances and ledger rows, then the commit), since
 * placeOrder updates them too. `postMoves`
 * comes in as an argument because settlement/ sits above db/ in the folder graph.
 */
export async function applySettlementPlan(
  client: Client,
  consumer: string,
  plan: PlanToApply,
  postMoves: PostMoves,
): Promise<void> {
  await saveOrders(client, plan.orderUpdates);
  await insertTrades(client, plan.trades);
  if (plan.offsets.size > 0) await saveConsumerOffsets(client, consumer, plan.offsets);
  // Last: from the wallet lock to the commit, two round trips (lock, then balances and ledger).
  if (plan.balanceMoves.length > 0) {
    const locked = await lockWallets(client, plan.balanceMoves);
    const { postings, wallets } = postMoves(locked, plan.balanceMoves);
    await saveWalletsWithLedger(client, wallets, postings);
  }
}

async function saveOrders(client: Client, updates: readonly OrderUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  await client.query(
    `UPDATE orders o SET status = v.status::order_status, filled_amount = v.filled,
            filled_quote_amount = v.filled_quote, locked_remaining = v.locked,
            last_sequence = v.seq, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[], $6::bigint[])
            AS v(id, status, filled, filled_quote, locked, seq)
      WHERE o.id = v.id`,
    [
      updates.map((u) => u.id),
      updates.map((u) => u.status),
      updates.map((u) => formatDecimal(u.filledAmount)),
      updates.map((u) => formatDecimal(u.filledQuoteAmount)),
      updates.map((u) => formatDecimal(u.lockedRemaining)),
      updates.map((u) => String(u.lastSequence)),
    ],
  );
}

async function insertTrades(client: Client, trades: readonly TradeInsert[]): Promise<void> {
  if (trades.length === 0) return;
  await client.query(
    `INSERT INTO trades (market, sequence, match_index, price, amount, quote_amount, taker_side,
                         maker_order_id, taker_order_id, buyer_id, seller_id, buyer_fee, seller_fee, executed_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[],
                          $7::order_side[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::numeric[],
                          $13::numeric[], $14::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [
      trades.map((t) => t.market),
      trades.map((t) => String(t.sequence)),
      trades.map((t) => t.matchIndex),
      trades.map((t) => formatDecimal(t.price)),
      trades.map((t) => formatDecimal(t.amount)),
      trades.map((t) => formatDecimal(t.quoteAmount)),
      trades.map((t) => t.takerSide),
      trades.map((t) => t.makerOrderId),
      trades.map((t) => t.takerOrderId),
      trades.map((t) => t.buyerId),
      trades.map((t) => t.sellerId),
      trades.map((t) => formatDecimal(t.buyerFee)),
      trades.map((t) => formatDecimal(t.sellerFee)),
      trades.map((t) => new Date(t.executedAtMs).toISOString()),
    ],
  );
}

/** Creates missing wallets at zero, then locks all of them in (user, asset) order. */
async function lockWallets(
  client: Client,
  keys: readonly { userId: string; asset: string }[],
): Promise<WalletBalance[]> {
  const sorted = [...new Map(keys.map((k) => [`${k.userId}|${k.asset}`, k])).values()].sort(
    (a, b) => (a.userId === b.userId ? (a.asset < b.asset ? -1 : 1) : a.userId < b.userId ? -1 : 1),
  );
  const users = sorted.map((k) => k.userId);
  const assets = sorted.map((k) => k.asset);
  await client.query(
    `INSERT INTO wallets (user_id, asset)
     SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
    [users, assets],
  );
  const { rows } = await client.query<WalletDbRow>(
    `SELECT w.user_id, w.asset, w.available, w.locked FROM wallets w
       JOIN unnest($1::uuid[], $2::text[]) AS k(user_id, asset)
         ON w.user_id = k.user_id AND w.asset = k.asset
      ORDER BY w.user_id, w.asset FOR UPDATE OF w`,
    [users, assets],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    asset: r.asset,
    available: parseDecimal(r.available),
    locked: parseDecimal(r.locked),
  }));
}

/** The new balances and their ledger rows, in one statement. */
async function saveWalletsWithLedger(
  client: Client,
  wallets: readonly WalletBalance[],
  rows: readonly LedgerPosting[],
): Promise<void> {
  if (wallets.length === 0 && rows.length === 0) return;
  await client.query(
    `WITH w AS (
       UPDATE wallets w SET available = v.available, locked = v.locked, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[]) AS v(user_id, asset, available, locked)
        WHERE w.user_id = v.user_id AND w.asset = v.asset
     )
     INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                 available_after, locked_after, reference)
     SELECT u, a, r::ledger_reason, ad, ld, aa, la, ref
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[],
                   $11::numeric[], $12::text[]) AS v(u, a, r, ad, ld, aa, la, ref)`,
    [
      wallets.map((w) => w.userId),
      wallets.map((w) => w.asset),
      wallets.map((w) => formatDecimal(w.available)),
      wallets.map((w) => formatDecimal(w.locked)),
      rows.map((r) => r.userId),
      rows.map((r) => r.asset),
      rows.map((r) => r.reason),
      rows.map((r) => formatDecimal(r.availableDelta)),
      rows.map((r) => formatDecimal(r.lockedDelta)),
      rows.map((r) => formatDecimal(r.availableAfter)),
      rows.map((r) => formatDecimal(r.lockedAfter)),
      rows.map((r) => r.reference),
    ],
  );
}

async function saveConsumerOffsets(
  client: Client,
  consumer: string,
  offsets: ReadonlyMap<string, number>,
): Promise<void> {
  // A market whose events apply again loses its problem in the same statement (recordProblem).
  await client.query(
    `UPDATE consumer_offsets o SET last_sequence = v.seq, updated_at = now(),
            problem = NULL, problem_since = NULL
       FROM unnest($2::text[], $3::bigint[]) AS v(market, seq)
      WHERE o.consumer = $1 AND o.market = v.market`,
    [consumer, [...offsets.keys()], [...offsets.values()].map(String)],
  );
}

/**
 * Records why a consumer cannot apply a market's events, in a statement of its own (the failed
 * transaction rolled back). `since` stays the first time of the run of failures. Nothing is
 * written once the offset has reached `unappliedTo` — another settler applied those events in
 * the meantime — so a late report cannot flag a market that is fine. Cleared by the statement
 * that next advances the market's offset (saveConsumerOffsets).
 */
export async function recordProblem(
  pool: pg.Pool,
  consumer: string,
  market: string,
  problem: string,
  unappliedTo: number,
): Promise<void> {
  await pool.query(
    `INSERT INTO consumer_offsets AS o (consumer, market, last_sequence, problem, problem_since)
     VALUES ($1, $2, 0, $3, now())
     ON CONFLICT (consumer, market) DO UPDATE
        SET problem = excluded.problem, problem_since = coalesce(o.problem_since, now())
      WHERE o.last_sequence < $4`,
    [consumer, market, problem, String(unappliedTo)],
  );
}

/** How far a consumer has applied each market of the markets table, and its problem if any. */
export interface MarketProgress {
  market: string;
  lastSequence: number;
  problem: string | null;
  problemSince: Date | null;
}

export async function marketProgress(pool: pg.Pool, consumer: string): Promise<MarketProgress[]> {
  const { rows } = await pool.query<{
    market: string;
    last_sequence: string;
    problem: string | null;
    problem_since: Date | null;
  }>(
    `SELECT m.symbol AS market, coalesce(o.last_sequence, 0)::text AS last_sequence,
            o.problem, o.problem_since
       FROM markets m
       LEFT JOIN consumer_offsets o ON o.consumer = $1 AND o.market = m.symbol
      ORDER BY m.symbol`,
    [consumer],
  );
  return rows.map((r) => ({
    market: r.market,
    lastSequence: Number(r.last_sequence),
    problem: r.problem,
    problemSince: r.problem_since,
  }));
}
