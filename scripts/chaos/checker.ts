/**
 * The chaos run's checker: after the load has stopped and the exchange has drained, reads the
 * whole state (PostgreSQL in one REPEATABLE READ snapshot, the Redis book mirror) and reports
 * every invariant that does not hold, by name, with enough detail to find the row.
 *
 * Money is compared in SQL (numeric) or as bigint units (money/decimal.ts), never as floats.
 */
import type { Redis } from "ioredis";
import type pg from "pg";
import { readBookMirror } from "../../db/order-book-mirror.repository.ts";
import { FINISHED_ORDER_STATUSES, OPEN_ORDER_STATUSES } from "../../domain/order-kinds.ts";
import { CANDLE_INTERVALS } from "../../marketdata/intervals.ts";
import { formatDecimal, parseDecimal } from "../../money/decimal.ts";

export type CheckName =
  | "conservation" // per asset: sum(wallets.available+locked) == sum of ledger DEPOSIT/WITHDRAWAL available_delta+locked_delta
  | "wallet-ledger" // each wallet's available/locked == sum of its ledger rows' available_delta/locked_delta
  | "negative-balance" // no wallet available<0 or locked<0
  | "locked-holds" // each wallet's locked == sum(locked_remaining) of the user's unfinished orders on that asset + its PENDING withdrawals' amount+fee
  | "order-lost" // an order the load saw accepted (id) is missing from the orders table
  | "order-doubled" // one (user, clientOrderId) has >1 order row, or the load got >1 distinct id for one clientOrderId
  | "order-stuck" // an order still PENDING after the drain (accepted but never reached a resting or final state)
  | "trade-doubled" // (market, sequence, match_index) more than once in trades, or (market, sequence) in ticks
  | "filled-trades" // each order's filled amounts == the sums of its trades; FILLED LIMIT orders filled == amount
  | "book-mirror" // per market: the Redis mirror == the book aggregated from the DB's resting orders
  | "candle-volume"; // per market and interval: candles add up to the ticks; ticks add up to the trades

export interface Violation {
  check: CheckName;
  detail: string;
}

export interface AcceptedOrder {
  id: string;
  userId: string;
  clientOrderId: string | null;
}

export interface CheckReport {
  violations: Violation[];
  /** Per asset: held − (deposits − withdrawals), as decimal strings; "0" when conserved. */
  moneyDelta: Record<string, string>;
  counts: {
    orders: number;
    trades: number;
    accepted: number;
    lost: number;
    doubled: number;
    stuck: number;
  };
}

/** Every check, in the order the report lists them. */
const CHECK_NAMES: readonly CheckName[] = [
  "conservation",
  "wallet-ledger",
  "negative-balance",
  "locked-holds",
  "order-lost",
  "order-doubled",
  "order-stuck",
  "trade-doubled",
  "filled-trades",
  "book-mirror",
  "candle-volume",
];

/** Violations listed per check; past that, one line says how many more there are. */
const LISTED_PER_CHECK = 20;

type Db = pg.PoolClient;

/** What one check found: up to LISTED_PER_CHECK details and how many there were in all. */
interface Found {
  total: number;
  details: string[];
}

const nothing = (): Found => ({ total: 0, details: [] });

/** Both findings together (for checks made of several queries). */
function merge(...found: Found[]): Found {
  return {
    total: found.reduce((sum, f) => sum + f.total, 0),
    details: found.flatMap((f) => f.details).slice(0, LISTED_PER_CHECK),
  };
}

const SQL_OPEN = OPEN_ORDER_STATUSES.map((s) => `'${s}'`).join(", ");
const SQL_FINISHED = FINISHED_ORDER_STATUSES.map((s) => `'${s}'`).join(", ");
/** An order resting in the book: what `rested` sets (PENDING has not reached the matcher). */
const SQL_RESTING = `'OPEN', 'PARTIALLY_FILLED'`;

/** Canonical text of a numeric column ("30000.500000000000000000" → "30000.5"); exact. */
function dec(text: string | null | undefined): string {
  return text === null || text === undefined ? "null" : formatDecimal(parseDecimal(text));
}

/**
 * Runs `query` and answers its first LISTED_PER_CHECK rows, each described by `describe`, and
 * the number of rows it has in all (counted by PostgreSQL, so a flood is not fetched).
 */
async function rows<R extends object>(
  db: Db,
  query: string,
  params: unknown[],
  describe: (row: R) => string,
): Promise<Found> {
  const { rows: found } = await db.query<R & { total_rows: number }>(
    `SELECT q.*, (count(*) OVER ())::int AS total_rows FROM (${query}) q LIMIT ${LISTED_PER_CHECK}`,
    params,
  );
  return { total: found[0]?.total_rows ?? 0, details: found.map(describe) };
}

// ---------------------------------------------------------------------------------------------
// The checks, one function each.

/**
 * Per asset, all wallets (fee account included) hold exactly deposits − withdrawals: the sum of
 * both deltas of every DEPOSIT and WITHDRAWAL row (a completed withdrawal's WITHDRAWAL row takes
 * its amount off the locked balance; its fee moves to the fee account and stays in).
 */
async function checkConservation(
  db: Db,
): Promise<{ found: Found; moneyDelta: Record<string, string> }> {
  const { rows: assets } = await db.query<{
    asset: string;
    held: string;
    deposited: string;
    delta: string;
  }>(`
    WITH held AS (SELECT asset, sum(available + locked) AS v FROM wallets GROUP BY asset),
         deposited AS (SELECT asset, sum(available_delta + locked_delta) AS v FROM ledger_entries
                        WHERE reason IN ('DEPOSIT', 'WITHDRAWAL') GROUP BY asset),
         asset AS (SELECT symbol AS asset FROM assets UNION SELECT asset FROM held
                   UNION SELECT asset FROM deposited)
    SELECT asset.asset, coalesce(held.v, 0)::text AS held, coalesce(deposited.v, 0)::text AS deposited,
           (coalesce(held.v, 0) - coalesce(deposited.v, 0))::text AS delta
      FROM asset LEFT JOIN held USING (asset) LEFT JOIN deposited USING (asset)
     ORDER BY asset.asset`);
  const moneyDelta: Record<string, string> = {};
  const broken: string[] = [];
  for (const row of assets) {
    moneyDelta[row.asset] = dec(row.delta);
    if (parseDecimal(row.delta) !== 0n) {
      broken.push(
        `${row.asset}: wallets hold ${dec(row.held)}, deposits − withdrawals ${dec(row.deposited)} (delta ${dec(row.delta)})`,
      );
    }
  }
  return {
    found: { total: broken.length, details: broken.slice(0, LISTED_PER_CHECK) },
    moneyDelta,
  };
}

/** Every wallet's available and locked equal the sums of its ledger rows' deltas. */
function checkWalletLedger(db: Db): Promise<Found> {
  return rows<{
    user_id: string;
    asset: string;
    available: string | null;
    locked: string | null;
    ledger_available: string;
    ledger_locked: string;
    entries: number;
  }>(
    db,
    `SELECT coalesce(w.user_id, s.user_id)::text AS user_id, coalesce(w.asset, s.asset) AS asset,
            w.available::text AS available, w.locked::text AS locked,
            coalesce(s.available, 0)::text AS ledger_available,
            coalesce(s.locked, 0)::text AS ledger_locked, coalesce(s.entries, 0)::int AS entries
       FROM wallets w
       FULL JOIN (SELECT user_id, asset, sum(available_delta) AS available,
                         sum(locked_delta) AS locked, count(*) AS entries
                    FROM ledger_entries GROUP BY user_id, asset) s
         ON s.user_id = w.user_id AND s.asset = w.asset
      WHERE coalesce(w.available, 0) <> coalesce(s.available, 0)
         OR coalesce(w.locked, 0) <> coalesce(s.locked, 0)
      ORDER BY 1, 2`,
    [],
    (r) =>
      `user ${r.user_id} ${r.asset}: wallet ${
        r.available === null ? "missing" : `available ${dec(r.available)} locked ${dec(r.locked)}`
      }, ledger (${r.entries} rows) says available ${dec(r.ledger_available)} locked ${dec(r.ledger_locked)}`,
  );
}

/** No wallet has a negative available or locked balance. */
function checkNegativeBalance(db: Db): Promise<Found> {
  return rows<{ user_id: string; asset: string; available: string; locked: string }>(
    db,
    `SELECT user_id::text, asset, available::text, locked::text FROM wallets
      WHERE available < 0 OR locked < 0 ORDER BY 1, 2`,
    [],
    (r) => `user ${r.user_id} ${r.asset}: available ${dec(r.available)} locked ${dec(r.locked)}`,
  );
}

/**
 * Every wallet's locked balance is what the user's unfinished orders on that asset still hold
 * (BUY → quote, SELL → base) plus its PENDING withdrawals' amount + fee, and a finished order
 * holds nothing.
 */
async function checkLockedHolds(db: Db): Promise<Found> {
  const wallets = await rows<{
    user_id: string;
    asset: string;
    locked: string | null;
    held: string;
    orders: number;
  }>(
    db,
    `WITH holds AS (
       SELECT user_id, asset, sum(held) AS held, count(*) FILTER (WHERE is_order) AS orders
         FROM (SELECT o.user_id, CASE WHEN o.side = 'BUY' THEN m.quote ELSE m.base END AS asset,
                      o.locked_remaining AS held, true AS is_order
                 FROM orders o JOIN markets m ON m.symbol = o.market
                WHERE o.status IN (${SQL_OPEN})
               UNION ALL
               SELECT user_id, asset, amount + fee, false FROM withdrawals WHERE status = 'PENDING') h
        GROUP BY 1, 2)
     SELECT coalesce(w.user_id, h.user_id)::text AS user_id, coalesce(w.asset, h.asset) AS asset,
            w.locked::text AS locked, coalesce(h.held, 0)::text AS held,
            coalesce(h.orders, 0)::int AS orders
       FROM wallets w FULL JOIN holds h ON h.user_id = w.user_id AND h.asset = w.asset
      WHERE coalesce(w.locked, 0) <> coalesce(h.held, 0)
      ORDER BY 1, 2`,
    [],
    (r) =>
      `user ${r.user_id} ${r.asset}: wallet locked ${r.locked === null ? "(no wallet)" : dec(r.locked)}, ` +
      `its ${r.orders} unfinished orders (and pending withdrawals) hold ${dec(r.held)}`,
  );
  const finished = await rows<{
    id: string;
    user_id: string;
    market: string;
    status: string;
    locked_remaining: string;
  }>(
    db,
    `SELECT id::text, user_id::text, market, status::text, locked_remaining::text FROM orders
      WHERE status IN (${SQL_FINISHED}) AND locked_remaining <> 0 ORDER BY seq`,
    [],
    (r) =>
      `order ${r.id} (user ${r.user_id}, ${r.market}) is ${r.status} yet holds ${dec(r.locked_remaining)}`,
  );
  return merge(wallets, finished);
}

/** Every order the load saw accepted is in the orders table, as the user and client id it sent. */
function checkOrderLost(db: Db, accepted: AcceptedOrder[]): Promise<Found> {
  if (accepted.length === 0) return Promise.resolve(nothing());
  return rows<{
    id: string;
    user_id: string;
    client_order_id: string | null;
    found_user: string | null;
    found_client: string | null;
  }>(
    db,
    `SELECT a.id, a.user_id, a.client_order_id, o.user_id::text AS found_user,
            o.client_order_id AS found_client
       FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY
              AS a(id, user_id, client_order_id, n)
       LEFT JOIN orders o ON o.id::text = lower(a.id)
      WHERE o.id IS NULL OR o.user_id::text <> lower(a.user_id)
         OR o.client_order_id IS DISTINCT FROM a.client_order_id
      ORDER BY a.n`,
    [
      accepted.map((a) => a.id),
      accepted.map((a) => a.userId),
      accepted.map((a) => a.clientOrderId),
    ],
    (r) =>
      r.found_user === null
        ? `order ${r.id} (user ${r.user_id}, clientOrderId ${r.client_order_id ?? "none"}) was accepted but is not in orders`
        : `order ${r.id} was accepted for user ${r.user_id} clientOrderId ${r.client_order_id ?? "none"}, ` +
          `stored for user ${r.found_user} clientOrderId ${r.found_client ?? "none"}`,
  );
}

/**
 * One (user, clientOrderId) made one order: one row in orders, one id seen by the load.
 * Answers the doubled keys too, so the count names each doubling once.
 */
async function checkOrderDoubled(
  db: Db,
  accepted: AcceptedOrder[],
): Promise<{ found: Found; keys: Set<string> }> {
  const keys = new Set<string>();
  const details: string[] = [];
  const { rows: stored } = await db.query<{
    user_id: string;
    client_order_id: string;
    ids: string[];
  }>(`
    SELECT user_id::text, client_order_id, array_agg(id::text ORDER BY seq) AS ids
      FROM orders WHERE client_order_id IS NOT NULL
     GROUP BY user_id, client_order_id HAVING count(*) > 1
     ORDER BY 1, 2`);
  for (const r of stored) {
    keys.add(`${r.user_id} ${r.client_order_id}`);
    details.push(
      `user ${r.user_id} clientOrderId ${r.client_order_id}: ${r.ids.length} order rows (${r.ids.join(", ")})`,
    );
  }
  const seen = new Map<string, Set<string>>();
  for (const a of accepted) {
    if (a.clientOrderId === null) continue;
    const key = `${a.userId.toLowerCase()} ${a.clientOrderId}`;
    const ids = seen.get(key) ?? new Set<string>();
    ids.add(a.id.toLowerCase());
    seen.set(key, ids);
  }
  for (const [key, ids] of seen) {
    if (ids.size < 2) continue;
    keys.add(key);
    const [user, clientOrderId] = key.split(" ");
    details.push(
      `user ${user} clientOrderId ${clientOrderId}: the load was answered ${ids.size} ids (${[...ids].join(", ")})`,
    );
  }
  return { found: { total: details.length, details: details.slice(0, LISTED_PER_CHECK) }, keys };
}

/**
 * After the drain every order reached the matcher: none is PENDING, and none that may not rest
 * (MARKET, IOC, FOK) is OPEN or PARTIALLY_FILLED.
 */
function checkOrderStuck(db: Db): Promise<Found> {
  return rows<{
    id: string;
    user_id: string;
    market: string;
    type: string;
    time_in_force: string;
    status: string;
    created_at: string;
  }>(
    db,
    `SELECT id::text, user_id::text, market, type::text, time_in_force::text, status::text,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
       FROM orders
      WHERE status = 'PENDING'
         OR (status IN (${SQL_RESTING}) AND (type = 'MARKET' OR time_in_force <> 'GTC'))
      ORDER BY seq`,
    [],
    (r) =>
      r.status === "PENDING"
        ? `order ${r.id} (user ${r.user_id}, ${r.market} ${r.type} ${r.time_in_force}) still PENDING, placed ${r.created_at}`
        : `order ${r.id} (user ${r.user_id}, ${r.market} ${r.type} ${r.time_in_force}) is ${r.status}: it may never rest`,
  );
}

/** No trade is stored twice: (market, sequence, match_index) in trades, (market, sequence) in ticks. */
async function checkTradeDoubled(db: Db): Promise<Found> {
  const trades = await rows<{
    market: string;
    sequence: string;
    match_index: number;
    ids: string[];
  }>(
    db,
    `SELECT market, sequence::text, match_index, array_agg(id::text ORDER BY id) AS ids
       FROM trades GROUP BY market, sequence, match_index HAVING count(*) > 1
      ORDER BY trades.market, trades.sequence, trades.match_index`,
    [],
    (r) =>
      `trade ${r.market} sequence ${r.sequence} match ${r.match_index} stored ${r.ids.length} times (ids ${r.ids.join(", ")})`,
  );
  const ticks = await rows<{ market: string; sequence: string; copies: number }>(
    db,
    `SELECT market, sequence::text, count(*)::int AS copies
       FROM ticks GROUP BY market, sequence HAVING count(*) > 1
      ORDER BY ticks.market, ticks.sequence`,
    [],
    (r) => `tick ${r.market} sequence ${r.sequence} stored ${r.copies} times`,
  );
  return merge(trades, ticks);
}

/**
 * Every order's filled amount and filled quote are the sums of its trades (as maker and as
 * taker), every trade's orders exist, and the status agrees: a FILLED LIMIT order filled its
 * amount, an OPEN one nothing, a PARTIALLY_FILLED LIMIT one some but not all, none overfilled.
 */
async function checkFilledTrades(db: Db): Promise<Found> {
  const sums = await rows<{
    id: string;
    market: string | null;
    status: string | null;
    filled: string | null;
    filled_quote: string | null;
    traded: string;
    traded_quote: string;
    trades: number;
  }>(
    db,
    `WITH sides AS (SELECT maker_order_id AS order_id, amount, quote_amount FROM trades
                    UNION ALL SELECT taker_order_id, amount, quote_amount FROM trades),
          sums AS (SELECT order_id, sum(amount) AS amount, sum(quote_amount) AS quote,
                          count(*) AS trades
                     FROM sides GROUP BY order_id)
     SELECT coalesce(o.id, s.order_id)::text AS id, o.market, o.status::text AS status,
            o.filled_amount::text AS filled, o.filled_quote_amount::text AS filled_quote,
            coalesce(s.amount, 0)::text AS traded, coalesce(s.quote, 0)::text AS traded_quote,
            coalesce(s.trades, 0)::int AS trades
       FROM orders o FULL JOIN sums s ON s.order_id = o.id
      WHERE o.id IS NULL OR o.filled_amount <> coalesce(s.amount, 0)
         OR o.filled_quote_amount <> coalesce(s.quote, 0)
      ORDER BY o.seq NULLS FIRST, 1`,
    [],
    (r) =>
      r.status === null
        ? `${r.trades} trades (amount ${dec(r.traded)}) name order ${r.id}, which is not in orders`
        : `order ${r.id} (${r.market}, ${r.status}): filled ${dec(r.filled)} quote ${dec(r.filled_quote)}, ` +
          `its ${r.trades} trades add up to ${dec(r.traded)} quote ${dec(r.traded_quote)}`,
  );
  const statuses = await rows<{
    id: string;
    market: string;
    type: string;
    status: string;
    amount: string | null;
    quote_amount: string | null;
    filled: string;
    filled_quote: string;
  }>(
    db,
    `SELECT id::text, market, type::text, status::text, amount::text, quote_amount::text,
            filled_amount::text AS filled, filled_quote_amount::text AS filled_quote
       FROM orders
      WHERE (type = 'LIMIT' AND status = 'FILLED' AND filled_amount <> amount)
         OR (type = 'LIMIT' AND status = 'PARTIALLY_FILLED'
             AND NOT (filled_amount > 0 AND filled_amount < amount))
         OR (status = 'OPEN' AND filled_amount <> 0)
         OR filled_amount > amount OR filled_quote_amount > quote_amount
      ORDER BY seq`,
    [],
    (r) =>
      `order ${r.id} (${r.market} ${r.type}) is ${r.status} with amount ${dec(r.amount)} ` +
      `quoteAmount ${dec(r.quote_amount)}, filled ${dec(r.filled)} quote ${dec(r.filled_quote)}`,
  );
  return merge(sums, statuses);
}

/**
 * Per market, the Redis mirror (every level) equals the book of the DB's resting LIMIT orders
 * (remaining = amount − filled, summed per side and price), the mirror exists wherever orders
 * rest, and it is at the sequence settlement applied last.
 */
async function checkBookMirror(db: Db, redis: Redis, namespace: string): Promise<Found> {
  const { rows: markets } = await db.query<{ market: string; settled: string }>(`
    SELECT m.symbol AS market, coalesce(c.last_sequence, 0)::text AS settled
      FROM markets m
      LEFT JOIN consumer_offsets c ON c.market = m.symbol AND c.consumer = 'settlement'
     ORDER BY 1`);
  const { rows: levels } = await db.query<{
    market: string;
    side: "BUY" | "SELL";
    price: string;
    remaining: string;
    orders: number;
  }>(`
    SELECT market, side::text AS side, price::text, sum(amount - filled_amount)::text AS remaining,
           count(*)::int AS orders
      FROM orders
     WHERE status IN (${SQL_RESTING}) AND type = 'LIMIT'
     GROUP BY market, side, price
    HAVING sum(amount - filled_amount) <> 0`);
  const details: string[] = [];
  let total = 0;
  const report = (detail: string) => {
    total++;
    if (details.length < LISTED_PER_CHECK) details.push(detail);
  };
  for (const { market, settled } of markets) {
    const expected = { bids: new Map<string, string>(), asks: new Map<string, string>() };
    let orders = 0;
    for (const l of levels) {
      if (l.market !== market) continue;
      (l.side === "BUY" ? expected.bids : expected.asks).set(dec(l.price), dec(l.remaining));
      orders += l.orders;
    }
    const mirror = await readBookMirror(redis, namespace, market, Number.MAX_SAFE_INTEGER);
    if (mirror === null) {
      if (orders > 0) {
        report(
          `${market}: no mirror in Redis (${namespace}:book:${market}:*), yet ${orders} orders rest ` +
            `on ${expected.bids.size} bid and ${expected.asks.size} ask levels`,
        );
      }
      continue;
    }
    if (mirror.seq !== settled) {
      report(`${market}: mirror at sequence ${mirror.seq}, settlement applied up to ${settled}`);
    }
    for (const side of ["bids", "asks"] as const) {
      const found = new Map(mirror[side].map((l) => [l.price, l.amount]));
      for (const [price, amount] of expected[side]) {
        const there = found.get(price);
        if (there !== amount) {
          report(
            `${market} ${side} ${price}: DB orders rest ${amount}, mirror has ${there ?? "no level"}`,
          );
        }
      }
      for (const [price, amount] of found) {
        if (!expected[side].has(price)) {
          report(`${market} ${side} ${price}: mirror has ${amount}, no DB order rests there`);
        }
      }
    }
  }
  return { total, details };
}

/**
 * Market data adds up: per market and candle interval the candles' volume, quote volume and
 * trade count equal the ticks'; per market the ticks equal the trades (sums, counts, and one
 * tick per trade at its tape sequence, sequence·2^20 + match index as marketdata/tape.ts makes
 * it, with the same price and amounts).
 */
async function checkCandleVolume(db: Db): Promise<Found> {
  const candles = await rows<{
    market: string;
    interval: string;
    volume: string;
    quote: string;
    trades: string;
    tick_volume: string;
    tick_quote: string;
    ticks: string;
  }>(
    db,
    `WITH t AS (SELECT market, sum(amount) AS volume, sum(quote_amount) AS quote, count(*) AS n
                  FROM ticks GROUP BY market),
          c AS (SELECT market, interval::text AS interval, sum(volume) AS volume,
                       sum(quote_volume) AS quote, sum(trades) AS n
                  FROM candles GROUP BY market, interval),
          mi AS (SELECT market, interval
                   FROM (SELECT market FROM t UNION SELECT market FROM c) m
                  CROSS JOIN (SELECT unnest($1::text[]) AS interval UNION SELECT interval FROM c) i)
     SELECT mi.market, mi.interval, coalesce(c.volume, 0)::text AS volume,
            coalesce(c.quote, 0)::text AS quote, coalesce(c.n, 0)::text AS trades,
            coalesce(t.volume, 0)::text AS tick_volume, coalesce(t.quote, 0)::text AS tick_quote,
            coalesce(t.n, 0)::text AS ticks
       FROM mi LEFT JOIN t ON t.market = mi.market
       LEFT JOIN c ON c.market = mi.market AND c.interval = mi.interval
      WHERE coalesce(c.volume, 0) <> coalesce(t.volume, 0)
         OR coalesce(c.quote, 0) <> coalesce(t.quote, 0) OR coalesce(c.n, 0) <> coalesce(t.n, 0)
      ORDER BY 1, 2`,
    [[...CANDLE_INTERVALS]],
    (r) =>
      `${r.market} ${r.interval} candles: volume ${dec(r.volume)} quote ${dec(r.quote)} trades ${r.trades}; ` +
      `ticks: volume ${dec(r.tick_volume)} quote ${dec(r.tick_quote)} count ${r.ticks}`,
  );
  const markets = await rows<{
    market: string;
    tick_volume: string;
    tick_quote: string;
    ticks: string;
    volume: string;
    quote: string;
    trades: string;
  }>(
    db,
    `WITH t AS (SELECT market, sum(amount) AS volume, sum(quote_amount) AS quote, count(*) AS n
                  FROM ticks GROUP BY market),
          r AS (SELECT market, sum(amount) AS volume, sum(quote_amount) AS quote, count(*) AS n
                  FROM trades GROUP BY market)
     SELECT market, coalesce(t.volume, 0)::text AS tick_volume,
            coalesce(t.quote, 0)::text AS tick_quote, coalesce(t.n, 0)::text AS ticks,
            coalesce(r.volume, 0)::text AS volume, coalesce(r.quote, 0)::text AS quote,
            coalesce(r.n, 0)::text AS trades
       FROM t FULL JOIN r USING (market)
      WHERE coalesce(t.volume, 0) <> coalesce(r.volume, 0)
         OR coalesce(t.quote, 0) <> coalesce(r.quote, 0) OR coalesce(t.n, 0) <> coalesce(r.n, 0)
      ORDER BY 1`,
    [],
    (r) =>
      `${r.market} ticks: volume ${dec(r.tick_volume)} quote ${dec(r.tick_quote)} count ${r.ticks}; ` +
      `trades: volume ${dec(r.volume)} quote ${dec(r.quote)} count ${r.trades}`,
  );
  const pairs = await rows<{
    market: string;
    sequence: string;
    match_index: number;
    what: string;
    trade: string | null;
    tick: string | null;
  }>(
    db,
    `SELECT r.market, r.sequence::text, r.match_index, 'trade' AS what,
            r.price::text || ' × ' || r.amount::text || ' = ' || r.quote_amount::text AS trade,
            k.price::text || ' × ' || k.amount::text || ' = ' || k.quote_amount::text AS tick
       FROM trades r
       LEFT JOIN ticks k ON k.market = r.market AND k.sequence = (r.sequence << 20) | r.match_index
      WHERE k.market IS NULL OR k.price <> r.price OR k.amount <> r.amount
         OR k.quote_amount <> r.quote_amount
     UNION ALL
     SELECT k.market, (k.sequence >> 20)::text, (k.sequence & 1048575)::int, 'tick', NULL,
            k.price::text || ' × ' || k.amount::text || ' = ' || k.quote_amount::text
       FROM ticks k
       LEFT JOIN trades r ON r.market = k.market AND r.sequence = k.sequence >> 20
                         AND r.match_index = (k.sequence & 1048575)
      WHERE r.id IS NULL`,
    [],
    (r) =>
      r.what === "tick"
        ? `${r.market} tick of sequence ${r.sequence} match ${r.match_index} (${r.tick}) has no trade`
        : `${r.market} trade sequence ${r.sequence} match ${r.match_index} (${r.trade}): tick ${r.tick ?? "missing"}`,
  );
  return merge(candles, markets, pairs);
}

// ---------------------------------------------------------------------------------------------

/**
 * Checks a drained exchange: every check above on one consistent snapshot of PostgreSQL (and
 * the Redis mirror under `namespace`), with `accepted` the orders the load was answered.
 */
export async function checkExchange(options: {
  pool: pg.Pool;
  redis: Redis;
  namespace: string;
  accepted?: AcceptedOrder[];
}): Promise<CheckReport> {
  const { pool, redis, namespace } = options;
  const accepted = distinctById(options.accepted ?? []);
  const db = await pool.connect();
  let broken: Error | undefined;
  try {
    await db.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const found = new Map<CheckName, Found>();
    const conservation = await checkConservation(db);
    found.set("conservation", conservation.found);
    found.set("wallet-ledger", await checkWalletLedger(db));
    found.set("negative-balance", await checkNegativeBalance(db));
    found.set("locked-holds", await checkLockedHolds(db));
    const lost = await checkOrderLost(db, accepted);
    found.set("order-lost", lost);
    const doubled = await checkOrderDoubled(db, options.accepted ?? []);
    found.set("order-doubled", doubled.found);
    const stuck = await checkOrderStuck(db);
    found.set("order-stuck", stuck);
    found.set("trade-doubled", await checkTradeDoubled(db));
    found.set("filled-trades", await checkFilledTrades(db));
    found.set("book-mirror", await checkBookMirror(db, redis, namespace));
    found.set("candle-volume", await checkCandleVolume(db));
    const { rows: counts } = await db.query<{ orders: number; trades: number }>(
      `SELECT (SELECT count(*) FROM orders)::int AS orders, (SELECT count(*) FROM trades)::int AS trades`,
    );
    await db.query("COMMIT");

    const violations: Violation[] = [];
    for (const check of CHECK_NAMES) {
      const { total, details } = found.get(check) ?? nothing();
      for (const detail of details) violations.push({ check, detail });
      if (total > details.length) {
        violations.push({
          check,
          detail: `… ${total - details.length} more not listed (${total} in all)`,
        });
      }
    }
    return {
      violations,
      moneyDelta: conservation.moneyDelta,
      counts: {
        orders: counts[0]!.orders,
        trades: counts[0]!.trades,
        accepted: accepted.length,
        lost: lost.total,
        doubled: doubled.keys.size,
        stuck: stuck.total,
      },
    };
  } catch (error) {
    broken = error as Error;
    await db.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    // A client whose query failed (its connection terminated, say) is destroyed, not pooled.
    db.release(broken);
  }
}

/** The accepted orders, each id once (a retry answered the same order again). */
function distinctById(accepted: AcceptedOrder[]): AcceptedOrder[] {
  const byId = new Map<string, AcceptedOrder>();
  for (const a of accepted) if (!byId.has(a.id.toLowerCase())) byId.set(a.id.toLowerCase(), a);
  return [...byId.values()];
}

/** Human-readable multi-line summary of a report (for the chaos run's output). */
export function formatReport(report: CheckReport): string {
  const { violations, moneyDelta, counts } = report;
  const failed = new Set(violations.map((v) => v.check));
  const lines = [
    violations.length === 0
      ? "chaos check: OK, every invariant holds"
      : `chaos check: FAILED, ${failed.size} of ${CHECK_NAMES.length} checks broken`,
    `  orders ${counts.orders}, trades ${counts.trades}; accepted by the load ${counts.accepted}: ` +
      `lost ${counts.lost}, doubled ${counts.doubled}, stuck ${counts.stuck}`,
    `  money held − (deposits − withdrawals): ${
      Object.entries(moneyDelta)
        .map(([asset, delta]) => `${asset} ${delta}`)
        .join(", ") || "no assets"
    }`,
  ];
  for (const check of CHECK_NAMES) {
    const own = violations.filter((v) => v.check === check);
    lines.push(`  ${own.length === 0 ? "ok  " : "FAIL"} ${check}`);
    for (const v of own) lines.push(`         ${v.detail}`);
  }
  return lines.join("\n");
}
