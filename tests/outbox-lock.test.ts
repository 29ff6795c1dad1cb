import { afterEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { findStalePendingOrders, takeOutboxBatch, tryRelayLock } from "../db/outbox.repository.ts";
import { createDatabase, createPool } from "../db/client.ts";
import { startExchange, type Exchange } from "./kit/index.ts";

/**
 * The relay tries its lock and takes the outbox rows in one statement (takeOutboxBatch). A relay
 * without the lock must not even lock a row: the relay that has it skips locked rows, so a later
 * command of the same market could go out before the one held.
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

describe("taking the outbox", () => {
  it("without the relay lock takes nothing and locks no row; with it, the oldest rows in order", async () => {
    ex = await startExchange({ components: ["api"] });
    const { pool, db } = ex.deps;
    await pool.query(
      `INSERT INTO outbox (subject, message_id, payload)
       SELECT 'probe.' || n, 'probe:' || n, '{}'::jsonb FROM generate_series(1, 3) n`,
    );
    await db.transaction(async (other) => {
      expect(await tryRelayLock(other)).toBe(true); // another relay, publishing
      await db.transaction(async (tx) => {
        expect(await takeOutboxBatch(tx, 500)).toBeNull();
        // While the refused transaction is still open, every row can be locked at once.
        const free = await pool.query(`SELECT id FROM outbox FOR UPDATE NOWAIT`);
        expect(free.rowCount).toBe(3);
      });
    });

    const taken = await db.transaction((tx) => takeOutboxBatch(tx, 2));
    expect(taken!.map((m) => m.messageId)).toEqual(["probe:1", "probe:2"]);
    const left = await pool.query<{ message_id: string }>(`SELECT message_id FROM outbox`);
    expect(left.rows).toEqual([{ message_id: "probe:3" }]);
    const last = await db.transaction((tx) => takeOutboxBatch(tx, 500));
    expect(last!.map((m) => m.messageId)).toEqual(["probe:3"]);
    expect(await db.transaction((tx) => takeOutboxBatch(tx, 500))).toEqual([]);
  });

  it("an order whose command is still queued is not stale; once it left, the order is, whatever else waits", async () => {
    ex = await startExchange({ components: ["api"] });
    const { pool, db } = ex.deps;
    const user = randomUUID();
    await pool.query(
      `INSERT INTO users (id, name, email, password_hash) VALUES ($1, 'stale', $2, 'x')`,
      [user, `stale-${user}@example.com`],
    );
    // An order and its place command, written together 10 s ago (one created_at, as one
    // statement writes them), and a busy outbox of younger commands.
    const order = randomUUID();
    const { rows } = await pool.query<{ at: string }>(
      `WITH o AS (INSERT INTO orders (id, user_id, market, side, type, time_in_force, price, amount,
                                      locked_remaining, created_at)
                  VALUES ($1, $2, 'BTC_USDT', 'BUY', 'LIMIT', 'GTC', 100, 1, 100,
                          now() - interval '10 seconds')
                  RETURNING created_at)
       INSERT INTO outbox (subject, message_id, payload, created_at)
       SELECT 'probe', 'place:' || $1, '{}'::jsonb, o.created_at FROM o RETURNING created_at::text AS at`,
      [order, user],
    );
    await pool.query(
      `INSERT INTO outbox (subject, message_id, payload)
       SELECT 'probe', 'probe:' || n, '{}'::jsonb FROM generate_series(1, 5000) n`,
    );
    const stale = () =>
      db.transaction((tx) =>
        findStalePendingOrders(tx, {
          olderThanSeconds: 1,
          maxAgeSeconds: 3600,
          limit: 100,
          after: null,
        }),
      );
    const ids = async () =>
      (await stale()).stale.map((s) => s.order.id).filter((id) => id === order);
    expect(await ids()).toEqual([]); // queued, not lost
    await pool.query(`DELETE FROM outbox WHERE message_id = $1`, [`place:${order}`]);
    expect(await ids()).toEqual([order]); // published, and still PENDING: stale
    // An older row held in the outbox (an operator's open transaction, say) holds back only its
    // own order: this one is still re-checked (found by a hostile review of a first version).
    await pool.query(
      `INSERT INTO outbox (subject, message_id, payload, created_at)
       VALUES ('probe', 'held', '{}', $1::timestamptz - interval '20 minutes')`,
      [rows[0]!.at],
    );
    const holder = await pool.connect();
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM outbox WHERE message_id = 'held' FOR UPDATE`);
      expect(await ids()).toEqual([order]);
      await holder.query("ROLLBACK");
    } finally {
      holder.release();
    }
    // A page's cursor moves past queued orders too, so every PENDING order is reached in turn.
    const page = await db.transaction((tx) =>
      findStalePendingOrders(tx, {
        olderThanSeconds: 1,
        maxAgeSeconds: 3600,
        limit: 1,
        after: null,
      }),
    );
    expect(page.next).toEqual({ createdAt: rows[0]!.at, id: order });
  });

  it("takes a backlog in one pass however stale the statistics: its locking pick runs once", async () => {
    // Found by bench:e2e: statistics from an empty outbox made `id IN (SELECT … FOR UPDATE SKIP
    // LOCKED)` a nested loop running (and locking) the pick again per row: 8–16 s a round.
    ex = await startExchange({ components: ["api"] });
    const fill = `INSERT INTO outbox (subject, message_id, payload)
                  SELECT 'probe', 'probe:' || n, '{}'::jsonb FROM generate_series(1, 3000) n`;
    // Analyzed with its pages there and no row alive (a quiet moment after a busy one): the
    // planner then expects about one row however many come.
    await ex.deps.pool.query(fill);
    await ex.deps.pool.query("DELETE FROM outbox");
    await ex.deps.pool.query("ANALYZE outbox");
    // One connection that sends back every statement's executed plan (auto_explain, JSON). It
    // takes from the empty outbox first, as a relay polling a quiet outbox does: more than the
    // five calls after which PostgreSQL would keep a prepared statement's generic plan.
    const explaining = createPool(ex.deps.config.databaseUrl, 1);
    const plans: string[] = [];
    try {
      const quiet = createDatabase(explaining);
      for (let i = 0; i < 8; i++) {
        expect(await quiet.transaction((tx) => takeOutboxBatch(tx, 5000))).toEqual([]);
      }
      await ex.deps.pool.query(fill);
      const client = await explaining.connect();
      client.on("notice", (notice) => plans.push(notice.message ?? ""));
      await client.query(
        `LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;
         SET auto_explain.log_analyze = on; SET auto_explain.log_format = json;
         SET auto_explain.log_level = notice`,
      );
      client.release();
      const taken = await createDatabase(explaining).transaction((tx) => takeOutboxBatch(tx, 500));
      expect(taken).toHaveLength(500);
    } finally {
      await explaining.end();
    }
    const plan = plans.find((p) => p.includes("DELETE FROM outbox"));
    expect(plan, plans.join("\n")).toBeDefined();
    const loopsOf = (node: PlanNode, type: string): number[] => [
      ...(node["Node Type"] === type ? [node["Actual Loops"]] : []),
      ...(node.Plans ?? []).flatMap((child) => loopsOf(child, type)),
    ];
    const root = (JSON.parse(plan!.slice(plan!.indexOf("{"))) as { Plan: PlanNode }).Plan;
    expect(loopsOf(root, "LockRows")).toEqual([1]);
    // The rows are picked, and deleted, through the primary key: no scan of the whole outbox (a
    // plan kept from the quiet moment read and filtered every row left, 1–2 s a round at 200,000).
    expect(loopsOf(root, "Seq Scan"), plan).toEqual([]);
  });
});

interface PlanNode {
  "Node Type": string;
  "Actual Loops": number;
  Plans?: PlanNode[];
}
