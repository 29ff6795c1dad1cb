import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import type pg from "pg";
import type { TransactionClient as Client } from "./client.ts";
import type { LedgerEntryRow, OrderRow, TradeRow } from "./schema.ts";
import { ORDER_ROW_COLUMNS, toOrderRow } from "./orders.repository.ts";

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

/**
 * Rows a settlement transaction needs that do not exist yet: a market's first offset row, a
 * wallet of an asset its user never held. The transaction rolls back (releasing every lock it
 * took), `create` makes them at zero in a statement of its own, and the transaction runs again —
 * so no settler ever holds one row while it waits to insert another (two settlers doing that
 * deadlocked; found by review). A row at zero changes no balance: a wallet at zero equals its
 * empty ledger, an offset at zero means nothing applied.
 */
export class SettlementRowsMissing extends Error {
  constructor(
    what: string,
    readonly create: (pool: pg.Pool) => Promise<unknown>,
  ) {
    super(`settlement: ${what} missing, made before the transaction runs again`);
    this.name = "SettlementRowsMissing";
  }
}

/**
 * Locks the consumer's offset rows of `markets` (in market order) and reads them: market → last
 * applied sequence. Throws SettlementRowsMissing when a market has no row yet.
 */
export async function lockConsumerOffsets(
  client: Client,
  consumer: string,
  markets: string[],
): Promise<Map<string, number>> {
  const sorted = [...new Set(markets)].sort();
  const { rows } = await client.query<OffsetDbRow>({
    name: "settlement_lock_offsets",
    text: `SELECT market, last_sequence FROM consumer_offsets
            WHERE consumer = $1 AND market = ANY($2::text[]) ORDER BY market FOR UPDATE`,
    values: [consumer, sorted],
  });
  if (rows.length < sorted.length) {
    throw new SettlementRowsMissing("consumer offset rows", (pool) =>
      pool.query(
        `INSERT INTO consumer_offsets (consumer, market, last_sequence)
         SELECT $1, m, 0 FROM unnest($2::text[]) AS m ON CONFLICT DO NOTHING`,
        [consumer, sorted],
      ),
    );
  }
  return new Map(rows.map((r) => [r.market, Number(r.last_sequence)]));
}

/** The maker and taker rates (fractions, as text) of a user's fee tier. */
export interface TierRates {
  makerFee: string;
  takerFee: string;
}

const LOCKED_ORDER_COLUMNS = ORDER_ROW_COLUMNS.map((c) => `o.${c}`).join(", ");

/**
 * Locks the orders that exist among `ids`, in id order (the map keeps that order), and reads the
 * fee-tier rates of their owners in the same statement: a user whose tier has no row (tier 0, or
 * a tier since removed) is missing from `tierRates`.
 */
export async function lockOrders(
  client: Client,
  ids: string[],
): Promise<{ orders: Map<string, OrderRow>; tierRates: Map<string, TierRates> }> {
  // A named statement, so planned once per connection (unnamed, planning it took 0.35 ms, as
  // long as running it). Its columns are named: with `o.*` a migration adding a column would fail
  // every pooled connection with "cached plan must not change result type".
  const { rows } = await client.query<Record<string, unknown>>({
    name: "settlement_lock_orders",
    text: `SELECT ${LOCKED_ORDER_COLUMNS},
                  t.maker_fee AS tier_maker_fee, t.taker_fee AS tier_taker_fee
             FROM orders o JOIN users u ON u.id = o.user_id
             LEFT JOIN fee_tiers t ON t.tier = u.fee_tier
            WHERE o.id = ANY($1::uuid[]) ORDER BY o.id FOR UPDATE OF o`,
    values: [[...new Set(ids)]],
  });
  const orders = new Map<string, OrderRow>();
  const tierRates = new Map<string, TierRates>();
  for (const r of rows) {
    orders.set(r.id as string, toOrderRow(r));
    if (r.tier_maker_fee != null && r.tier_taker_fee != null) {
      tierRates.set(r.user_id as string, {
        makerFee: r.tier_maker_fee as string,
        takerFee: r.tier_taker_fee as string,
      });
    }
  }
  return { orders, tierRates };
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
 * orders, trades and the consumer offsets in one statement, then the wallets — locked last and
 * held as briefly as possible (the lock, then one statement for balances and ledger rows, then
 * the commit), since placeOrder updates them too. A wallet that does not exist yet (the first of
 * an asset a user receives): SettlementRowsMissing. `postMoves` comes in as an argument because
 * settlement/ sits above db/ in the folder graph.
 */
export async function applySettlementPlan(
  client: Client,
  consumer: string,
  plan: PlanToApply,
  postMoves: PostMoves,
): Promise<void> {
  await writePlan(client, consumer, plan);
  if (plan.balanceMoves.length === 0) return;
  const keys = walletKeys(plan.balanceMoves);
  const locked = await lockWallets(client, keys);
  if (locked.length < keys.users.length) {
    throw new SettlementRowsMissing("wallets", (pool) =>
      pool.query(
        `INSERT INTO wallets (user_id, asset)
         SELECT * FROM unnest($1::uuid[], $2::text[]) ON CONFLICT DO NOTHING`,
        [keys.users, keys.assets],
      ),
    );
  }
  const { postings, wallets } = postMoves(locked, plan.balanceMoves);
  await saveWalletsWithLedger(client, wallets, postings);
}

/** The wallets the moves touch, once each, in (user, asset) order: the order they are locked in. */
function walletKeys(moves: readonly { userId: string; asset: string }[]) {
  const sorted = [...new Map(moves.map((k) => [`${k.userId}|${k.asset}`, k])).values()].sort(
    (a, b) => (a.userId === b.userId ? (a.asset < b.asset ? -1 : 1) : a.userId < b.userId ? -1 : 1),
  );
  return { users: sorted.map((k) => k.userId), assets: sorted.map((k) => k.asset) };
}

/** Locks and reads the wallets of `keys` in (user, asset) order; missing ones do not exist yet. */
async function lockWallets(
  client: Client,
  keys: { users: string[]; assets: string[] },
): Promise<WalletBalance[]> {
  const { rows } = await client.query<WalletDbRow>({
    name: "settlement_lock_wallets",
    text: `SELECT w.user_id, w.asset, w.available, w.locked FROM wallets w
             JOIN unnest($1::uuid[], $2::text[]) AS k(user_id, asset)
               ON w.user_id = k.user_id AND w.asset = k.asset
            ORDER BY w.user_id, w.asset FOR UPDATE OF w`,
    values: [keys.users, keys.assets],
  });
  return rows.map((r) => ({
    userId: r.user_id,
    asset: r.asset,
    available: parseDecimal(r.available),
    locked: parseDecimal(r.locked),
  }));
}

/**
 * The order updates, the trades (one already recorded is skipped) and the offsets, in one
 * statement of three data-modifying CTEs (each runs to completion whether or not the query reads
 * it: PostgreSQL manual, "WITH Queries"); none for a plan that writes none of them.
 */
async function writePlan(
  client: Client,
  consumer: string,
  plan: Pick<PlanToApply, "orderUpdates" | "trades" | "offsets">,
): Promise<void> {
  const { orderUpdates: updates, trades, offsets } = plan;
  if (updates.length === 0 && trades.length === 0 && offsets.size === 0) return;
  await client.query({
    name: "settlement_write_plan",
    text: `
      WITH order_updates AS (
        UPDATE orders o SET status = v.status::order_status, filled_amount = v.filled,
               filled_quote_amount = v.filled_quote, locked_remaining = v.locked,
               last_sequence = v.seq, updated_at = now()
          FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[], $5::numeric[],
                      $6::bigint[]) AS v(id, status, filled, filled_quote, locked, seq)
         WHERE o.id = v.id
      ), new_trades AS (
        INSERT INTO trades (market, sequence, match_index, price, amount, quote_amount, taker_side,
                            maker_order_id, taker_order_id, buyer_id, seller_id, buyer_fee,
                            seller_fee, executed_at)
        SELECT * FROM unnest($7::text[], $8::bigint[], $9::int[], $10::numeric[], $11::numeric[],
                             $12::numeric[], $13::order_side[], $14::uuid[], $15::uuid[],
                             $16::uuid[], $17::uuid[], $18::numeric[], $19::numeric[],
                             $20::timestamptz[])
        ON CONFLICT DO NOTHING
      )
      -- A market whose events apply again loses its problem in the same statement
      -- (recordProblem).
      UPDATE consumer_offsets o SET last_sequence = v.seq, updated_at = now(),
             problem = NULL, problem_since = NULL
        FROM unnest($22::text[], $23::bigint[]) AS v(market, seq)
       WHERE o.consumer = $21 AND o.market = v.market`,
    values: [
      updates.map((u) => u.id),
      updates.map((u) => u.status),
      updates.map((u) => formatDecimal(u.filledAmount)),
      updates.map((u) => formatDecimal(u.filledQuoteAmount)),
      updates.map((u) => formatDecimal(u.lockedRemaining)),
      updates.map((u) => String(u.lastSequence)),
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
      consumer,
      [...offsets.keys()],
      [...offsets.values()].map(String),
    ],
  });
}

/** The new balances and their ledger rows, in one statement. */
async function saveWalletsWithLedger(
  client: Client,
  wallets: readonly WalletBalance[],
  rows: readonly LedgerPosting[],
): Promise<void> {
  if (wallets.length === 0 && rows.length === 0) return;
  await client.query({
    name: "settlement_save_wallets",
    text: `WITH w AS (
       UPDATE wallets w SET available = v.available, locked = v.locked, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[]) AS v(user_id, asset, available, locked)
        WHERE w.user_id = v.user_id AND w.asset = v.asset
     )
     INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                 available_after, locked_after, reference)
     SELECT u, a, r::ledger_reason, ad, ld, aa, la, ref
       FROM unnest($5::uuid[], $6::text[], $7::text[], $8::numeric[], $9::numeric[], $10::numeric[],
                   $11::numeric[], $12::text[]) AS v(u, a, r, ad, ld, aa, la, ref)`,
    values: [
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
  });
}

/**
 * Records why a consumer cannot apply a market's events, in a statement of its own (the failed
 * transaction rolled back). `since` stays the first time of the run of failures. Nothing is
 * written once the offset has reached `unappliedTo` — another settler applied those events in
 * the meantime — so a late report cannot flag a market that is fine. Cleared by the statement
 * that next advances the market's offset (writePlan).
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
