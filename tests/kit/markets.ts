import { randomBytes } from "node:crypto";
import type { Dependencies } from "../../kernel/dependencies.ts";

/**
 * Markets a test file makes for itself (BTC against USDT, as seeded but for the grid), so tests
 * run side by side; `removeAll` deletes them, so `markets` lists stay as other files expect.
 */
export function testMarkets(deps: () => Dependencies) {
  const created: string[] = [];
  return {
    async create(tag: string, grid: { tick?: string; lot?: string } = {}): Promise<string> {
      const symbol = `${tag}${randomBytes(4).toString("hex")}_USDT`.toUpperCase();
      await deps().pool.query(
        `INSERT INTO markets (symbol, base, quote, tick_size, lot_size, min_notional, maker_fee, taker_fee)
         VALUES ($1, 'BTC', 'USDT', $2, $3, '5', '0.001', '0.001')`,
        [symbol, grid.tick ?? "0.01", grid.lot ?? "0.00001"],
      );
      created.push(symbol);
      return symbol;
    },
    /**
     * Deletes the markets made here. A market that orders or trades still name stays (files run
     * side by side, so every file already lives with markets it did not make).
     */
    async removeAll(): Promise<void> {
      for (const symbol of created) {
        await deps()
          .pool.query("DELETE FROM markets WHERE symbol = $1", [symbol])
          .catch((error: { code?: string }) => {
            if (error.code !== "23503") throw error; // foreign_key_violation: still referenced
          });
      }
    },
  };
}
