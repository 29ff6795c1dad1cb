import { describe, expect, it } from "vitest";
import type { MatcherEvent } from "../matcher/index.ts";
import { eventMessages } from "./event-messages.ts";

const event = (seq: number, i: number): MatcherEvent => ({
  type: "accepted",
  seq,
  ts: 1,
  orderId: `order-${seq}-${i}-${"x".repeat(200)}`,
  userId: "u",
  side: "BUY",
  orderType: "LIMIT",
  timeInForce: "GTC",
  priceTicks: 1,
  lots: 1,
  quoteBudget: 0,
  postOnly: false,
  selfTradePrevention: "NONE",
});

describe("event messages", () => {
  it("keeps a small batch whole", () => {
    const events = [event(1, 0), event(2, 0)];
    const out = eventMessages("M", 1, 2, events);
    expect(out).toHaveLength(1);
    expect(out[0]!.batch).toEqual({ market: "M", fromSeq: 1, toSeq: 2, events });
  });

  it("cuts a large batch at command boundaries into messages under the limit, covering every sequence once", () => {
    const events: MatcherEvent[] = [];
    for (let seq = 10; seq < 110; seq++) for (let i = 0; i < 30; i++) events.push(event(seq, i));
    const out = eventMessages("M", 10, 109, events);
    expect(out.length).toBeGreaterThan(1);
    let expectFrom = 10;
    for (const { batch, json } of out) {
      expect(json.length).toBeLessThan(1 << 20);
      expect(JSON.parse(json)).toEqual(batch);
      expect(batch.fromSeq).toBe(expectFrom);
      expect(batch.events.every((e) => e.seq >= batch.fromSeq && e.seq <= batch.toSeq)).toBe(true);
      expect(new Set(batch.events.map((e) => e.seq)).size).toBe(batch.toSeq - batch.fromSeq + 1);
      expectFrom = batch.toSeq + 1;
    }
    expect(expectFrom).toBe(110);
    expect(out.flatMap((m) => m.batch.events)).toEqual(events);
  });
});
