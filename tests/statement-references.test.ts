import { randomUUID } from "node:crypto";
import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startExchange, type Exchange } from "./kit/index.ts";

/**
 * orders, ledger_entries and trades name their parents (users, markets, assets) without per-row
 * foreign keys: statement-level triggers (migration 0011) lock the parents a statement's new rows
 * name (FOR KEY SHARE, once per parent) and refuse the statement when one is missing; a parent's
 * deletion refuses what a foreign key refused. Each rule is checked here against the database
 * itself, races and isolation levels included.
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

/** "committed", or the SQLSTATE the statement failed with. */
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "committed",
    (error: Error & { code?: string }) => error.code ?? error.message,
  );

/** Whether `promise` is still pending after 300 ms, and what it then settles to. */
async function waits(promise: Promise<string>, release: () => Promise<unknown>) {
  let settled = false;
  const outcome = promise.finally(() => (settled = true));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const waited = !settled;
  await release();
  return { waited, outcome: await outcome };
}

/** A user of its own (a fresh id), as the parent of orders and ledger rows. */
async function addUser(pool: pg.Pool, id = randomUUID()): Promise<string> {
  await pool.query(
    `INSERT INTO users (id, name, email, password_hash) VALUES ($1, 'refs', $2, 'x')`,
    [id, `refs-${id}@example.com`],
  );
  return id;
}

/** A BTC/USDT market named `<tag><8 hex>_USDT`, as the parent of orders and trades. */
async function addMarket(pool: pg.Pool, tag: string): Promise<string> {
  const symbol = `${tag}${randomUUID().slice(0, 8).toUpperCase()}_USDT`;
  await pool.query(
    `INSERT INTO markets (symbol, base, quote, tick_size, lot_size, min_notional, maker_fee, taker_fee)
     VALUES ($1, 'BTC', 'USDT', '0.01', '0.00001', '5', '0.001', '0.001')`,
    [symbol],
  );
  return symbol;
}

async function setUp() {
  ex = await startExchange({ components: ["api"] });
  const pool = ex.deps.pool;
  return { pool, user: await addUser(pool), market: await addMarket(pool, "REF") };
}

const insertOrders = (db: pg.Pool | pg.PoolClient, rows: { user: string; market: string }[]) =>
  db.query(
    `INSERT INTO orders (user_id, market, side, type, time_in_force, price, amount)
     SELECT u, m, 'BUY', 'LIMIT', 'GTC', 100, 1 FROM unnest($1::uuid[], $2::text[]) AS v(u, m)`,
    [rows.map((r) => r.user), rows.map((r) => r.market)],
  );

const insertLedger = (pool: pg.Pool, rows: { user: string; asset: string }[]) =>
  pool.query(
    `INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                 available_after, locked_after, reference)
     SELECT u, a, 'DEPOSIT', 1, 0, 1, 0, 'probe' FROM unnest($1::uuid[], $2::text[]) AS v(u, a)`,
    [rows.map((r) => r.user), rows.map((r) => r.asset)],
  );

const insertTrade = (pool: pg.Pool, market: string, user: string) =>
  pool.query(
    `INSERT INTO trades (market, sequence, price, amount, quote_amount, taker_side, maker_order_id,
                         taker_order_id, buyer_id, seller_id, buyer_fee, seller_fee, executed_at)
     VALUES ($1, 1, 100, 1, 100, 'BUY', $2, $2, $3, $3, 0, 0, now())`,
    [market, randomUUID(), user],
  );

describe("references checked per statement", () => {
  it("refuses a statement whose rows name a missing user, market or asset, and writes none of it", async () => {
    const { pool, user, market } = await setUp();
    const stranger = randomUUID();
    // One bad row among good ones refuses the whole statement.
    expect(
      await codeOf(
        insertOrders(pool, [
          { user, market },
          { user: stranger, market },
        ]),
      ),
    ).toBe("23503");
    expect(await codeOf(insertOrders(pool, [{ user, market: "NOPE_USDT" }]))).toBe("23503");
    expect(await codeOf(insertLedger(pool, [{ user: stranger, asset: "BTC" }]))).toBe("23503");
    expect(await codeOf(insertLedger(pool, [{ user, asset: "NOPE" }]))).toBe("23503");
    expect(await codeOf(insertTrade(pool, "NOPE_USDT", user))).toBe("23503");
    const counts = await pool.query<{ orders: number; ledger: number; trades: number }>(
      `SELECT (SELECT count(*) FROM orders WHERE user_id = $1)::int AS orders,
              (SELECT count(*) FROM ledger_entries WHERE user_id = $1)::int AS ledger,
              (SELECT count(*) FROM trades WHERE buyer_id = $1)::int AS trades`,
      [user],
    );
    expect(counts.rows[0]).toEqual({ orders: 0, ledger: 0, trades: 0 });

    expect(
      await codeOf(
        insertOrders(pool, [
          { user, market },
          { user, market: "BTC_USDT" },
        ]),
      ),
    ).toBe("committed");
    expect(await codeOf(insertLedger(pool, [{ user, asset: "BTC" }]))).toBe("committed");
    expect(await codeOf(insertTrade(pool, market, user))).toBe("committed");
  });

  it("keeps references and keys fixed once written", async () => {
    const { pool, user, market } = await setUp();
    await insertOrders(pool, [{ user, market }]);
    await insertLedger(pool, [{ user, asset: "BTC" }]);
    await insertTrade(pool, market, user);
    const update = (text: string) => codeOf(pool.query(text, [user]));
    expect(await update(`UPDATE orders SET market = 'BTC_USDT' WHERE user_id = $1`)).toBe("23503");
    expect(await update(`UPDATE ledger_entries SET asset = 'USDT' WHERE user_id = $1`)).toBe(
      "23503",
    );
    expect(await update(`UPDATE trades SET market = 'BTC_USDT' WHERE buyer_id = $1`)).toBe("23503");
    expect(await update(`UPDATE users SET id = gen_random_uuid() WHERE id = $1`)).toBe("23503");
    const rename = (table: string, key: string) =>
      codeOf(pool.query(`UPDATE ${table} SET symbol = symbol || 'X' WHERE symbol = $1`, [key]));
    expect(await rename("markets", market)).toBe("23503");
    expect(await rename("assets", "BTC")).toBe("23503");
    // Other columns change freely.
    expect(await update(`UPDATE orders SET status = 'OPEN' WHERE user_id = $1`)).toBe("committed");
  });

  it("refuses deleting a parent still named, and deletes a user's ledger rows with the user", async () => {
    const { pool, user, market } = await setUp();
    await insertLedger(pool, [{ user, asset: "BTC" }]);
    await insertTrade(pool, market, user);
    expect(await codeOf(pool.query(`DELETE FROM markets WHERE symbol = $1`, [market]))).toBe(
      "23503",
    );
    // An asset only ledger rows name (no wallet, no market: no foreign key left to refuse it).
    const asset = `R${randomUUID().slice(0, 8).toUpperCase()}`;
    await pool.query(`INSERT INTO assets (symbol, name, decimals) VALUES ($1, 'probe', 8)`, [
      asset,
    ]);
    await insertLedger(pool, [{ user, asset }]);
    const deleteAsset = () => codeOf(pool.query(`DELETE FROM assets WHERE symbol = $1`, [asset]));
    expect(await deleteAsset()).toBe("23503");

    // A user without orders goes, and its ledger rows with it (ON DELETE CASCADE before).
    expect(await codeOf(pool.query(`DELETE FROM users WHERE id = $1`, [user]))).toBe("committed");
    const left = await pool.query(`SELECT 1 FROM ledger_entries WHERE user_id = $1`, [user]);
    expect(left.rowCount).toBe(0);
    expect(await deleteAsset()).toBe("committed"); // nothing names it now

    // A user with orders stays.
    const trader = await addUser(pool);
    await insertOrders(pool, [{ user: trader, market: "BTC_USDT" }]);
    expect(await codeOf(pool.query(`DELETE FROM users WHERE id = $1`, [trader]))).toBe("23503");

    // A market nothing names can be deleted.
    const spare = await addMarket(pool, "SPARE");
    expect(await codeOf(pool.query(`DELETE FROM markets WHERE symbol = $1`, [spare]))).toBe(
      "committed",
    );
  });

  it("a parent's deletion waits for a transaction inserting rows that name it, then is refused", async () => {
    const { pool, user, market } = await setUp();
    const inserting = await pool.connect();
    try {
      await inserting.query("BEGIN");
      await insertOrders(inserting, [{ user, market }]);
      const deletion = codeOf(pool.query(`DELETE FROM markets WHERE symbol = $1`, [market]));
      // The insert's transaction holds the market's row (FOR KEY SHARE) until it commits.
      expect(await waits(deletion, () => inserting.query("COMMIT"))).toEqual({
        waited: true,
        outcome: "23503",
      });
    } finally {
      inserting.release();
    }
    const named = await pool.query(`SELECT 1 FROM markets WHERE symbol = $1`, [market]);
    expect(named.rowCount).toBe(1);
  });

  it("a user's deletion waits for its own placement's transaction, then is refused; no deadlock", async () => {
    const { pool, user, market } = await setUp();
    await pool.query(
      `INSERT INTO wallets (user_id, asset, available, locked) VALUES ($1, 'USDT', 100, 0)`,
      [user],
    );
    const placing = await pool.connect();
    try {
      // As a placement: the order and its ledger row, then the user's wallet, in one transaction.
      await placing.query("BEGIN");
      await insertOrders(placing, [{ user, market }]);
      const deletion = codeOf(pool.query(`DELETE FROM users WHERE id = $1`, [user]));
      await new Promise((resolve) => setTimeout(resolve, 100));
      await placing.query(
        `UPDATE wallets SET locked = locked + 1 WHERE user_id = $1 AND asset = 'USDT'`,
        [user],
      );
      expect(await waits(deletion, () => placing.query("COMMIT"))).toEqual({
        waited: true,
        outcome: "23503",
      });
    } finally {
      placing.release();
    }
  });

  it("rows naming a parent whose deletion is not yet committed wait for it, then are refused", async () => {
    const { pool, user, market } = await setUp();
    const deleting = await pool.connect();
    try {
      await deleting.query("BEGIN");
      await deleting.query(`DELETE FROM markets WHERE symbol = $1`, [market]); // nothing names it
      const insertion = codeOf(insertOrders(pool, [{ user, market }]));
      // The deletion holds the market's row until it ends.
      expect(await waits(insertion, () => deleting.query("COMMIT"))).toEqual({
        waited: true,
        outcome: "23503",
      });
    } finally {
      deleting.release();
    }
    const orphans = await pool.query(`SELECT 1 FROM orders WHERE market = $1`, [market]);
    expect(orphans.rowCount).toBe(0);
  });

  it("a deletion of nothing waits for no one", async () => {
    const { pool, user, market } = await setUp();
    const inserting = await pool.connect();
    try {
      await inserting.query("BEGIN");
      await insertOrders(inserting, [{ user, market }]);
      const deletion = codeOf(pool.query(`DELETE FROM markets WHERE symbol = 'NOPE_USDT'`));
      expect(await waits(deletion, () => inserting.query("COMMIT"))).toEqual({
        waited: false,
        outcome: "committed",
      });
    } finally {
      inserting.release();
    }
  });

  it("under REPEATABLE READ, a parent deleted after the snapshot fails the insert (40001)", async () => {
    const { pool, user } = await setUp();
    const spare = await addMarket(pool, "RR");
    const inserting = await pool.connect();
    try {
      await inserting.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await inserting.query("SELECT 1 FROM markets LIMIT 1"); // the snapshot: spare is there
      await pool.query(`DELETE FROM markets WHERE symbol = $1`, [spare]);
      expect(await codeOf(insertOrders(inserting, [{ user, market: spare }]))).toBe("40001");
      await inserting.query("ROLLBACK");
      // A deletion is checked under READ COMMITTED only.
      await inserting.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      const deletion = inserting.query(`DELETE FROM users WHERE id = $1`, [user]);
      expect(await codeOf(deletion)).toBe("0A000"); // feature_not_supported
      await inserting.query("ROLLBACK");
      await inserting.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      expect(await codeOf(inserting.query(`TRUNCATE markets CASCADE`))).toBe("0A000");
      await inserting.query("ROLLBACK");
    } finally {
      inserting.release();
    }
  });

  it("refuses TRUNCATE of a parent while rows may name it, and follows no caller's search_path", async () => {
    const { pool, user, market } = await setUp();
    await insertOrders(pool, [{ user, market }]);
    expect(await codeOf(pool.query(`TRUNCATE markets CASCADE`))).toBe("23503");
    expect(await codeOf(pool.query(`TRUNCATE users CASCADE`))).toBe("23503");
    // (assets' own rule, or markets' through the cascade: either refuses)
    expect(await codeOf(pool.query(`TRUNCATE assets CASCADE`))).toBe("23503");

    // A table named users earlier on the search_path does not stand in for public.users.
    const stranger = randomUUID();
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE SCHEMA decoy");
      await client.query("CREATE TABLE decoy.users (id uuid)");
      await client.query("INSERT INTO decoy.users VALUES ($1)", [stranger]);
      await client.query("SET LOCAL search_path = decoy, public");
      expect(await codeOf(insertOrders(client, [{ user: stranger, market }]))).toBe("23503");
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
    }
  });
});
