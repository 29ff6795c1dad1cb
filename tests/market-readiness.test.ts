import { afterEach, describe, expect, it, vi } from "vitest";
import type { Readiness } from "../kernel/dependencies.ts";
import {
  fundedUser,
  placeLimit,
  poll,
  sleep,
  startExchange,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

/**
 * Issue 12: a market whose events settlement cannot apply waits on its own (the others settle);
 * `/readyz` says which one and why, per market, while `ready` keeps meaning "the stores answer".
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

async function readiness(exchange: Exchange): Promise<{ status: number; body: Readiness }> {
  const res = await fetch(exchange.url.replace("/graphql", "/readyz"));
  return { status: res.status, body: (await res.json()) as Readiness };
}

const marketOf = (body: Readiness, market: string) =>
  body.markets!.find((m) => m.market === market);

describe("a market settlement cannot apply", () => {
  it("is reported not settling with its problem while the others settle, and recovers when the cause goes", async () => {
    ex = await startExchange();
    // The database refuses this market's trades — as a constraint or trigger added by hand, or
    // a migration gone wrong, would. This test's own database (a clone), so no one else's.
    await ex.deps.pool.query(`
      CREATE FUNCTION refuse_eth_usdt_trades() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'trade % of % refused by the test', NEW.sequence, NEW.buyer_id; END $$;
      CREATE TRIGGER refuse_eth_usdt_trades BEFORE INSERT ON trades FOR EACH ROW
        WHEN (NEW.market = 'ETH_USDT') EXECUTE FUNCTION refuse_eth_usdt_trades();`);
    const settlementErrors = vi.spyOn(ex.platform.deps.settlement!.log, "error");

    const start = await readiness(ex);
    expect(start.status).toBe(200);
    expect(start.body.markets!.map((m) => m.market)).toEqual(["BTC_USDT", "ETH_BTC", "ETH_USDT"]);
    expect(start.body.markets!.every((m) => m.settling && !("problem" in m))).toBe(true);

    const buyer = await fundedUser(ex, "ready-buyer", { USDT: "100000" });
    const seller = await fundedUser(ex, "ready-seller", { BTC: "1", ETH: "10" });
    const ethAsk = await placeLimit(ex, seller.bearer, "SELL", "4000", "0.1", "ETH_USDT");
    await waitForStatus(ex, seller.bearer, ethAsk.id, ["OPEN"]);
    const ethBid = await placeLimit(ex, buyer.bearer, "BUY", "4000", "0.1", "ETH_USDT");
    const btcAsk = await placeLimit(ex, seller.bearer, "SELL", "20000", "0.01");
    const btcBid = await placeLimit(ex, buyer.bearer, "BUY", "20000", "0.01");
    await waitForStatus(ex, buyer.bearer, btcBid.id, ["FILLED"]);
    await waitForStatus(ex, seller.bearer, btcAsk.id, ["FILLED"]);

    const stuck = await poll(
      () => readiness(ex!),
      (r) => marketOf(r.body, "ETH_USDT")?.settling === false,
      { timeoutMs: 10_000, failure: (r) => `ETH_USDT still settling: ${JSON.stringify(r.body)}` },
    );
    // Dependencies are up: the process stays in service; the market says it is not settling.
    expect(stuck.status).toBe(200);
    expect(stuck.body).toMatchObject({ ready: true, postgres: true, redis: true, nats: true });
    const eth = marketOf(stuck.body, "ETH_USDT")!;
    expect(eth).toEqual({
      market: "ETH_USDT",
      settling: false,
      settledSequence: 1,
      problem: "PostgreSQL refused the writes of the events from sequence 2 (SQLSTATE P0001)",
      since: eth.since,
    });
    expect(Date.now() - Date.parse(eth.since!)).toBeLessThan(30_000);
    // Nothing of the error's own message: no user, order or amount reaches the probe.
    expect(JSON.stringify(stuck.body)).not.toMatch(/refused by the test|[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(marketOf(stuck.body, "BTC_USDT")).toEqual({
      market: "BTC_USDT",
      settling: true,
      settledSequence: 2,
    });
    expect(marketOf(stuck.body, "ETH_BTC")).toEqual({
      market: "ETH_BTC",
      settling: true,
      settledSequence: 0,
    });
    expect((await waitForStatus(ex, buyer.bearer, ethBid.id, ["PENDING"])).status).toBe("PENDING");

    // Tried again every 5 s and refused again: the problem keeps its first time.
    const failures = () =>
      settlementErrors.mock.calls.filter(([m]) => /cannot apply a market's events/.test(m)).length;
    const seen = failures();
    await poll(
      async () => failures(),
      (n) => n > seen,
      { timeoutMs: 10_000 },
    );
    await sleep(200);
    expect(marketOf((await readiness(ex)).body, "ETH_USDT")).toEqual(eth);

    // The cause goes: at the next retry the market's events apply and the flag clears with them.
    await ex.deps.pool.query(`DROP TRIGGER refuse_eth_usdt_trades ON trades`);
    const recovered = await poll(
      () => readiness(ex!),
      (r) => marketOf(r.body, "ETH_USDT")?.settling === true,
      { timeoutMs: 15_000, failure: (r) => `ETH_USDT not settling: ${JSON.stringify(r.body)}` },
    );
    expect(marketOf(recovered.body, "ETH_USDT")).toEqual({
      market: "ETH_USDT",
      settling: true,
      settledSequence: 2,
    });
    expect((await waitForStatus(ex, buyer.bearer, ethBid.id, ["FILLED"])).status).toBe("FILLED");
    const { rows } = await ex.deps.pool.query(
      `SELECT market FROM consumer_offsets WHERE problem IS NOT NULL OR problem_since IS NOT NULL`,
    );
    expect(rows).toEqual([]);
    await ex.checkInvariants();
  });
});
