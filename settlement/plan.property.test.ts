import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MatcherEvent, SelfTradePrevention, Side, TimeInForce } from "../matcher/index.ts";
import { formatDecimal } from "../money/decimal.ts";
import type { EventBatch } from "./admission.ts";
import { BTC_USDT, FEES, MarketHarness } from "./market.test-helper.ts";
import type { BalanceMove } from "./plan.ts";
import { postMoves, type WalletBalance } from "./postings.ts";

const USERS = ["u1", "u2", "u3"];
const DEPOSIT = 10n ** 9n * 10n ** 18n; // 10^9 of each asset: placement never runs short

type Step =
  | {
      kind: "limit";
      user: number;
      side: Side;
      ticks: number;
      lots: number;
      tif: TimeInForce;
      postOnly: boolean;
      stp: SelfTradePrevention;
    }
  | { kind: "marketBuy"; user: number; quoteUnits: number; stp: SelfTradePrevention }
  | { kind: "marketSell"; user: number; lots: number; stp: SelfTradePrevention }
  | { kind: "cancel"; target: number };

const user = fc.integer({ min: 0, max: USERS.length - 1 });
const stp = fc.constantFrom<SelfTradePrevention>(
  "EXPIRE_TAKER",
  "EXPIRE_MAKER",
  "EXPIRE_BOTH",
  "NONE",
);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("limit" as const),
    user,
    side: fc.constantFrom<Side>("BUY", "SELL"),
    ticks: fc.integer({ min: 5_999_950, max: 6_000_050 }), // 59,999.50 .. 60,000.50
    lots: fc.integer({ min: 1, max: 3_000 }),
    tif: fc.constantFrom<TimeInForce>("GTC", "GTC", "IOC", "FOK"),
    postOnly: fc.boolean(),
    stp,
  }),
  fc.record({
    kind: fc.constant("marketBuy" as const),
    user,
    quoteUnits: fc.integer({ min: 1, max: 2 * 10 ** 10 }),
    stp,
  }),
  fc.record({
    kind: fc.constant("marketSell" as const),
    user,
    lots: fc.integer({ min: 1, max: 3_000 }),
    stp,
  }),
  fc.record({ kind: fc.constant("cancel" as const), target: fc.nat() }),
);

function run(m: MarketHarness, s: Step, index: number): MatcherEvent[] {
  const id = `o${index}`;
  switch (s.kind) {
    case "limit": {
      const price = formatDecimal(BigInt(s.ticks) * BTC_USDT.tickSize);
      const amount = formatDecimal(BigInt(s.lots) * BTC_USDT.lotSize);
      const postOnly = s.postOnly && s.tif === "GTC";
      const options = { timeInForce: s.tif, postOnly, selfTradePrevention: s.stp };
      return m.limit(id, USERS[s.user]!, s.side, price, amount, options);
    }
    case "marketBuy":
      return m.marketBuy(
        id,
        USERS[s.user]!,
        formatDecimal(BigInt(s.quoteUnits) * BTC_USDT.quoteUnit),
        s.stp,
      );
    case "marketSell":
      return m.marketSell(
        id,
        USERS[s.user]!,
        formatDecimal(BigInt(s.lots) * BTC_USDT.lotSize),
        s.stp,
      );
    case "cancel":
      return m.cancel(`o${s.target % (index + 1)}`);
  }
}

/** Wallets after deposits and the placement locks (what the placement statement does). */
function walletsAfterPlacement(m: MarketHarness): WalletBalance[] {
  const wallets = new Map<string, WalletBalance>();
  for (const userId of USERS) {
    for (const asset of ["BTC", "USDT"]) {
      wallets.set(`${userId} ${asset}`, { userId, asset, available: DEPOSIT, locked: 0n });
    }
  }
  for (const order of m.orders.values()) {
    const w = wallets.get(`${order.userId} ${order.side === "BUY" ? "USDT" : "BTC"}`)!;
    w.available -= order.lockedRemaining;
    w.locked += order.lockedRemaining;
  }
  return [...wallets.values()];
}

describe("plan over random order flow", () => {
  it("conserves every asset, keeps wallets' locks equal to open orders' locks, applies once", () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 60 }),
        (steps, sizes, redeliver) => {
          const m = new MarketHarness(BTC_USDT);
          const batches: EventBatch[] = [];
          steps.forEach((s, i) => {
            const events = run(m, s, i);
            if (events.length > 0) batches.push(m.batch(events));
          });
          let wallets = walletsAfterPlacement(m);
          const moves: BalanceMove[] = [];
          const feeIncome = new Map<string, bigint>();
          for (let at = 0, i = 0; at < batches.length; i++) {
            const delivery = batches.slice(at, at + (sizes[i % sizes.length] ?? 1));
            at += delivery.length;
            const settled = m.settle(...delivery);
            for (const f of settled.feeIncome)
              feeIncome.set(f.asset, (feeIncome.get(f.asset) ?? 0n) + f.amount);
            moves.push(...settled.balanceMoves);
            wallets = postMoves(wallets, settled.balanceMoves).wallets; // throws if any goes < 0
            if (redeliver[i % redeliver.length]) {
              const again = m.settle(...delivery);
              expect([again.balanceMoves, again.orderUpdates, again.trades]).toEqual([[], [], []]);
            }
          }
          expect(m.offset).toBe(batches.at(-1)?.toSeq);

          // Conservation: per asset, all moves sum to zero; users lose what the fee account gains.
          for (const asset of ["BTC", "USDT"]) {
            const of = (keep: (x: BalanceMove) => boolean) =>
              moves
                .filter((x) => x.asset === asset && keep(x))
                .reduce((sum, x) => sum + x.availableDelta + x.lockedDelta, 0n);
            expect(of(() => true)).toBe(0n);
            expect(of((x) => x.userId === FEES)).toBe(feeIncome.get(asset) ?? 0n);
          }
          // Every locked balance equals what the owner's unfinished orders hold (ORDERS.md §8).
          for (const w of wallets.filter((x) => x.userId !== FEES)) {
            const held = [...m.orders.values()]
              .filter(
                (o) => o.userId === w.userId && (o.side === "BUY" ? "USDT" : "BTC") === w.asset,
              )
              .reduce((sum, o) => sum + o.lockedRemaining, 0n);
            expect(w.locked).toBe(held);
          }
          for (const o of m.orders.values()) {
            const finished = ["FILLED", "CANCELLED", "EXPIRED", "REJECTED"].includes(o.status);
            if (finished) expect(o.lockedRemaining).toBe(0n);
            expect(["PENDING"]).not.toContain(o.status); // every place got its events
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
