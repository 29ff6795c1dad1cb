import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { CANCEL_ORDERS, PLACE_ORDER, PLACE_ORDERS } from "../client/index.ts";
import { OPEN_ORDER_STATUSES } from "../domain/order-kinds.ts";
import { sqlStrings } from "../db/sql-strings.ts";
import {
  insertOrderLockingFunds,
  insertOrdersLockingFunds,
  type BatchedOrder,
} from "../db/orders.repository.ts";
import {
  cancelOrder,
  codeOf,
  fundedUser,
  observations,
  placeLimit,
  scrape,
  sleep,
  startApi,
  type TestApi,
  type TestUser,
} from "./kit/index.ts";

/*
 * Group commit of placements (services/orders.service.ts, kernel/group-commit.ts): orders that
 * arrive together are written by one statement, and each still gets the outcome it would get
 * alone — placed, INSUFFICIENT_FUNDS, TOO_MANY_OPEN_ORDERS, or the order its clientOrderId made.
 */

const CAP = 2;
let api: TestApi;
let other: TestApi;
beforeAll(async () => {
  api = await startApi({ MAX_OPEN_ORDERS_PER_MARKET: String(CAP) });
  // A second API process on the same database, with batches of its own (and the default cap).
  other = await startApi();
});
afterAll(async () => {
  await api?.stop();
  await other?.stop();
});

const buy = (clientOrderId?: string) => ({
  market: "BTC_USDT",
  side: "BUY" as const,
  type: "LIMIT" as const,
  price: "30000",
  amount: "0.001",
  ...(clientOrderId ? { clientOrderId } : {}),
});

/** A BTC_USDT limit order of `user` for the repository's statements (nothing published). */
const limitOrderOf = (user: TestUser, side: "BUY" | "SELL"): BatchedOrder => ({
  id: randomUUID(),
  userId: user.id,
  market: "BTC_USDT",
  clientOrderId: null,
  side,
  type: "LIMIT",
  timeInForce: "GTC",
  price: side === "BUY" ? "30000" : "31000",
  amount: "0.001",
  quoteAmount: null,
  postOnly: false,
  selfTradePrevention: "EXPIRE_TAKER",
  lockAsset: side === "BUY" ? "USDT" : "BTC",
  lockAmount: side === "BUY" ? "30" : "0.001",
  subject: "nowhere",
  command: {},
  maxOpenOrders: CAP,
});

/** Every wallet of these users equals the sum of its ledger rows, and USDT locked matches open BUYs. */
async function expectBooksBalance(users: TestUser[]) {
  const ids = users.map((u) => u.id);
  const { rows } = await api.deps.pool.query<{ ok: boolean; locks: boolean }>(
    `SELECT bool_and(w.available = l.available AND w.locked = l.locked) AS ok,
            bool_and(w.asset <> 'USDT' OR w.locked = coalesce(
              (SELECT sum(locked_remaining) FROM orders o
                WHERE o.user_id = w.user_id AND o.side = 'BUY'
                  AND o.status IN ('PENDING', 'OPEN', 'PARTIALLY_FILLED')), 0)) AS locks
       FROM wallets w
       JOIN (SELECT user_id, asset, sum(available_delta) AS available, sum(locked_delta) AS locked
               FROM ledger_entries GROUP BY user_id, asset) l USING (user_id, asset)
      WHERE w.user_id = ANY($1::uuid[])`,
    [ids],
  );
  expect(rows[0]).toEqual({ ok: true, locks: true });
}

describe("placements written together", () => {
  it("give each order its own outcome, in batches of more than one", async () => {
    const rich = await Promise.all(
      Array.from({ length: 12 }, (_, i) => fundedUser(api, `rich${i}`, { USDT: "100" })),
    );
    const poor = await Promise.all(
      Array.from({ length: 4 }, (_, i) => fundedUser(api, `poor${i}`, { USDT: "10" })),
    );
    const capped = await Promise.all(
      Array.from({ length: 3 }, (_, i) => fundedUser(api, `capped${i}`, { USDT: "1000" })),
    );
    for (const user of capped) {
      for (let i = 0; i < CAP; i++) await placeLimit(api, user.bearer, "BUY", "30000", "0.001");
    }
    const retriers = await Promise.all(
      Array.from({ length: 4 }, (_, i) => fundedUser(api, `retry${i}`, { USDT: "100" })),
    );
    const first = new Map<string, string>();
    for (const user of retriers) {
      const res = await api.gql(PLACE_ORDER, { input: buy(`first-${user.id}`) }, user.bearer);
      first.set(user.id, res.data!.placeOrder.id);
    }
    const before = observations(
      await scrape(api.url.replace("/graphql", "/metrics")),
      "eventhub_placement_batch_orders",
    );

    // All at once: the first goes alone, the rest queue behind it and go together.
    const send = (user: TestUser, clientOrderId?: string) =>
      api.gql(PLACE_ORDER, { input: buy(clientOrderId) }, user.bearer);
    const [richAnswers, poorAnswers, cappedAnswers, retryAnswers] = await Promise.all([
      Promise.all(rich.map((u) => send(u))),
      Promise.all(poor.map((u) => send(u))),
      Promise.all(capped.map((u) => send(u))),
      Promise.all(retriers.map((u) => send(u, `first-${u.id}`))),
    ]);

    for (const res of richAnswers) expect(res.data?.placeOrder.status).toBe("PENDING");
    for (const res of poorAnswers) expect(codeOf(res)).toBe("INSUFFICIENT_FUNDS");
    for (const res of cappedAnswers) expect(codeOf(res)).toBe("TOO_MANY_OPEN_ORDERS");
    retriers.forEach((user, i) =>
      expect(retryAnswers[i]!.data?.placeOrder.id).toBe(first.get(user.id)),
    );

    const after = observations(
      await scrape(api.url.replace("/graphql", "/metrics")),
      "eventhub_placement_batch_orders",
    );
    const batches = after.count - before.count;
    const orders = after.sum - before.sum;
    expect(orders).toBe(rich.length + poor.length + capped.length + retriers.length);
    expect(batches).toBeLessThan(orders);

    // Exactly the placed orders hold funds: 30 USDT each, every lock in the ledger.
    const { rows } = await api.deps.pool.query<{ user_id: string; n: number }>(
      `SELECT user_id, count(*)::int AS n FROM orders WHERE user_id = ANY($1::uuid[]) GROUP BY user_id`,
      [[...rich, ...poor, ...capped, ...retriers].map((u) => u.id)],
    );
    const count = new Map(rows.map((r) => [r.user_id, r.n]));
    for (const u of rich) expect(count.get(u.id)).toBe(1);
    for (const u of poor) expect(count.get(u.id)).toBeUndefined();
    for (const u of capped) expect(count.get(u.id)).toBe(CAP);
    for (const u of retriers) expect(count.get(u.id)).toBe(1);
    await expectBooksBalance([...rich, ...poor, ...capped, ...retriers]);
  });

  it("one user's orders at once never overdraw: each waits for a batch of its own", async () => {
    const user = await fundedUser(api, "one", { USDT: "100" });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => api.gql(PLACE_ORDER, { input: buy() }, user.bearer)),
    );
    // 100 USDT covers three 30 USDT locks; the cap (2) stops it at two.
    expect(answers.filter((r) => r.data).length).toBe(CAP);
    expect(answers.filter((r) => codeOf(r) === "TOO_MANY_OPEN_ORDERS").length).toBe(6 - CAP);
    await expectBooksBalance([user]);
  });

  it("a request's orders of one market go as one chain: placed in order, each against what the earlier ones left", async () => {
    // The default cap here; 100 USDT.
    const user = await fundedUser(other, "chain", { USDT: "100" });
    const metrics = other.url.replace("/graphql", "/metrics");
    const before = observations(await scrape(metrics), "eventhub_placement_batch_orders");
    const sized = (amount: string) => ({ ...buy(), amount });
    const res = await other.gql(
      PLACE_ORDERS,
      {
        inputs: [
          sized("0.001"), // 30 → 70 left
          sized("0.003"), // 90 > 70: refused
          sized("0.0006"), // 18 → 52 left
          sized("0.0017"), // 51 → 1 left
          sized("0.001"), // 30 > 1: refused
        ],
      },
      user.bearer,
    );
    const entries = res.data!.placeOrders;
    expect(entries.map((o) => o?.status ?? null)).toEqual([
      "PENDING",
      null,
      "PENDING",
      "PENDING",
      null,
    ]);
    const refusal = (i: number) => res.errors!.find((e) => e.path?.[1] === i)!.extensions;
    expect(refusal(1)).toMatchObject({ code: "INSUFFICIENT_FUNDS", needed: "90", available: "70" });
    expect(refusal(4)).toMatchObject({ code: "INSUFFICIENT_FUNDS", needed: "30", available: "1" });

    // One statement up to the first refusal, one for the rest: not one per order.
    const after = observations(await scrape(metrics), "eventhub_placement_batch_orders");
    expect(after.count - before.count).toBe(2);

    // The ledger's running balances follow the orders one by one, in the order given.
    const { rows } = await other.deps.pool.query<{ delta: string; after: string; ref: string }>(
      `SELECT available_delta AS delta, available_after AS after, reference AS ref
         FROM ledger_entries WHERE user_id = $1 AND asset = 'USDT' ORDER BY id`,
      [user.id],
    );
    expect(rows.map((r) => [Number(r.delta), Number(r.after)])).toEqual([
      [100, 100],
      [-30, 70],
      [-18, 52],
      [-51, 1],
    ]);
    const placed = [entries[0]!, entries[2]!, entries[3]!].map((o) => `order:${o.id}`);
    expect(rows.slice(1).map((r) => r.ref)).toEqual(placed);
    // Written in that order too (an order's seq is its place in the matcher's queue).
    const { rows: bySeq } = await other.deps.pool.query<{ id: string }>(
      `SELECT id FROM orders WHERE user_id = $1 ORDER BY seq`,
      [user.id],
    );
    expect(bySeq.map((r) => `order:${r.id}`)).toEqual(placed);
    await expectBooksBalance([user]);
  });

  it("a request's cancels go in one statement", async () => {
    // Found by the newcomer: queued one by one, the first two went alone (3 statements for 10).
    const user = await fundedUser(other, "cancelall", { USDT: "1000" });
    const placed = await other.gql(
      PLACE_ORDERS,
      { inputs: Array.from({ length: 10 }, () => buy()) },
      user.bearer,
    );
    const ids = placed.data!.placeOrders.map((o) => o!.id);
    const metrics = other.url.replace("/graphql", "/metrics");
    const before = observations(await scrape(metrics), "eventhub_cancel_batch_orders");
    const res = await other.gql(CANCEL_ORDERS, { ids }, user.bearer);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelOrders.map((o) => o?.id)).toEqual(ids);
    const after = observations(await scrape(metrics), "eventhub_cancel_batch_orders");
    expect([after.count - before.count, after.sum - before.sum]).toEqual([1, 10]);
  });

  it("a chain stops at the open-order cap: the orders past it are refused, none placed beyond it", async () => {
    const user = await fundedUser(api, "chaincap", { USDT: "1000" });
    const res = await api.gql(
      PLACE_ORDERS,
      { inputs: Array.from({ length: CAP + 3 }, () => buy()) },
      user.bearer,
    );
    const entries = res.data!.placeOrders;
    expect(entries.filter((o) => o !== null)).toHaveLength(CAP);
    expect(entries.slice(0, CAP).every((o) => o?.status === "PENDING")).toBe(true);
    for (let i = CAP; i < CAP + 3; i++) {
      expect(res.errors!.find((e) => e.path?.[1] === i)!.extensions).toMatchObject({
        code: "TOO_MANY_OPEN_ORDERS",
        limit: CAP,
      });
    }
    await expectBooksBalance([user]);
  });

  it("two processes' chains of one (user, market) at once stay within cap + 1 (found by the hostile review)", async () => {
    // What two API processes would send at the same moment: one chain of BUYs, one of SELLs
    // (different wallet rows, so SKIP LOCKED does not keep them apart), written by two
    // statements that start together. Each counts open orders in its own snapshot.
    const user = await fundedUser(api, "twoproc", { USDT: "1000", BTC: "1" });
    const order = (side: "BUY" | "SELL") => limitOrderOf(user, side);
    const hold = await api.deps.pool.connect();
    try {
      await hold.query("BEGIN");
      await hold.query("LOCK TABLE orders IN SHARE MODE"); // both statements wait here, then go
      const both = Promise.all([
        insertOrdersLockingFunds(api.deps.pool, [order("BUY"), order("BUY"), order("BUY")], CAP),
        insertOrdersLockingFunds(api.deps.pool, [order("SELL"), order("SELL"), order("SELL")], CAP),
      ]);
      await sleep(300);
      await hold.query("COMMIT");
      const outcomes = (await both).flat();
      const placed = outcomes.filter((o) => "placed" in o).length;
      expect(placed).toBeGreaterThanOrEqual(1);
      expect(placed).toBeLessThanOrEqual(CAP + 1);
    } finally {
      hold.release();
    }
    const { rows } = await api.deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE user_id = $1 AND status = 'PENDING'`,
      [user.id],
    );
    expect(rows[0]!.n).toBeLessThanOrEqual(CAP + 1);
    await expectBooksBalance([user]);
  });

  it("a chain counts its pair's open orders after taking the pair's lock, in a snapshot of its own", async () => {
    // The batch statement tries the (user, market) lock itself, after its snapshot was taken; a
    // placement that held the lock and committed in between is in the count only because the
    // count (eventhub_open_orders, volatile) takes a fresh snapshot. Shown here: an order
    // committed while a statement runs is in the function's count, not in the statement's.
    const user = await fundedUser(api, "fresh", { USDT: "1000" });
    const [{ rows }] = await Promise.all([
      api.deps.pool.query<{ snapshot: number; fresh: number }>(
        `WITH s AS MATERIALIZED (SELECT pg_sleep(1))
         SELECT (SELECT count(*)::int FROM orders WHERE user_id = $1 AND market = 'BTC_USDT'
                    AND status IN (${sqlStrings(OPEN_ORDER_STATUSES)})) AS snapshot,
                eventhub_open_orders($1, 'BTC_USDT', 100)::int AS fresh
           FROM s`,
        [user.id],
      ),
      sleep(200).then(() => placeLimit(api, user.bearer, "BUY", "30000", "0.001")),
    ]);
    expect(rows[0]).toEqual({ snapshot: 0, fresh: 1 });
    // The function's statuses are OPEN_ORDER_STATUSES (written out in migration 0012).
    const { rows: source } = await api.deps.pool.query<{ text: string }>(
      `SELECT pg_get_functiondef('eventhub_open_orders'::regproc) AS text`,
    );
    expect(source[0]!.text).toContain(`status IN (${sqlStrings(OPEN_ORDER_STATUSES)})`);
  });

  it("places under any cap the configuration accepts, and refuses to count outside READ COMMITTED", async () => {
    // Found by the hostile review: the cap reached the count as an integer, so a cap past
    // 2^31 - 1 (MAX_OPEN_ORDERS_PER_MARKET takes any safe integer) failed every placement.
    const user = await fundedUser(api, "bigcap", { USDT: "1000" });
    const [placed] = await insertOrdersLockingFunds(
      api.deps.pool,
      [limitOrderOf(user, "BUY"), limitOrderOf(user, "BUY")],
      3_000_000_000,
    );
    expect(placed).toHaveProperty("placed");
    // Under REPEATABLE READ the count's snapshot would be the transaction's, older than the
    // pair's lock: the statement is refused whole (0A000) and writes nothing.
    const client = await api.deps.pool.connect();
    try {
      await client.query(
        "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ",
      );
      const refused = await insertOrdersLockingFunds(client, [limitOrderOf(user, "BUY")], CAP).then(
        () => "placed",
        (error: { code?: string }) => error.code,
      );
      expect(refused).toBe("0A000");
    } finally {
      client.release(true); // the session's isolation goes with the connection
    }
    const { rows } = await api.deps.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders WHERE user_id = $1`,
      [user.id],
    );
    expect(rows[0]!.n).toBe(2);
    await expectBooksBalance([user]);
  });

  it("an order refused for two reasons gets the same refusal from the batch and the single statement", async () => {
    // At the cap on BTC_USDT (BUYs), a SELL with no BTC wallet at all: both refusals apply.
    // Found from outside: a session (batch) got INSUFFICIENT_FUNDS, a daily-limit key (single
    // statement) TOO_MANY_OPEN_ORDERS. Both now answer as the batch does: no wallet first.
    const user = await fundedUser(api, "twofold", { USDT: "1000" });
    for (let i = 0; i < CAP; i++) await placeLimit(api, user.bearer, "BUY", "30000", "0.001");
    const [batch] = await insertOrdersLockingFunds(
      api.deps.pool,
      [limitOrderOf(user, "SELL")],
      CAP,
    );
    const single = await insertOrderLockingFunds(api.deps.pool, limitOrderOf(user, "SELL"));
    expect(batch).toEqual({ refused: "INSUFFICIENT_FUNDS", available: "0" });
    expect(single).toEqual(batch);
    // With the wallet there (and empty), the cap comes first on both paths.
    await api.deps.pool.query(
      `INSERT INTO wallets (user_id, asset, available, locked) VALUES ($1, 'BTC', 0, 0)`,
      [user.id],
    );
    const [batchCapped] = await insertOrdersLockingFunds(
      api.deps.pool,
      [limitOrderOf(user, "SELL")],
      CAP,
    );
    const singleCapped = await insertOrderLockingFunds(api.deps.pool, limitOrderOf(user, "SELL"));
    expect(batchCapped).toEqual({ refused: "TOO_MANY_OPEN_ORDERS" });
    expect(singleCapped).toEqual(batchCapped);
    await expectBooksBalance([user]);
  });

  it("a clientOrderId taken by a concurrent statement fails only its own order; the rest of the batch is placed", async () => {
    const crowd = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fundedUser(other, `crowd${i}`, { USDT: "1000" })),
    );
    const racer = await fundedUser(other, "racer", { USDT: "1000" });
    const clientOrderId = `race-${racer.id}`;
    // Another statement (another API process, say) holds the clientOrderId, not yet committed.
    const holder = await other.deps.pool.connect();
    try {
      await holder.query("BEGIN");
      const { rows } = await holder.query<{ id: string }>(
        `INSERT INTO orders (user_id, market, client_order_id, side, type, time_in_force, price,
                             amount, locked_remaining, status)
         VALUES ($1, 'BTC_USDT', $2, 'BUY', 'LIMIT', 'GTC', 30000, 0.001, 0, 'CANCELLED')
         RETURNING id`,
        [racer.id, clientOrderId],
      );
      const held = rows[0]!.id;
      const pending = Promise.all([
        ...crowd.map((u) => other.gql(PLACE_ORDER, { input: buy() }, u.bearer)),
        other.gql(PLACE_ORDER, { input: buy(clientOrderId) }, racer.bearer),
      ]);
      // The batch carrying the racer's order waits on the held key; then the holder commits.
      await sleep(500);
      await holder.query("COMMIT");
      const answers = await pending;
      expect(answers.at(-1)!.data?.placeOrder.id).toBe(held);
      for (const res of answers.slice(0, -1)) expect(res.data?.placeOrder.status).toBe("PENDING");
    } finally {
      holder.release();
    }
    const { rows } = await other.deps.pool.query(`SELECT id FROM orders WHERE user_id = $1`, [
      racer.id,
    ]);
    expect(rows).toHaveLength(1);
    await expectBooksBalance([racer, ...crowd]);
  });
});

describe("cancels written together", () => {
  it("give each request its own answer — queued, not found, not open — in statements of more than one", async () => {
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => fundedUser(api, `canceller${i}`, { USDT: "100" })),
    );
    const orders = await Promise.all(
      users.map((u) => placeLimit(api, u.bearer, "BUY", "30000", "0.001")),
    );
    // One order finished already (as settlement would leave it): cancelling it is ORDER_NOT_OPEN.
    await api.deps.pool.query(
      `UPDATE orders SET status = 'FILLED', locked_remaining = 0 WHERE id = $1`,
      [orders[5]!.id],
    );
    const before = observations(
      await scrape(api.url.replace("/graphql", "/metrics")),
      "eventhub_cancel_batch_orders",
    );
    const [own, twice, stranger, notUuid, unknown, finished] = await Promise.all([
      Promise.all(users.slice(0, 4).map((u, i) => cancelOrder(api, u.bearer, orders[i]!.id))),
      Promise.all([1, 2].map(() => cancelOrder(api, users[4]!.bearer, orders[4]!.id))),
      // Another user's order: as if it did not exist.
      cancelOrder(api, users[1]!.bearer, orders[0]!.id),
      cancelOrder(api, users[0]!.bearer, "not-a-uuid"),
      cancelOrder(api, users[0]!.bearer, "00000000-0000-4000-8000-000000000000"),
      cancelOrder(api, users[5]!.bearer, orders[5]!.id),
    ]);
    own.forEach((res, i) => expect(res.data?.cancelOrder.id).toBe(orders[i]!.id));
    for (const res of twice) expect(res.data?.cancelOrder.id).toBe(orders[4]!.id);
    expect(codeOf(stranger)).toBe("ORDER_NOT_FOUND");
    expect(codeOf(notUuid)).toBe("ORDER_NOT_FOUND");
    expect(codeOf(unknown)).toBe("ORDER_NOT_FOUND");
    expect(codeOf(finished)).toBe("ORDER_NOT_OPEN");

    const after = observations(
      await scrape(api.url.replace("/graphql", "/metrics")),
      "eventhub_cancel_batch_orders",
    );
    // The non-UUID id never reaches a statement.
    expect(after.sum - before.sum).toBe(4 + 2 + 1 + 1 + 1);
    expect(after.count - before.count).toBeLessThan(after.sum - before.sum);

    // A cancel queued per open order asked for (twice for the one asked twice), none for others.
    const { rows } = await api.deps.pool.query<{ message_id: string; n: number }>(
      `SELECT message_id, count(*)::int AS n FROM outbox
        WHERE message_id = ANY($1::text[]) GROUP BY message_id`,
      [orders.map((o) => `cancel:${o.id}`)],
    );
    const queued = new Map(rows.map((r) => [r.message_id, r.n]));
    for (const order of orders.slice(0, 4)) expect(queued.get(`cancel:${order.id}`)).toBe(1);
    expect(queued.get(`cancel:${orders[4]!.id}`)).toBe(2);
    expect(queued.get(`cancel:${orders[5]!.id}`)).toBeUndefined();
  });
});
