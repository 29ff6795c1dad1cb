import { afterEach, describe, expect, it } from "vitest";
import { inTransaction } from "../db/client.ts";
import { SettlementRowsMissing, lockConsumerOffsets } from "../db/settlement.repository.ts";
import { startExchange, type Exchange } from "./kit/index.ts";

/**
 * Rows a settlement needs that do not exist yet are made outside its transaction: a settler that
 * inserted them while holding other rows' locks could deadlock with another doing the same
 * (found by review). The transaction throws, rolls back, and runs again once they exist.
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

describe("settlement rows that do not exist yet", () => {
  it("are made after the transaction rolled back, never inside it while it holds locks", async () => {
    ex = await startExchange({ components: ["api"] });
    const pool = ex.deps.pool;
    const consumer = "rows-test";
    const markets = ["ETH_USDT", "BTC_USDT"];
    const count = async () =>
      Number(
        (
          await pool.query<{ n: string }>(
            `SELECT count(*) AS n FROM consumer_offsets WHERE consumer = $1`,
            [consumer],
          )
        ).rows[0]!.n,
      );

    const missing = await inTransaction(pool, (client) =>
      lockConsumerOffsets(client, consumer, markets),
    ).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(SettlementRowsMissing);
    expect(await count()).toBe(0);

    await (missing as SettlementRowsMissing).create(pool);
    expect(await count()).toBe(2);
    const offsets = await inTransaction(pool, (client) =>
      lockConsumerOffsets(client, consumer, markets),
    );
    expect([...offsets]).toEqual([
      ["BTC_USDT", 0],
      ["ETH_USDT", 0],
    ]);
  });
});
