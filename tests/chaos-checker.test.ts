/**
 * The chaos run's checker (scripts/chaos/checker.ts) and proof that it catches what it claims.
 *
 * A whole exchange trades a little (fills, partial fills, orders resting on both sides, cancels,
 * market orders, two markets), drains, and the checker must report nothing on it. Then, for each
 * check, a copy of the drained database (CREATE DATABASE … TEMPLATE) and of the Redis book mirror
 * (its own namespace) is corrupted the way that check exists to catch, and the checker must name
 * exactly that check — plus, where the corruption cannot help breaking another invariant too,
 * exactly those others, listed in the table.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { OrderStatus, PlaceOrderInput } from "../client/generated/graphql.ts";
import { deleteBookMirror } from "../db/order-book-mirror.repository.ts";
import {
  checkExchange,
  formatReport,
  type AcceptedOrder,
  type CheckName,
  type CheckReport,
} from "../scripts/chaos/checker.ts";
import {
  cancelOrder,
  fundedUser,
  placeOrder,
  poll,
  startExchange,
  waitForStatus,
  type Exchange,
  type TestUser,
} from "./kit/index.ts";
import { closeForCopying } from "./kit/template.ts";

type Who = "alice" | "bob" | "carol";

/** What the trading left behind: its users, each order's id by client order id, what was accepted. */
const scene = {
  users: {} as Record<Who, TestUser>,
  ids: {} as Record<string, string>,
  accepted: [] as AcceptedOrder[],
};

let ex: Exchange;
let clean: CheckReport;
let admin: pg.Client;
let redis: Redis;
let drained: string;
/** The exchange's mirror keys, copied before it stopped; every copy starts from these. */
let mirrorSnapshot: string;
let copies = 0;

const server = () => inject("databaseServer");
const mirrorKeys = async (namespace: string) => {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${namespace}:book:*`, "COUNT", 1000);
    keys.push(...found);
    cursor = next;
  } while (cursor !== "0");
  return keys;
};
async function copyMirror(from: string, to: string): Promise<void> {
  for (const key of await mirrorKeys(from)) {
    await redis.copy(key, `${to}${key.slice(from.length)}`, "REPLACE");
  }
}

/** Places an order with `tag` as its client order id and waits until it reached `status`. */
async function place(
  who: Who,
  tag: string | null,
  input: Omit<PlaceOrderInput, "clientOrderId">,
  status: OrderStatus,
): Promise<string> {
  const user = scene.users[who];
  const order = await placeOrder(ex, user.bearer, { ...input, clientOrderId: tag });
  scene.accepted.push({ id: order.id, userId: user.id, clientOrderId: tag });
  if (tag) scene.ids[tag] = order.id;
  await waitForStatus(ex, user.bearer, order.id, [status]);
  return order.id;
}

const limit = (market: string, side: "BUY" | "SELL", price: string, amount: string) => ({
  market,
  side,
  type: "LIMIT" as const,
  price,
  amount,
});

async function cancel(who: Who, tag: string): Promise<void> {
  const user = scene.users[who];
  const res = await cancelOrder(ex, user.bearer, scene.ids[tag]!);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  await waitForStatus(ex, user.bearer, scene.ids[tag]!, ["CANCELLED"]);
}

/** How every order of the scene ends, by client order id. */
const FINAL_STATUSES: Record<string, OrderStatus> = {
  A1: "FILLED",
  A2: "FILLED",
  A3: "CANCELLED", // after a partial fill
  A4: "OPEN",
  A5: "PARTIALLY_FILLED",
  B1: "FILLED",
  B2: "PARTIALLY_FILLED",
  B3: "FILLED",
  B4: "FILLED",
  B5: "FILLED",
  C1: "CANCELLED", // never traded
  C2: "FILLED", // MARKET SELL
  C3: "FILLED", // MARKET BUY
  C4: "OPEN",
  C5: "PARTIALLY_FILLED",
};

beforeAll(async () => {
  ex = await startExchange();
  scene.users.alice = await fundedUser(ex, "chaos-alice", { BTC: "1" });
  scene.users.bob = await fundedUser(ex, "chaos-bob", { USDT: "100000" });
  scene.users.carol = await fundedUser(ex, "chaos-carol", {
    BTC: "0.1",
    USDT: "10000",
    ETH: "5",
  });
  const BTC = "BTC_USDT";
  await place("alice", "A1", limit(BTC, "SELL", "30000", "0.1"), "OPEN");
  await place("alice", "A2", limit(BTC, "SELL", "30100", "0.05"), "OPEN");
  await place("bob", "B1", limit(BTC, "BUY", "30000", "0.04"), "FILLED"); // A1 partly
  await place("bob", "B2", limit(BTC, "BUY", "29900", "0.2"), "OPEN");
  await place("carol", "C1", limit(BTC, "BUY", "29800", "0.02"), "OPEN");
  await cancel("carol", "C1");
  await place(
    "carol",
    "C2",
    { market: BTC, side: "SELL", type: "MARKET", amount: "0.01" },
    "FILLED",
  );
  await place(
    "carol",
    "C3",
    { market: BTC, side: "BUY", type: "MARKET", quoteAmount: "300" },
    "FILLED",
  );
  await place("alice", "A3", limit(BTC, "SELL", "30200", "0.05"), "OPEN");
  await place("bob", "B3", limit(BTC, "BUY", "30200", "0.12"), "FILLED"); // A1, A2 whole, A3 part
  await cancel("alice", "A3");
  await place("alice", "A4", limit(BTC, "SELL", "31000", "0.03"), "OPEN");
  await place("alice", "A5", limit(BTC, "SELL", "30500", "0.04"), "OPEN");
  await place("bob", "B4", limit(BTC, "BUY", "30500", "0.01"), "FILLED");
  await place("carol", "C4", limit(BTC, "BUY", "29900", "0.01"), "OPEN"); // joins B2's level
  await place("bob", null, limit(BTC, "BUY", "29000", "0.01"), "OPEN"); // no client order id
  await place("carol", "C5", limit("ETH_USDT", "SELL", "2000", "1"), "OPEN");
  await place("bob", "B5", limit("ETH_USDT", "BUY", "2000", "0.4"), "FILLED");
  // Settled is not yet quiet: market data records the last trades a moment after settlement
  // (it gathers events for up to 50 ms), and the matcher mirrors the book after publishing the
  // events settlement applied. The clean exchange is checked once both have caught up.
  await ex.checkInvariants(); // waits for the Redis book to reach the matcher's
  await poll(
    () =>
      ex.deps.pool.query<{ same: boolean }>(
        `SELECT (SELECT count(*) FROM ticks) = (SELECT count(*) FROM trades) AS same`,
      ),
    (r) => r.rows[0]!.same,
    { timeoutMs: 10_000, failure: () => "market data never recorded every trade" },
  );

  clean = await checkExchange({
    pool: ex.deps.pool,
    redis: ex.deps.redis,
    namespace: ex.config.namespace,
    accepted: scene.accepted,
  });

  // Stopping the exchange leaves its mirror in Redis, but the copies start from a snapshot
  // taken while it ran, so nothing here depends on that.
  redis = new Redis(ex.config.redisUrl);
  mirrorSnapshot = `${ex.config.namespace}_chk`;
  await copyMirror(ex.config.namespace, mirrorSnapshot);
  drained = ex.config.databaseUrl.split("/").pop()!;
  await ex.stop();
  admin = new pg.Client({ connectionString: `${server()}/postgres` });
  await admin.connect();
  // A template must have no connections: the stopped exchange's backends may take a moment to
  // leave, and TimescaleDB's scheduler would come back (CREATE DATABASE waits only 5 s).
  await closeForCopying(admin, drained);
}, 60_000);

afterAll(async () => {
  await admin?.end();
  if (redis) {
    const keys = [];
    let cursor = "0";
    do {
      const [next, found] = await redis.scan(cursor, "MATCH", `${mirrorSnapshot}*`, "COUNT", 1000);
      keys.push(...found);
      cursor = next;
    } while (cursor !== "0");
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  }
});

/** A copy of the drained exchange: its own database and its own Redis mirror namespace. */
interface Copy {
  db: pg.Pool;
  namespace: string;
}

async function withCopy<T>(use: (copy: Copy) => Promise<T>): Promise<T> {
  const name = `${drained}_c${++copies}`;
  const namespace = `${mirrorSnapshot}${copies}`;
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${drained}"`);
  await copyMirror(mirrorSnapshot, namespace);
  const db = new pg.Pool({ connectionString: `${server()}/${name}`, max: 2 });
  // pool.end() resolves before its sockets close; the DROP … WITH (FORCE) below may end them.
  db.on("error", () => {});
  try {
    return await use({ db, namespace });
  } finally {
    await db.end();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const keys = await mirrorKeys(namespace);
    if (keys.length) await redis.del(...keys);
  }
}

const fired = (report: CheckReport) => [...new Set(report.violations.map((v) => v.check))].sort();
const detailsOf = (report: CheckReport, check: CheckName) =>
  report.violations.filter((v) => v.check === check).map((v) => v.detail);
const id = (tag: string) => scene.ids[tag]!;
const user = (who: Who) => scene.users[who].id;

/** Moves the user's USDT available balance by `delta`, with a TRADE ledger row saying so. */
async function moveUsdt(db: pg.Pool, userId: string, delta: string): Promise<void> {
  await db.query(
    `WITH w AS (UPDATE wallets SET available = available + $2::numeric
                 WHERE user_id = $1 AND asset = 'USDT' RETURNING *)
     INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                 available_after, locked_after, reference)
     SELECT user_id, asset, 'TRADE', $2::numeric, 0, available, locked, 'chaos-checker-test' FROM w`,
    [userId, delta],
  );
}

interface Corruption {
  check: CheckName;
  what: string;
  /** Checks the corruption cannot help breaking as well. */
  also?: CheckName[];
  /** Corrupts the copy; answers the accepted orders to check against when it changes them. */
  corrupt(copy: Copy): Promise<AcceptedOrder[] | void>;
  /** Text the intended check's details must contain, so a reader can find the row. */
  mentions: () => string;
  /** More about the report. */
  verify?: (report: CheckReport) => void;
}

const CORRUPTIONS: Corruption[] = [
  {
    check: "conservation",
    what: "a wallet gains 0.00000001 USDT booked as a TRADE, not a deposit",
    corrupt: ({ db }) => moveUsdt(db, user("bob"), "0.00000001"),
    mentions: () => "USDT",
    verify: (r) => expect(r.moneyDelta).toEqual({ BTC: "0", ETH: "0", USDT: "0.00000001" }),
  },
  {
    check: "wallet-ledger",
    what: "a ledger row the wallet never received",
    async corrupt({ db }) {
      await db.query(
        `INSERT INTO ledger_entries (user_id, asset, reason, available_delta, locked_delta,
                                     available_after, locked_after, reference)
         VALUES ($1, 'USDT', 'TRADE', 1, 0, 0, 0, 'chaos-checker-test')`,
        [user("bob")],
      );
    },
    mentions: () => user("bob"),
  },
  {
    check: "negative-balance",
    what: "a wallet goes below zero, its USDT (and 1 more) moved to another user, both booked",
    async corrupt({ db }) {
      await db.query(`ALTER TABLE wallets DROP CONSTRAINT wallets_available_non_negative`);
      const { rows } = await db.query<{ moved: string }>(
        `SELECT (available + 1)::text AS moved FROM wallets WHERE user_id = $1 AND asset = 'USDT'`,
        [user("carol")],
      );
      await moveUsdt(db, user("carol"), `-${rows[0]!.moved}`);
      await moveUsdt(db, user("bob"), rows[0]!.moved);
    },
    mentions: () => `${user("carol")} USDT: available -1 `,
  },
  {
    check: "locked-holds",
    what: "a resting order's locked_remaining grows by 0.00000001",
    async corrupt({ db }) {
      await db.query(
        `UPDATE orders SET locked_remaining = locked_remaining + 0.00000001 WHERE id = $1`,
        [id("B2")],
      );
    },
    mentions: () => `${user("bob")} USDT`,
  },
  {
    check: "locked-holds",
    what: "a cancelled order still holds funds",
    async corrupt({ db }) {
      await db.query(`UPDATE orders SET locked_remaining = 5 WHERE id = $1`, [id("C1")]);
    },
    mentions: () => id("C1"),
  },
  {
    check: "order-lost",
    what: "the load was accepted an order id that was never stored",
    corrupt: async () => [
      ...scene.accepted,
      { id: "00000000-0000-4000-8000-00000000c0de", userId: user("carol"), clientOrderId: "X" },
    ],
    mentions: () => "00000000-0000-4000-8000-00000000c0de",
    verify: (r) => expect(r.counts).toMatchObject({ lost: 1, doubled: 0, stuck: 0 }),
  },
  {
    check: "order-lost",
    what: "25 accepted ids never stored: 20 listed, the rest counted",
    corrupt: async () => [
      ...scene.accepted,
      ...Array.from({ length: 25 }, () => ({
        id: randomUUID(),
        userId: user("alice"),
        clientOrderId: null,
      })),
    ],
    mentions: () => "… 5 more not listed (25 in all)",
    verify: (r) => {
      expect(r.counts).toMatchObject({ accepted: 41, lost: 25 });
      expect(detailsOf(r, "order-lost")).toHaveLength(21);
    },
  },
  {
    check: "order-lost",
    what: "an accepted order's row is deleted (a cancelled one: no trade or lock names it)",
    async corrupt({ db }) {
      await db.query(`DELETE FROM orders WHERE id = $1`, [id("C1")]);
    },
    mentions: () => id("C1"),
    verify: (r) => expect(r.counts.lost).toBe(1),
  },
  {
    check: "order-doubled",
    what: "a second order row with the same (user, clientOrderId), unique index dropped",
    async corrupt({ db }) {
      await db.query(`DROP INDEX orders_user_client_order_id_key`);
      await db.query(
        `INSERT INTO orders (user_id, market, client_order_id, side, type, time_in_force, price,
                             amount, status, created_at)
         SELECT user_id, market, client_order_id, side, type, time_in_force, price, amount,
                status, created_at
           FROM orders WHERE id = $1`,
        [id("C1")],
      );
    },
    mentions: () => `${user("carol")} clientOrderId C1: 2 order rows`,
    verify: (r) => expect(r.counts).toMatchObject({ lost: 0, doubled: 1, stuck: 0 }),
  },
  {
    check: "order-doubled",
    what: "the load was answered two ids for one clientOrderId",
    // The second id is a real order (stored under its own client order id, which the checker
    // holds against the first answer for that id, so order-lost stays quiet).
    corrupt: async () => [
      ...scene.accepted,
      { id: id("C4"), userId: user("carol"), clientOrderId: "C1" },
    ],
    mentions: () => `${user("carol")} clientOrderId C1: the load was answered 2 ids`,
    verify: (r) => expect(r.counts.doubled).toBe(1),
  },
  {
    check: "order-stuck",
    what: "an order is PENDING again",
    async corrupt({ db }) {
      await db.query(`UPDATE orders SET status = 'PENDING' WHERE id = $1`, [id("C1")]);
    },
    mentions: () => `${id("C1")}`,
    verify: (r) => expect(r.counts).toMatchObject({ lost: 0, doubled: 0, stuck: 1 }),
  },
  {
    check: "order-stuck",
    what: "a MARKET order is left PARTIALLY_FILLED (market orders never rest)",
    async corrupt({ db }) {
      await db.query(`UPDATE orders SET status = 'PARTIALLY_FILLED' WHERE id = $1`, [id("C3")]);
    },
    mentions: () => `${id("C3")}`,
  },
  {
    check: "trade-doubled",
    what: "a trade row stored twice, unique index dropped",
    // The orders' filled amounts and the ticks no longer add up to the trades either.
    also: ["filled-trades", "candle-volume"],
    async corrupt({ db }) {
      await db.query(`DROP INDEX trades_market_sequence_key`);
      await db.query(
        `INSERT INTO trades (market, sequence, match_index, price, amount, quote_amount, taker_side,
                             maker_order_id, taker_order_id, buyer_id, seller_id, buyer_fee,
                             seller_fee, executed_at)
         SELECT market, sequence, match_index, price, amount, quote_amount, taker_side,
                maker_order_id, taker_order_id, buyer_id, seller_id, buyer_fee, seller_fee,
                executed_at
           FROM trades WHERE market = 'BTC_USDT' ORDER BY id LIMIT 1`,
      );
    },
    mentions: () => "trade BTC_USDT sequence",
  },
  {
    check: "trade-doubled",
    what: "a tick stored twice, unique index dropped",
    // The candles no longer add up to the ticks.
    also: ["candle-volume"],
    async corrupt({ db }) {
      await db.query(`DROP INDEX ticks_market_sequence_key`);
      await db.query(
        `INSERT INTO ticks SELECT * FROM ticks WHERE market = 'ETH_USDT' ORDER BY sequence LIMIT 1`,
      );
    },
    mentions: () => "tick ETH_USDT sequence",
  },
  {
    check: "filled-trades",
    what: "a FILLED order's filled_amount falls one lot short",
    async corrupt({ db }) {
      await db.query(`UPDATE orders SET filled_amount = filled_amount - 0.00001 WHERE id = $1`, [
        id("A1"),
      ]);
    },
    mentions: () => id("A1"),
  },
  {
    check: "filled-trades",
    what: "a resting order's filled_quote_amount gains 0.01",
    async corrupt({ db }) {
      await db.query(
        `UPDATE orders SET filled_quote_amount = filled_quote_amount + 0.01 WHERE id = $1`,
        [id("B2")],
      );
    },
    mentions: () => id("B2"),
  },
  {
    check: "book-mirror",
    what: "one Redis level's amount changes",
    async corrupt({ namespace }) {
      await redis.hset(`${namespace}:book:BTC_USDT:bids`, "29900", "0.3");
    },
    mentions: () => "BTC_USDT bids 29900: DB orders rest 0.2, mirror has 0.3",
  },
  {
    check: "book-mirror",
    what: "Redis holds a level no order rests at",
    async corrupt({ namespace }) {
      await redis.hset(`${namespace}:book:BTC_USDT:asks`, "40000", "1");
    },
    mentions: () => "BTC_USDT asks 40000: mirror has 1",
  },
  {
    check: "book-mirror",
    what: "the mirror of a market with resting orders is gone",
    async corrupt({ namespace }) {
      await deleteBookMirror(redis, namespace, "BTC_USDT");
    },
    mentions: () => "BTC_USDT: no mirror in Redis",
  },
  {
    check: "book-mirror",
    what: "a resting order's price changes in the database",
    async corrupt({ db }) {
      await db.query(`UPDATE orders SET price = 31100 WHERE id = $1`, [id("A4")]);
    },
    mentions: () => "BTC_USDT asks 31100: DB orders rest 0.03, mirror has no level",
  },
  {
    check: "candle-volume",
    what: "one candle's volume gains a lot",
    async corrupt({ db }) {
      await db.query(
        `UPDATE candles SET volume = volume + 0.00001
          WHERE (market, interval, bucket) IN (SELECT market, interval, bucket FROM candles
                                                WHERE market = 'BTC_USDT' AND interval = 'H1'
                                                LIMIT 1)`,
      );
    },
    mentions: () => "BTC_USDT H1 candles",
  },
  {
    check: "candle-volume",
    what: "a tick is lost",
    async corrupt({ db }) {
      await db.query(
        `DELETE FROM ticks WHERE (market, sequence) IN (SELECT market, sequence FROM ticks
                                                         WHERE market = 'BTC_USDT' LIMIT 1)`,
      );
    },
    mentions: () => "tick missing",
  },
];

describe("the chaos checker", () => {
  it("reports nothing on a clean, drained exchange", () => {
    expect(clean.violations, formatReport(clean)).toEqual([]);
    expect(clean.moneyDelta).toEqual({ BTC: "0", ETH: "0", USDT: "0" });
    expect(clean.counts).toEqual({
      orders: 16,
      trades: 8,
      accepted: 16,
      lost: 0,
      doubled: 0,
      stuck: 0,
    });
    expect(formatReport(clean)).toContain("chaos check: OK");
  });

  it("the scene has what the corruptions need: fills, partial fills, both sides resting, cancels", async () => {
    await withCopy(async ({ db }) => {
      const { rows } = await db.query<{ client_order_id: string; status: string }>(
        `SELECT client_order_id, status::text FROM orders WHERE client_order_id IS NOT NULL`,
      );
      expect(Object.fromEntries(rows.map((r) => [r.client_order_id, r.status]))).toEqual(
        FINAL_STATUSES,
      );
    });
  });

  it("reports nothing on an untouched copy (database and mirror snapshot)", async () => {
    const report = await withCopy(({ db, namespace }) =>
      checkExchange({ pool: db, redis, namespace, accepted: scene.accepted }),
    );
    expect(report.violations, formatReport(report)).toEqual([]);
    expect(report).toEqual(clean);
  });

  it("covers every check with at least one corruption", () => {
    const covered = new Set(CORRUPTIONS.map((c) => c.check));
    const all: Record<CheckName, true> = {
      conservation: true,
      "wallet-ledger": true,
      "negative-balance": true,
      "locked-holds": true,
      "order-lost": true,
      "order-doubled": true,
      "order-stuck": true,
      "trade-doubled": true,
      "filled-trades": true,
      "book-mirror": true,
      "candle-volume": true,
    };
    expect([...covered].sort()).toEqual(Object.keys(all).sort());
  });

  it.each(CORRUPTIONS)("$check catches: $what", async (c) => {
    const report = await withCopy(async (copy) => {
      const accepted = (await c.corrupt(copy)) ?? scene.accepted;
      return checkExchange({ pool: copy.db, redis, namespace: copy.namespace, accepted });
    });
    const text = formatReport(report);
    expect(fired(report), text).toContain(c.check);
    expect(fired(report), text).toEqual([c.check, ...(c.also ?? [])].sort());
    expect(detailsOf(report, c.check).join("\n"), text).toContain(c.mentions());
    expect(text).toContain(`FAIL ${c.check}`);
    c.verify?.(report);
  });
});
