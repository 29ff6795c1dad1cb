import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import {
  fundedUser,
  placeOrder,
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
