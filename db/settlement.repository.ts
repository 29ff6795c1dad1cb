import type pg from "pg";
import type { OrderRow } from "./schema.ts";
import { toOrderRow } from "./orders.repository.ts";

/**
 * Settlement's statements, each over a whole batch (arrays in, one round trip each). Callers run
 * them in one transaction and lock in one order — offsets, then orders by id, then wallets by
 * (user, asset) — so concurrent settlers never deadlock.
 */
export type Client = pg.PoolClient;

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
  const { rows } = await client.query(
    `SELECT market, last_sequence FROM consumer_offsets
      WHERE consumer = $1 AND market = ANY($2::text[]) ORDER BY market FOR UPDATE`,
    [consumer, sorted],
  );
  return new Map(rows.map((r) => [r.market as string, Number(r.last_sequence)]));
}

export async function saveConsumerOffsets(
  client: Client,
  consumer: string,
  offsets: Map<string, number>,
) {
  await client.query(
    `UPDATE consumer_offsets o SET last_sequence = v.seq, updated_at = now()
       FROM unnest($2::text[], $3::bigint[]) AS v(market, seq)
      WHERE o.consumer = $1 AND o.market = v.market`,
    [consumer, [...offsets.keys()], [...offsets.values()].map(String)],
  );
}

export async function lockOrders(client: Client, ids: string[]): Promise<Map<string, OrderRow>> {
  const { rows } = await client.query(
    `SELECT * FROM orders WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`,
    [[...new Set(ids)]],
  );
  return new Map(rows.map((r) => [r.id as string, toOrderRow(r)]));
}

export interface OrderUpdate {
  id: string;
  status: OrderRow["status"];
  filledAmount: string;
  filledQuoteAmount: string;
  lockedRemaining: string;
  lastSequence: number;
}

export async function saveOrders(client: Client, updates: OrderUpdate[]): Promise<void> {
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
      updates.map((u) => u.filledAmount),
      updates.map((u) => u.filledQuoteAmount),
      updates.map((u) => u.lockedRemaining),
      updates.map((u) => String(u.lastSequence)),
    ],
  );
}

export interface WalletBalance {
  userId: string;
  asset: string;
  available: string;
  locked: string;
}

/** Creates missing wallets at zero, then locks all of them in (user, asset) order. */
export async function lockWallets(
  client: Client,
  keys: { userId: string; asset: string }[],
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
  const { rows } = await client.query(
    `SELECT w.user_id, w.asset, w.available, w.locked FROM wallets w
       JOIN unnest($1::uuid[], $2::text[]) AS k(user_id, asset)
         ON w.user_id = k.user_id AND w.asset = k.asset
      ORDER BY w.user_id, w.asset FOR UPDATE OF w`,
    [users, assets],
  );
  return rows.map((r) => ({
    userId: r.user_id as string,
    asset: r.asset as string,
    available: r.available as string,
    locked: r.locked as string,
  }));
}

export async function saveWallets(client: Client, wallets: WalletBalance[]): Promise<void> {
  if (wallets.length === 0) return;
  await client.query(
    `UPDATE wallets w SET available = v.available, locked = v.locked, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::numeric[], $4::numeric[]) AS v(user_id, asset, available, locked)
      WHERE w.user_id = v.user_id AND w.asset = v.asset`,
    [
      wallets.map((w) => w.userId),
      wallets.map((w) => w.asset),
      wallets.map((w) => w.available),
      wallets.map((w) => w.locked),
    ],
  );
}

export interface LedgerRow {
  userId: string;
  asset: string;
  reason: "ORDER_UNLOCK" | "TRADE" | "FEE" | "FEE_INCOME";
  availableDelta: string;
  lockedDelta: string;
  availableAfter: string;
  lockedAfter: string;
  reference: string;
}

export async function insertLedgerRows(client: Client, rows: LedgerRow[]): Promise<void> {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                 available_after, locked_after, reference)
     SELECT u, a, r::ledger_reason, ad, ld, aa, la, ref
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[],
                   $7::numeric[], $8::text[]) AS v(u, a, r, ad, ld, aa, la, ref)`,
    [
      rows.map((r) => r.userId),
      rows.map((r) => r.asset),
      rows.map((r) => r.reason),
      rows.map((r) => r.availableDelta),
      rows.map((r) => r.lockedDelta),
      rows.map((r) => r.availableAfter),
      rows.map((r) => r.lockedAfter),
      rows.map((r) => r.reference),
    ],
  );
}

export interface TradeInsert {
  market: string;
  sequence: number;
  matchIndex: number;
  price: string;
  amount: string;
  quoteAmount: string;
  takerSide: "BUY" | "SELL";
  makerOrderId: string;
  takerOrderId: string;
  buyerId: string;
  sellerId: string;
  buyerFee: string;
  sellerFee: string;
  executedAt: Date;
}

export async function insertTrades(client: Client, trades: TradeInsert[]): Promise<void> {
  if (trades.length === 0) return;
  const col = <K extends keyof TradeInsert>(k: K, map: (v: TradeInsert[K]) => unknown = (v) => v) =>
    trades.map((t) => map(t[k]));
  await client.query(
    `INSERT INTO trades (market, sequence, match_index, price, amount, quote_amount, taker_side,
                         maker_order_id, taker_order_id, buyer_id, seller_id, buyer_fee, seller_fee, executed_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::numeric[], $5::numeric[], $6::numeric[],
                          $7::order_side[], $8::uuid[], $9::uuid[], $10::uuid[], $11::uuid[], $12::numeric[],
                          $13::numeric[], $14::timestamptz[])
     ON CONFLICT DO NOTHING`,
    [
      col("market"),
      col("sequence", String),
      col("matchIndex"),
      col("price"),
      col("amount"),
      col("quoteAmount"),
      col("takerSide"),
      col("makerOrderId"),
      col("takerOrderId"),
      col("buyerId"),
      col("sellerId"),
      col("buyerFee"),
      col("sellerFee"),
      col("executedAt", (d) => (d as Date).toISOString()),
    ],
  );
}
