import { describe, expect, it } from "vitest";
import { MARKET_STATUSES } from "../domain/market-status.ts";
import type { Log } from "../kernel/log.ts";
import { OrderBook, type Command, type MatcherEvent } from "../matcher/index.ts";
import { eventMessages } from "./event-messages.ts";
import { checkPayload, decodePayload, MalformedPayload, receivePayload } from "./payloads.ts";
import type { CommandMessage, SubjectName, SubjectPayloads } from "./subjects.ts";

type Unsequenced<T> = T extends unknown ? Omit<T, "seq" | "ts"> : never;

/** Every kind of matcher event, made by the real core. */
function everyEvent(): MatcherEvent[] {
  const book = new OrderBook();
  const events: MatcherEvent[] = [];
  let seq = 0;
  const run = (command: Unsequenced<Command>) =>
    book.execute({ ...command, seq: ++seq, ts: 1_700_000_000_000 + seq }, events);
  const limit = { type: "limit", userId: "u1", priceTicks: 10, lots: 5 } as const;
  run({ ...limit, orderId: "a", side: "SELL" }); // accepted, rested
  run({ ...limit, orderId: "b", side: "BUY", userId: "u2", lots: 2 }); // trade, filled
  run({ type: "amend", orderId: "a", lots: 2 }); // amended
  run({ ...limit, orderId: "c", side: "BUY", userId: "u3", lots: 9, timeInForce: "IOC" }); // expired
  run({ ...limit, orderId: "d", side: "BUY", userId: "u4", priceTicks: 5 });
  run({ type: "cancel", orderId: "d" }); // cancelled
  run({ type: "cancel", orderId: "nope" }); // rejected
  run({ type: "market", orderId: "e", userId: "u5", side: "BUY", quoteBudget: 100 });
  return events;
}

const silent = (): Log & { warnings: string[] } => {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => {},
    info: () => {},
    warn: (message, fields) => warnings.push(`${message} ${String(fields?.error)}`),
    error: () => {},
  };
};

const message = (value: unknown) => ({
  subject: "test.subject",
  string: () => (typeof value === "string" ? value : JSON.stringify(value)),
});

describe("payloads at receipt", () => {
  it("decodes every matcher event of an event batch to what was sent", () => {
    const events = everyEvent();
    const kinds = new Set(events.map((e) => e.type));
    expect([...kinds].sort()).toEqual(
      [
        "accepted",
        "amended",
        "cancelled",
        "expired",
        "filled",
        "rejected",
        "rested",
        "trade",
      ].sort(),
    );
    for (const { batch, json } of eventMessages("BTC_USDT", 1, 8, events)) {
      expect(receivePayload(silent(), "eventSubject", message(json))).toEqual(batch);
    }
  });

  it("decodes each live and command payload to what was sent", () => {
    const samples: { [K in SubjectName]: SubjectPayloads[K] } = {
      commandSubject: {
        kind: "place",
        orderId: "o",
        userId: "u",
        side: "BUY",
        type: "MARKET",
        timeInForce: "IOC",
        quoteBudget: 12,
        postOnly: false,
        selfTradePrevention: "EXPIRE_TAKER",
      },
      eventSubject: { market: "M", fromSeq: 1, toSeq: 0, events: [] },
      bookUpdateSubject: {
        market: "M",
        firstSeq: 3,
        lastSeq: 4,
        snapshot: false,
        bids: [["1.5", "2"]],
        asks: [["2", "0"]],
        trades: [
          {
            id: "M:1",
            market: "M",
            sequence: "1",
            price: "1",
            amount: "2",
            quoteAmount: "2",
            takerSide: "SELL",
            executedAt: "2026-01-01T00:00:00.000Z",
          },
        ],
      },
      candleSubject: {
        timestamp: "2026-01-01T00:00:00.000Z",
        open: "1",
        high: "2",
        low: "1",
        close: "2",
        volume: "3",
        quoteAssetVolume: "5",
        numberOfTrades: 2,
      },
      tickerSubject: {
        market: "M",
        open: null,
        high: "2",
        low: "1",
        last: "2",
        volume: "3",
        quoteVolume: "5",
        change: null,
        changePercent: "1.5",
        numberOfTrades: 2,
        openTime: "2026-01-01T00:00:00.000Z",
        closeTime: "2026-01-02T00:00:00.000Z",
        stale: false,
      },
      userSubject: { orders: ["o"], assets: ["BTC", "USDT"] },
      credentialsRevokedSubject: { kind: "sessions", userId: "u", sessionVersion: 3 },
      marketsChangedSubject: { markets: ["M"] },
      outboxWrittenSubject: { rows: 3 },
    };
    for (const name of Object.keys(samples) as SubjectName[]) {
      expect(receivePayload(silent(), name, message(samples[name]))).toEqual(samples[name]);
    }
  });

  it("keeps a place command's absent sizes absent and drops fields it does not know", () => {
    const limit = {
      kind: "place",
      orderId: "o",
      userId: "u",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      priceTicks: 7,
      lots: 3,
      postOnly: true,
      selfTradePrevention: "NONE",
    } satisfies CommandMessage;
    const decoded = decodePayload("commandSubject", { ...limit, extra: "x" });
    expect(decoded).toEqual(limit);
    expect("quoteBudget" in decoded && decoded.quoteBudget !== undefined).toBe(false);
  });

  it("decodes a market status command, every status, and refuses any other status", () => {
    for (const status of MARKET_STATUSES) {
      const command = { kind: "status", status } satisfies CommandMessage;
      expect(decodePayload("commandSubject", { ...command, extra: 1 })).toEqual(command);
      expect(receivePayload(silent(), "commandSubject", message(command))).toEqual(command);
    }
    for (const status of ["OPEN", "halted", "", null, 1]) {
      const log = silent();
      expect(
        receivePayload(log, "commandSubject", message({ kind: "status", status })),
      ).toBeUndefined();
      expect(log.warnings[0]).toContain("commandSubject.status is not one of its closed set");
    }
    expect(() => decodePayload("commandSubject", { kind: "status" })).toThrow(MalformedPayload);
  });

  it("logs and skips what is not the subject's payload, naming the first bad field", () => {
    const cases: [SubjectName, unknown, string][] = [
      ["userSubject", "{not json", "not JSON"],
      ["userSubject", [], "userSubject is not an object"],
      ["userSubject", { orders: ["o"], assets: [1] }, "userSubject.assets[0] is not a string"],
      ["commandSubject", { kind: "amend", orderId: "o" }, "commandSubject.kind"],
      [
        "commandSubject",
        { kind: "place", orderId: "o", userId: "u", side: "UP" },
        "commandSubject.side",
      ],
      [
        "eventSubject",
        { market: "M", fromSeq: 1, toSeq: 1, events: [{ type: "trade", seq: "1", ts: 1 }] },
        "eventSubject.events[0].seq is not a number",
      ],
      [
        "bookUpdateSubject",
        { market: "M", firstSeq: 1, lastSeq: 1, snapshot: false, bids: [["1"]], asks: [] },
        "bookUpdateSubject.bids[0] is not a [price, amount] pair",
      ],
      ["credentialsRevokedSubject", { kind: "apiKey", userId: "u" }, "apiKeyId is not a string"],
    ];
    for (const [name, value, why] of cases) {
      const log = silent();
      expect(receivePayload(log, name, message(value))).toBeUndefined();
      expect(log.warnings).toHaveLength(1);
      expect(log.warnings[0]).toContain(why);
    }
  });

  it("checks stored values the same way and throws MalformedPayload when asked to decode", () => {
    const log = silent();
    expect(checkPayload(log, "commandSubject", null, { outbox: "1" })).toBeUndefined();
    expect(log.warnings[0]).toContain("commandSubject is not an object");
    expect(() => decodePayload("marketsChangedSubject", { markets: "M" })).toThrow(
      MalformedPayload,
    );
    expect(() => decodePayload("outboxWrittenSubject", { rows: "3" })).toThrow(MalformedPayload);
  });
});
