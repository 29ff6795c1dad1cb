import { afterEach, describe, expect, it } from "vitest";
import { takeOutboxBatch, tryRelayLock } from "../db/outbox.repository.ts";
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
});
