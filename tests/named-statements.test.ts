import { afterEach, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createDatabase, createPool } from "../db/client.ts";
import {
  advanceTapeOffsets,
  insertNewTicks,
  mergeCandlesInto,
} from "../db/marketdata.repository.ts";
import { lockOrders } from "../db/settlement.repository.ts";
import { foldTrades } from "../marketdata/fold.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { startExchange, type Exchange } from "./kit/index.ts";

/**
 * The statements settlement and market data run many times a second are named (prepared): each
 * connection parses and plans them once. Unnamed, PostgreSQL planned them at every call
 * (docs/PERFORMANCE.md, ninth pass). Each runs twice on one connection, so the second call
 * reuses the first's statement (node-postgres refuses a name reused with other text). The
 * relay's outbox take stays unnamed: tests/outbox-lock.test.ts says why.
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

const tick = (sequence: number): TradeTick => ({
  market: "BTC_USDT",
  sequence: BigInt(sequence),
  price: "100",
  amount: "1",
  quoteAmount: "100",
  takerSide: "BUY",
  executedAt: new Date(Date.UTC(2026, 0, 5, 11, 0, sequence)),
});

describe("hot statements are prepared once per connection", () => {
  it("market data's writes and settlement's order lock", async () => {
    ex = await startExchange({ components: ["api"] });
    const pool = createPool(ex.deps.config.databaseUrl, 1);
    try {
      const db = createDatabase(pool);
      for (const sequence of [1, 2]) {
        await db.transaction(async (tx) => {
          const inserted = await insertNewTicks(tx, [tick(sequence)]);
          expect(inserted).toHaveLength(1);
          const bars = await mergeCandlesInto(tx, foldTrades(inserted));
          expect(bars.length).toBeGreaterThan(0);
          const waiting = await advanceTapeOffsets(tx, [
            { market: "BTC_USDT", fromSeq: sequence, toSeq: sequence },
          ]);
          expect(waiting).toEqual([]);
        });
      }
      const { rows: bar } = await pool.query<{ trades: number; volume: string }>(
        `SELECT trades, trim_scale(volume)::text AS volume FROM candles
          WHERE market = 'BTC_USDT' AND interval = 'M1'`,
      );
      expect(bar).toEqual([{ trades: 2, volume: "2" }]);

      const client = await pool.connect();
      try {
        for (let i = 0; i < 2; i++) {
          const { orders } = await lockOrders(client, [randomUUID()]);
          expect(orders.size).toBe(0);
        }
      } finally {
        client.release();
      }

      const { rows } = await pool.query<{ name: string }>(
        `SELECT name FROM pg_prepared_statements ORDER BY name`,
      );
      expect(rows.map((r) => r.name)).toEqual(
        expect.arrayContaining([
          "marketdata_advance_tape_offset",
          "marketdata_insert_ticks",
          "marketdata_merge_candles",
          "settlement_lock_orders",
        ]),
      );
    } finally {
      await pool.end();
    }
  });
});
