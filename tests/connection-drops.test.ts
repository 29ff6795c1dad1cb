import { jetstreamManager } from "@nats-io/jetstream";
import pg from "pg";
import { busNames } from "../bus/subjects.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  fundedUser,
  placeOrder,
  placeLimit,
  startExchange,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

/**
 * Issue 12: PostgreSQL connections dropped under every process (pg_terminate_backend, as a
 * failover or an operator would) must not make any process exit; each reconnects and carries
 * on. The platform runs in this test process, so a process exit is this test failing.
 */
let ex: Exchange;
let admin: pg.Client;
beforeAll(async () => {
  ex = await startExchange();
  admin = new pg.Client({ connectionString: `${inject("databaseServer")}/postgres` });
  await admin.connect();
});
afterAll(async () => {
  await admin.end();
  // Stops only once every pooled client was released: none leaked by a dropped connection.
  await ex.stop();
});

/** Terminates every connection to the exchange's database; returns how many. */
async function dropConnections(): Promise<number> {
  const database = new URL(ex.config.databaseUrl).pathname.slice(1);
  const { rows } = await admin.query<{ n: number }>(
    `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
      WHERE datname = $1 AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows[0]!.n;
}

describe("PostgreSQL connections dropped under the platform", () => {
  it("no process exits, and orders placed around the drops all settle", async () => {
    const seller = await fundedUser(ex, "drop-seller", { BTC: "1" });
    const buyer = await fundedUser(ex, "drop-buyer", { USDT: "100000" });
    const placed: { id: string; headers: Record<string, string> }[] = [];
    const refusals: string[] = [];
    /** Placed, or refused with a typed code (a store dropped under it), never anything else. */
    const attempt = async (
      headers: Record<string, string>,
      side: "BUY" | "SELL",
    ): Promise<void> => {
      try {
        const order = await placeOrder(ex, headers, {
          market: "BTC_USDT",
          side,
          type: "LIMIT",
          price: "20000",
          amount: "0.01",
        });
        placed.push({ id: order.id, headers });
      } catch (error) {
        refusals.push((error as Error).message);
      }
    };
    let dropped = 0;
    for (let round = 0; round < 5; round++) {
      // Terminated while the platform is busy: some mid-transaction, some idle in their pools.
      const ask = attempt(seller.bearer, "SELL");
      dropped += await dropConnections();
      await ask;
      await new Promise((resolve) => setTimeout(resolve, 300));
      await attempt(buyer.bearer, "BUY");
    }
    expect(dropped).toBeGreaterThan(5);
    for (const refusal of refusals) expect(refusal).toContain("SERVICE_UNAVAILABLE");
    expect(placed.length).toBeGreaterThanOrEqual(5);
    for (const order of placed) {
      await waitForStatus(ex, order.headers, order.id, ["FILLED", "OPEN", "PARTIALLY_FILLED"]);
    }
    await ex.checkInvariants();
  }, 90_000);
});

describe("a settlement that dies mid-batch", () => {
  it("is replaced within seconds: its unacked batch comes back after a 2 s ack wait, not 30 s", async () => {
    const own = await startExchange({ components: ["api", "relay", "matcher", "marketdata"] });
    const database = new URL(own.config.databaseUrl).pathname.slice(1);
    const holder = new pg.Client({ connectionString: own.config.databaseUrl });
    await holder.connect();
    try {
      const dying = await own.start(["settlement"]);
      const seller = await fundedUser(own, "ackwait-seller", { BTC: "1" });
      const buyer = await fundedUser(own, "ackwait-buyer", { USDT: "100000" });
      const ask = await placeLimit(own, seller.bearer, "SELL", "20000", "0.01");
      await waitForStatus(own, seller.bearer, ask.id, ["OPEN"]);
      // The seller's wallets are held (placing the bid does not touch them), so settlement
      // blocks mid-batch on the trade.
      await holder.query("BEGIN");
      await holder.query("SELECT 1 FROM wallets WHERE user_id = $1 FOR UPDATE", [seller.id]);
      const bid = await placeLimit(own, buyer.bearer, "BUY", "20000", "0.01");
      let blocked: number[] = [];
      for (let i = 0; i < 100 && blocked.length === 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const { rows } = await admin.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
          [database],
        );
        blocked = rows.map((r) => r.pid);
      }
      expect(blocked.length).toBeGreaterThan(0);
      // Now it dies as kill -9 would: no ack, no nak, connections gone.
      const killed = dying.deps.settlement!;
      await Promise.all([killed.nats()?.close(), killed.liveNats()?.close()]);
      const diedAt = Date.now();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid`, [
        blocked,
      ]);
      await holder.query("ROLLBACK");
      await dying.stop().catch(() => undefined);
      await own.start(["settlement"]);
      await waitForStatus(own, buyer.bearer, bid.id, ["FILLED"], 20_000);
      // Well under the old 30 s ack wait, a whole consumer start included.
      expect(Date.now() - diedAt).toBeLessThan(15_000);
      await own.checkInvariants();
    } finally {
      await holder.end().catch(() => undefined);
      await own.stop();
    }
  }, 60_000);
});

describe("events that left the stream before settlement applied them", () => {
  it("make settlement refuse to go on, said loudly, instead of skipping them", async () => {
    const own = await startExchange({ components: ["api", "relay", "matcher", "marketdata"] });
    try {
      let settlement = await own.start(["settlement"]);
      const seller = await fundedUser(own, "retention-seller", { BTC: "1" });
      const buyer = await fundedUser(own, "retention-buyer", { USDT: "100000" });
      const pair = async () => {
        const ask = await placeLimit(own, seller.bearer, "SELL", "20000", "0.01");
        const bid = await placeLimit(own, buyer.bearer, "BUY", "20000", "0.01");
        return { ask: ask.id, bid: bid.id };
      };
      const first = await pair();
      await waitForStatus(own, buyer.bearer, first.bid, ["FILLED"]); // settlement has acked
      await settlement.stop();
      const second = await pair();
      // Retention took the events settlement never saw (7 days, here by a purge).
      const jsm = await jetstreamManager(own.deps.nats()!);
      const stream = busNames(own.config.namespace).eventStream;
      // Wait for the batch with the second pair's trade (not the first's, still last at first).
      for (let i = 0; i < 100; i++) {
        const { state } = await jsm.streams.info(stream);
        const lastBatch = (await jsm.streams.getMessage(stream, { seq: state.last_seq }))?.string();
        if (lastBatch?.includes('"trade"') && lastBatch.includes(second.bid)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const { state } = await jsm.streams.info(stream);
      await jsm.streams.purge(stream, { seq: state.last_seq + 1 });
      await jsm.streams.info(stream); // first_seq is now past what settlement acked

      settlement = await own.start(["settlement"]);
      let problem: string | null = null;
      for (let i = 0; i < 50 && !problem; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        problem = settlement.handle("settlement")?.problem() ?? null;
      }
      expect(problem).toMatch(/left the stream \(retention\) before settlement applied them/);
    } finally {
      await own.stop();
    }
  }, 60_000);
});
