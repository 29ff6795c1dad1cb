import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type pg from "pg";
import { canonicalDecimal } from "../money/decimal.ts";
import {
  FINISHED_ORDER_STATUSES,
  OPEN_ORDER_STATUSES,
  type OrderSide,
} from "../domain/order-kinds.ts";
import type { Executor } from "./client.ts";
import { orders, trades, type OrderRow, type TradeRow } from "./schema.ts";
import { sqlStrings } from "./sql-strings.ts";

export interface NewOrder {
  userId: string;
  market: string;
  clientOrderId: string | null;
  side: OrderRow["side"];
  type: OrderRow["type"];
  timeInForce: OrderRow["timeInForce"];
  price: string | null;
  amount: string | null;
  quoteAmount: string | null;
  postOnly: boolean;
  selfTradePrevention: OrderRow["selfTradePrevention"];
  /** Asset and amount moved available → locked for the order. */
  lockAsset: string;
  lockAmount: string;
  /** Outbox subject and the command payload (orderId is added by the statement). */
  subject: string;
  command: Record<string, unknown>;
  /** Refuse when the user already holds this many open orders on the market. */
  maxOpenOrders: number;
}

/** What the placement statement did: placed the order, or refused it and changed nothing. */
export type PlacementResult =
  | { placed: OrderRow }
  | { refused: "TOO_MANY_OPEN_ORDERS" }
  /** `available`: the wallet's available amount the refusal saw ("0" without a wallet). */
  | { refused: "INSUFFICIENT_FUNDS"; available: string };

export class ClientOrderIdTaken extends Error {}

/** A repeated clientOrderId (the unique key refused the insert) as ClientOrderIdTaken. */
function clientOrderIdTakenOr(error: unknown): unknown {
  const constraint = (error as { constraint?: string }).constraint;
  return constraint === "orders_user_client_order_id_key" ? new ClientOrderIdTaken() : error;
}

/**
 * A placement statement's row: the order placed, or why it was refused. The refusals come in
 * the batch statement's order (insertOrdersLockingFunds), so an order gets the same answer on
 * either path: no wallet for the funds is INSUFFICIENT_FUNDS (available "0"), then the cap, then
 * the funds.
 */
function placementOf(row: Record<string, unknown>): PlacementResult {
  if (row.id != null) return { placed: toOrderRow(row) };
  const available = row.available_now as string | null;
  if (available === null) return { refused: "INSUFFICIENT_FUNDS", available: "0" };
  if (!row.under_cap) return { refused: "TOO_MANY_OPEN_ORDERS" };
  return { refused: "INSUFFICIENT_FUNDS", available: canonicalDecimal(available) };
}

/**
 * The whole of order placement in one statement, so one round trip and atomic without an
 * explicit transaction: count the user's open orders on the market (stopping at the cap), move
 * the funds available → locked only if under the cap and available covers them, insert the
 * PENDING order, its ORDER_LOCK ledger row and its outbox row. Always one row: under_cap, and
 * the order's columns (null when nothing was inserted).
 */
const PLACE_ORDER_SQL = `
  WITH c AS (
    SELECT count(*) < $16 AS under_cap
      FROM (SELECT 1 FROM orders
             WHERE user_id = $2 AND market = $4
               AND status IN (${sqlStrings(OPEN_ORDER_STATUSES)})
             LIMIT $16) open_orders
  ), w AS (
    UPDATE wallets
       SET available = available - $1::numeric, locked = locked + $1::numeric, updated_at = now()
     WHERE user_id = $2 AND asset = $3 AND available >= $1::numeric
       AND (SELECT under_cap FROM c)
    RETURNING available, locked
  ), o AS (
    INSERT INTO orders (user_id, market, client_order_id, side, type, time_in_force, price,
                        amount, quote_amount, post_only, self_trade_prevention, locked_remaining)
    SELECT $2, $4, $5, $6::order_side, $7::order_type, $8::time_in_force, $9::numeric,
           $10::numeric, $11::numeric, $12, $13::self_trade_prevention, $1::numeric
      FROM w
    RETURNING *
  ), l AS (
    INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                available_after, locked_after, reference)
    SELECT $2, $3, 'ORDER_LOCK', -$1::numeric, $1::numeric, w.available, w.locked, 'order:' || o.id
      FROM w, o
  ), x AS (
    INSERT INTO outbox (subject, message_id, payload)
    SELECT $14, 'place:' || o.id, $15::jsonb || jsonb_build_object('orderId', o.id)
      FROM o
  )
  SELECT c.under_cap, o.*,
         CASE WHEN o.id IS NULL
              THEN (SELECT available FROM wallets WHERE user_id = $2 AND asset = $3) END
           AS available_now
    FROM c LEFT JOIN o ON true`;

/**
 * The whole of order placement in one prepared statement, so one round trip and atomic without
 * an explicit transaction: move the funds available → locked only if the user holds fewer than
 * `maxOpenOrders` open orders on the market and available covers the lock, insert the PENDING
 * order, its ORDER_LOCK ledger row and its outbox row. Otherwise refused, nothing changed;
 * throws ClientOrderIdTaken on a repeated clientOrderId (nothing changed either).
 *
 * The count sees the statement's snapshot: placements of one (user, market) that run at the same
 * time can each count below the cap, so callers run them one at a time (see orders.service).
 */
export async function insertOrderLockingFunds(
  pool: pg.Pool | pg.PoolClient,
  order: NewOrder,
): Promise<PlacementResult> {
  try {
    const result = await pool.query<Record<string, unknown>>({
      name: "insert_order_locking_funds",
      text: PLACE_ORDER_SQL,
      values: [
        order.lockAmount,
        order.userId,
        order.lockAsset,
        order.market,
        order.clientOrderId,
        order.side,
        order.type,
        order.timeInForce,
        order.price,
        order.amount,
        order.quoteAmount,
        order.postOnly,
        order.selfTradePrevention,
        order.subject,
        JSON.stringify(order.command),
        order.maxOpenOrders,
      ],
    });
    return placementOf(result.rows[0]!);
  } catch (error) {
    throw clientOrderIdTakenOr(error);
  }
}

/** An order of a placement batch: a NewOrder with the id it will have. */
export type BatchedOrder = NewOrder & { id: string };

/**
 * What the batch statement did with one order: placed it, refused it (nothing changed for it),
 * found an earlier order of the user under the same clientOrderId (`existingId`; a retry), found
 * its wallet row held by another transaction (`walletBusy`: nothing written, nor counted), or
 * did not reach it (`deferred`: an earlier order of the same user in the batch was not placed).
 */
export type BatchPlacementResult =
  PlacementResult | { existingId: string } | { walletBusy: true } | { deferred: true };

/**
 * PLACE_ORDER_SQL for many orders in one statement (one round trip, one commit), with the same
 * outcome for each order as placing them one at a time in the batch's order.
 *
 * A user's orders in one batch (one request's orders of a market, in the order given) are taken
 * as a chain: each is placed only if every earlier one of the user was, against the funds and
 * the open-order count those left (running sums per wallet and per market), so a chain is placed
 * up to its first order that is not; that order gets its own outcome, and the ones after it are
 * `deferred` (nothing written for them) for the caller to put in a later batch, where they see
 * what that order left. One user's orders must all be one chain: the caller puts at most one
 * chain per user in a batch, and never two orders with one clientOrderId.
 *
 * Several orders of one (user, market) in a statement (a chain) are placed only under an
 * advisory lock on that pair, which the statement tries itself (`pr`; never waiting): a pair
 * whose lock another statement holds places its first order only (`limited`: the rest
 * deferred). A locked pair's open orders are counted after the lock, in a snapshot of their own
 * (eventhub_open_orders, migration 0012; READ COMMITTED only, else 0A000), so the count holds
 * every placement of the pair that held the lock before; the statement's own snapshot, taken
 * before the lock, might not. A pair with one order in the statement counts the same way
 * without the lock: statements of other API processes placing that pair at the same moment are
 * not in its count, which keeps the overshoot to one per process (cap + N − 1 with N processes;
 * each process places a (user, market) one batch at a time, services/orders.service.ts).
 *
 * The batch never waits for a wallet row: it locks those no other transaction holds (`k`, SKIP
 * LOCKED) and touches only them, so it cannot deadlock and a row held elsewhere (a settlement, a
 * stuck transaction) cannot stall the other users' orders. An order whose wallet row was held is
 * `walletBusy` (and the rest of its chain deferred): the caller puts it in a later batch, then
 * places it alone (insertOrderLockingFunds, which waits for its own row).
 */
const PLACE_ORDERS_SQL = `
  WITH i AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[],
                         $6::order_side[], $7::order_type[], $8::time_in_force[], $9::numeric[],
                         $10::numeric[], $11::numeric[], $12::bool[], $13::self_trade_prevention[],
                         $14::numeric[], $15::text[], $16::jsonb[])
      WITH ORDINALITY AS i(id, user_id, market, client_order_id, lock_asset, side, type,
                           time_in_force, price, amount, quote_amount, post_only,
                           self_trade_prevention, lock_amount, subject, command, n)
  ), pr AS MATERIALIZED (
    -- Each (user, market) of the batch, and whether more than its first order may be placed.
    SELECT user_id, market,
           CASE WHEN count(*) = 1 THEN true
                ELSE pg_try_advisory_xact_lock(hashtext(user_id::text), hashtext(market)) END
             AS may_chain
      FROM i GROUP BY user_id, market
  ), e AS (
    SELECT i.n, o.id AS existing_id
      FROM i JOIN orders o ON o.user_id = i.user_id AND o.client_order_id = i.client_order_id
  ), k AS (
    SELECT w.user_id, w.asset, w.available, w.locked FROM wallets w
     WHERE (w.user_id, w.asset) IN (SELECT i.user_id, i.lock_asset FROM i
                                     WHERE NOT EXISTS (SELECT 1 FROM e WHERE e.n = i.n))
     ORDER BY w.user_id, w.asset FOR UPDATE OF w SKIP LOCKED
  ), c AS (
    -- Counted only where this statement holds a wallet row of the user's chain: a busy one
    -- goes into a later batch and is counted there.
    -- Each pair's row of pr (its lock tried) comes before its count.
    SELECT m.user_id, m.market, eventhub_open_orders(m.user_id, m.market, $17::bigint) AS open_count
      FROM (SELECT DISTINCT i.user_id, i.market, pr.may_chain
              FROM i JOIN k ON k.user_id = i.user_id AND k.asset = i.lock_asset
                     JOIN pr ON pr.user_id = i.user_id AND pr.market = i.market) m
  ), r AS (
    -- Each order as if the user's earlier orders of the batch were placed: the funds they lock
    -- (cum_lock, its own included) and how many of them are on its market (nth).
    SELECT i.n, i.id, i.user_id, i.lock_asset, i.lock_amount, pr.may_chain, e.existing_id,
           k.user_id IS NOT NULL AS held, k.available, k.locked, c.open_count,
           sum(i.lock_amount) OVER (PARTITION BY i.user_id, i.lock_asset ORDER BY i.n) AS cum_lock,
           row_number() OVER (PARTITION BY i.user_id, i.market ORDER BY i.n) AS nth
      FROM i JOIN pr ON pr.user_id = i.user_id AND pr.market = i.market
             LEFT JOIN e ON e.n = i.n
             LEFT JOIN k ON k.user_id = i.user_id AND k.asset = i.lock_asset
             LEFT JOIN c ON c.user_id = i.user_id AND c.market = i.market
  ), s AS (
    -- limited: a second order of a (user, market) this statement may not place (see below).
    SELECT r.*, r.open_count + r.nth <= $17 AS under_cap, NOT r.may_chain AND r.nth > 1 AS limited,
           r.existing_id IS NULL AND r.held AND r.open_count + r.nth <= $17
             AND r.available >= r.cum_lock AND (r.may_chain OR r.nth = 1) AS ok
      FROM r
  ), p AS (
    -- placed: it and every earlier order of the user are ok; reached: every earlier one is.
    SELECT s.*,
           bool_and(s.ok) OVER (PARTITION BY s.user_id ORDER BY s.n) AS placed,
           coalesce(bool_and(s.ok) OVER (PARTITION BY s.user_id ORDER BY s.n
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
                    true) AS reached
      FROM s
  ), w AS (
    UPDATE wallets w
       SET available = w.available - t.total, locked = w.locked + t.total, updated_at = now()
      FROM (SELECT user_id, lock_asset, sum(lock_amount) AS total FROM p WHERE placed
             GROUP BY user_id, lock_asset) t
     WHERE w.user_id = t.user_id AND w.asset = t.lock_asset
  ), o AS (
    INSERT INTO orders (id, user_id, market, client_order_id, side, type, time_in_force, price,
                        amount, quote_amount, post_only, self_trade_prevention, locked_remaining)
    SELECT i.id, i.user_id, i.market, i.client_order_id, i.side, i.type, i.time_in_force, i.price,
           i.amount, i.quote_amount, i.post_only, i.self_trade_prevention, i.lock_amount
      FROM i JOIN p ON p.n = i.n WHERE p.placed ORDER BY i.n
    RETURNING *
  ), l AS (
    INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                available_after, locked_after, reference)
    SELECT i.user_id, i.lock_asset, 'ORDER_LOCK', -i.lock_amount, i.lock_amount,
           p.available - p.cum_lock, p.locked + p.cum_lock, 'order:' || i.id
      FROM i JOIN p ON p.n = i.n WHERE p.placed ORDER BY i.n
  ), x AS (
    INSERT INTO outbox (subject, message_id, payload)
    SELECT i.subject, 'place:' || i.id, i.command || jsonb_build_object('orderId', i.id)
      FROM i JOIN p ON p.n = i.n WHERE p.placed ORDER BY i.n
  )
  SELECT p.n, p.placed, p.reached, p.limited, p.existing_id, p.held, p.under_cap,
         p.available - (p.cum_lock - p.lock_amount) AS available_now,
         NOT p.held AND p.existing_id IS NULL
           AND EXISTS (SELECT 1 FROM wallets v WHERE v.user_id = p.user_id AND v.asset = p.lock_asset)
           AS wallet_busy,
         o.*
    FROM p LEFT JOIN o ON o.id = p.id
   ORDER BY p.n`;

/**
 * Places a batch of orders in one statement (PLACE_ORDERS_SQL), one round trip and one commit:
 * one outcome per order, in the batch's order. A user's orders in the batch form one chain,
 * placed in order up to the first that is not; a (user, market) whose advisory lock another
 * statement holds places its first order now, the rest deferred (see PLACE_ORDERS_SQL). Throws,
 * with nothing changed for any order, on any error — among them ClientOrderIdTaken when a
 * concurrent statement took one of the batch's clientOrderIds.
 */
export async function insertOrdersLockingFunds(
  pool: pg.Pool | pg.PoolClient,
  batch: readonly BatchedOrder[],
  maxOpenOrders: number,
): Promise<BatchPlacementResult[]> {
  const column = <K extends keyof BatchedOrder>(key: K) => batch.map((o) => o[key]);
  let result: pg.QueryResult<Record<string, unknown>>;
  try {
    result = await pool.query<Record<string, unknown>>({
      name: "insert_orders_locking_funds",
      text: PLACE_ORDERS_SQL,
      values: [
        column("id"),
        column("userId"),
        column("market"),
        column("clientOrderId"),
        column("lockAsset"),
        column("side"),
        column("type"),
        column("timeInForce"),
        column("price"),
        column("amount"),
        column("quoteAmount"),
        column("postOnly"),
        column("selfTradePrevention"),
        column("lockAmount"),
        column("subject"),
        batch.map((o) => JSON.stringify(o.command)),
        maxOpenOrders,
      ],
    });
  } catch (error) {
    throw clientOrderIdTakenOr(error);
  }
  return result.rows.map((row): BatchPlacementResult => {
    if (row.placed === true) return { placed: toOrderRow(row) };
    if (row.reached !== true || row.limited === true) return { deferred: true };
    if (row.existing_id != null) return { existingId: row.existing_id as string };
    if (row.wallet_busy === true) return { walletBusy: true };
    if (row.held !== true) return { refused: "INSUFFICIENT_FUNDS", available: "0" };
    if (row.under_cap !== true) return { refused: "TOO_MANY_OPEN_ORDERS" };
    const available = canonicalDecimal(row.available_now as string);
    return { refused: "INSUFFICIENT_FUNDS", available };
  });
}

export async function findOrderOfUser(
  db: Executor,
  userId: string,
  id: string,
): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, id), eq(orders.userId, userId)))
    .limit(1);
  return row ?? null;
}

export async function findOrderByClientOrderId(
  db: Executor,
  userId: string,
  clientOrderId: string,
): Promise<OrderRow | null> {
  const [row] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.userId, userId), eq(orders.clientOrderId, clientOrderId)))
    .limit(1);
  return row ?? null;
}

export async function pageOrdersOfUser(
  db: Executor,
  query: {
    userId: string;
    market?: string | null;
    statuses?: OrderRow["status"][] | null;
    beforeSeq?: bigint | null;
    limit: number;
  },
): Promise<OrderRow[]> {
  return db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.userId, query.userId),
        query.market ? eq(orders.market, query.market) : undefined,
        query.statuses?.length ? inArray(orders.status, query.statuses) : undefined,
        query.beforeSeq != null ? lt(orders.seq, query.beforeSeq) : undefined,
      ),
    )
    .orderBy(desc(orders.seq))
    .limit(query.limit);
}

/** A cancel to queue: the order, and whose it must be. */
export interface CancelRequest {
  orderId: string;
  userId: string;
}

/**
 * For each request, the user's order `orderId` and — when it is not finished — its cancel queued
 * in the outbox (to `subjectPrefix` + its market, message id `cancel:<id>`): one statement and
 * one commit for the whole batch (group commit, services/orders.service.ts). Answers in the
 * requests' order; null where the user has no such order (nothing written for it). The same
 * order twice queues two cancels, as two separate statements would (the stream drops the second
 * by its message id).
 */
export async function requestCancelOfOrders(
  pool: pg.Pool | pg.PoolClient,
  requests: readonly CancelRequest[],
  subjectPrefix: string,
): Promise<(OrderRow | null)[]> {
  const result = await pool.query<Record<string, unknown>>({
    name: "request_cancel_of_orders",
    text: `
      WITH i AS (
        SELECT * FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS i(order_id, user_id, n)
      ), o AS (
        SELECT i.n, orders.* FROM i JOIN orders ON orders.id = i.order_id AND orders.user_id = i.user_id
      ), x AS (
        INSERT INTO outbox (subject, message_id, payload)
        SELECT $3 || o.market, 'cancel:' || o.id,
               jsonb_build_object('kind', 'cancel', 'orderId', o.id, 'userId', o.user_id)
          FROM o WHERE o.status NOT IN (${sqlStrings(FINISHED_ORDER_STATUSES)})
         ORDER BY o.n
      )
      SELECT * FROM o`,
    values: [requests.map((r) => r.orderId), requests.map((r) => r.userId), subjectPrefix],
  });
  const found = new Map(result.rows.map((row) => [Number(row.n), toOrderRow(row)]));
  return requests.map((_, i) => found.get(i + 1) ?? null);
}

/** One side of a trade: the buyer's or the seller's, with that side's fee. */
export type FillRow = TradeRow & {
  side: OrderSide;
  fee: string;
  liquidity: "MAKER" | "TAKER";
  /** Orders a user's fills, newest first: trade id × 2, + 1 for the buyer's side. */
  position: bigint;
};

/** Where a fill stands among a user's fills: the trade's id and the side, in one number. */
export const fillPosition = (tradeId: bigint, side: OrderSide): bigint =>
  tradeId * 2n + (side === "BUY" ? 1n : 0n);

/**
 * A page of the user's fills, newest first, before `beforePosition` (`fillPosition`): one row per
 * (trade, side of the user), so a self-trade is two — the buyer's and the seller's, each with its
 * own fee. Each half reads its own index (trades_buyer_idx, trades_seller_idx) from the top.
 */
export async function pageFillsOfUser(
  db: Executor,
  query: { userId: string; market?: string | null; beforePosition?: bigint | null; limit: number },
): Promise<FillRow[]> {
  const before = query.beforePosition;
  // position < before: for the buyer's side id × 2 + 1 < before, for the seller's id × 2 < before.
  const buyerIdMax = before == null ? null : (before - 2n) / 2n;
  const sellerIdMax = before == null ? null : (before - 1n) / 2n;
  const market = query.market ? sql`AND t.market = ${query.market}` : sql``;
  const half = (side: OrderSide, idMax: bigint | null) => {
    const [party, fee, bit] =
      side === "BUY"
        ? [sql`t.buyer_id`, sql`t.buyer_fee`, 1]
        : [sql`t.seller_id`, sql`t.seller_fee`, 0];
    return sql`(SELECT t.*, ${side}::text AS side, ${fee} AS fee,
                       CASE WHEN t.taker_side = ${side} THEN 'TAKER' ELSE 'MAKER' END AS liquidity,
                       t.id * 2 + ${bit} AS position
                  FROM ${trades} t
                 WHERE ${party} = ${query.userId} ${market}
                   ${idMax !== null ? sql`AND t.id <= ${idMax}` : sql``}
                 ORDER BY t.id DESC
                 LIMIT ${query.limit})`;
  };
  const result = await db.execute(sql`
    SELECT * FROM (${half("BUY", buyerIdMax)} UNION ALL ${half("SELL", sellerIdMax)}) f
     ORDER BY f.position DESC
     LIMIT ${query.limit}`);
  return result.rows.map((r) => ({
    ...toTradeRow(r),
    side: r.side as OrderSide,
    fee: r.fee as string,
    liquidity: r.liquidity as "MAKER" | "TAKER",
    position: BigInt(r.position as string),
  }));
}

/** The `orders` columns toOrderRow reads, for a statement that names them rather than `*`. */
export const ORDER_ROW_COLUMNS = [
  "id",
  "seq",
  "user_id",
  "market",
  "client_order_id",
  "side",
  "type",
  "time_in_force",
  "price",
  "amount",
  "quote_amount",
  "post_only",
  "self_trade_prevention",
  "filled_amount",
  "filled_quote_amount",
  "locked_remaining",
  "status",
  "last_sequence",
  "created_at",
  "updated_at",
] as const;

export function toOrderRow(r: Record<string, unknown>): OrderRow {
  return {
    id: r.id as string,
    seq: BigInt(r.seq as string),
    userId: r.user_id as string,
    market: r.market as string,
    clientOrderId: (r.client_order_id as string | null) ?? null,
    side: r.side as OrderRow["side"],
    type: r.type as OrderRow["type"],
    timeInForce: r.time_in_force as OrderRow["timeInForce"],
    price: (r.price as string | null) ?? null,
    amount: (r.amount as string | null) ?? null,
    quoteAmount: (r.quote_amount as string | null) ?? null,
    postOnly: r.post_only as boolean,
    selfTradePrevention: r.self_trade_prevention as OrderRow["selfTradePrevention"],
    filledAmount: r.filled_amount as string,
    filledQuoteAmount: r.filled_quote_amount as string,
    lockedRemaining: r.locked_remaining as string,
    status: r.status as OrderRow["status"],
    lastSequence: r.last_sequence == null ? null : BigInt(r.last_sequence as string),
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

function toTradeRow(r: Record<string, unknown>): TradeRow {
  return {
    id: BigInt(r.id as string),
    market: r.market as string,
    sequence: BigInt(r.sequence as string),
    matchIndex: Number(r.match_index),
    price: r.price as string,
    amount: r.amount as string,
    quoteAmount: r.quote_amount as string,
    takerSide: r.taker_side as TradeRow["takerSide"],
    makerOrderId: r.maker_order_id as string,
    takerOrderId: r.taker_order_id as string,
    buyerId: r.buyer_id as string,
    sellerId: r.seller_id as string,
    buyerFee: r.buyer_fee as string,
    sellerFee: r.seller_fee as string,
    executedAt: new Date(r.executed_at as string),
  };
}
