import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORDER_BOOK } from "../client/operations.ts";
import { deleteBookMirror } from "../db/order-book-mirror.repository.ts";
import {
  codeOf,
  fundedUser,
  placeLimit,
  startExchange,
  waitForStatus,
  type Exchange,
} from "./kit/index.ts";

/**
 * Issue 12: Redis loses the order-book mirror (FLUSHALL, a restart without persistence). The
 * matcher notices and writes the whole book again within about a second; meanwhile a reader
 * gets SERVICE_UNAVAILABLE or the whole book, never an empty or partial one. Only this
 * exchange's keys are deleted: the machine's Redis is shared.
 */
let ex: Exchange;
beforeAll(async () => {
  ex = await startExchange();
});
afterAll(() => ex.stop());

describe("a lost order-book mirror", () => {
  it("is written again whole within seconds, and no reader sees a partial book", async () => {
    const seller = await fundedUser(ex, "mirror-seller", { BTC: "1" });
    const buyer = await fundedUser(ex, "mirror-buyer", { USDT: "100000" });
    for (let i = 0; i < 12; i++) {
      const order = await placeLimit(ex, seller.bearer, "SELL", String(30_000 + i * 10), "0.01");
      await waitForStatus(ex, seller.bearer, order.id, ["OPEN"]);
    }
    const read = () => ex.gql(ORDER_BOOK, { market: "BTC_USDT", depth: 100 });
    const before = await read();
    expect(before.data!.orderBook.asks).toHaveLength(12);

    await deleteBookMirror(ex.deps.redis, ex.config.namespace, "BTC_USDT");
    // A diff right after the loss must not land on an empty mirror as if it were the book.
    const bid = await placeLimit(ex, buyer.bearer, "BUY", "29000", "0.01");
    await waitForStatus(ex, buyer.bearer, bid.id, ["OPEN"]);
    const lostAt = Date.now();
    let whole = false;
    while (!whole && Date.now() - lostAt < 10_000) {
      const res = await read();
      if (res.errors) {
        expect(codeOf(res)).toBe("SERVICE_UNAVAILABLE");
      } else {
        const { asks, bids } = res.data!.orderBook;
        // Never a partial book: the whole of it (12 asks and the new bid) or nothing.
        expect({ asks: asks.length, bids: bids.length }).toEqual({ asks: 12, bids: 1 });
        whole = true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(whole).toBe(true);
  }, 60_000);
});
