import {
  OrderBook,
  type MatcherEvent,
  type SelfTradePrevention,
  type Side,
  type TimeInForce,
} from "../matcher/index.ts";
import { formatDecimal, multiplyExact, parseDecimal, toSteps } from "../money/decimal.ts";
import { admitBatches, orderIdsOf, type EventBatch } from "./admission.ts";
import {
  plan,
  type BalanceMove,
  type SettlementMarket,
  type SettlementOrder,
  type SettlementPlan,
  type SettlementTerms,
} from "./plan.ts";

export const d = (text: string): bigint => parseDecimal(text);

/** As seeded (db/seed.ts) but with distinct maker and taker rates, so tests tell them apart. */
export const BTC_USDT: SettlementMarket = {
  symbol: "BTC_USDT",
  base: "BTC",
  quote: "USDT",
  tickSize: d("0.01"),
  lotSize: d("0.00001"),
  quoteUnit: d("0.0000001"),
  makerFee: d("0.001"),
  takerFee: d("0.002"),
  baseDecimals: 8,
  quoteDecimals: 8,
};

export const ETH_USDT: SettlementMarket = {
  symbol: "ETH_USDT",
  base: "ETH",
  quote: "USDT",
  tickSize: d("0.01"),
  lotSize: d("0.0001"),
  quoteUnit: d("0.000001"),
  makerFee: d("0.001"),
  takerFee: d("0.001"),
  baseDecimals: 8,
  quoteDecimals: 8,
};

export const FEES = "fee-account";

export const TERMS: SettlementTerms = {
  markets: new Map([BTC_USDT, ETH_USDT].map((m) => [m.symbol, m])),
  feeAccountId: FEES,
  tierRates: new Map(),
};

export interface PlaceOptions {
  timeInForce?: TimeInForce;
  postOnly?: boolean;
  selfTradePrevention?: SelfTradePrevention;
}

const TS0 = 1_700_000_000_000;
/** The timestamp the harness gives command `seq`. */
export const tsOf = (seq: number) => TS0 + seq * 1_000;

/**
 * One market: the real (pure) matcher core, and the orders table as placement (docs/ORDERS.md
 * §1.2: BUY LIMIT locks price × amount of quote, MARKET BUY its quote amount, SELL its amount of
 * base) and then each settled plan leave it. Commands get sequences 1, 2, 3… and `tsOf(seq)`.
 */
export class MarketHarness {
  readonly book = new OrderBook();
  readonly orders = new Map<string, SettlementOrder>();
  /** The settlement consumer's offset for this market. */
  offset = 0;
  private seq = 0;

  constructor(
    readonly market: SettlementMarket,
    /** What every plan of this harness is given (fee tiers by user, say). */
    readonly terms: SettlementTerms = TERMS,
  ) {}

  limit(
    id: string,
    userId: string,
    side: Side,
    price: string,
    amount: string,
    options: PlaceOptions = {},
  ): MatcherEvent[] {
    const [priceUnits, amountUnits] = [d(price), d(amount)];
    const locked = side === "BUY" ? multiplyExact(priceUnits, amountUnits) : amountUnits;
    this.store({ id, userId, side, type: "LIMIT", price: priceUnits, lockedRemaining: locked });
    const events: MatcherEvent[] = [];
    this.book.limit(
      {
        type: "limit",
        ...this.next(),
        orderId: id,
        userId,
        side,
        priceTicks: this.ticks(price),
        lots: this.lots(amount),
        timeInForce: options.timeInForce ?? "GTC",
        postOnly: options.postOnly ?? false,
        selfTradePrevention: options.selfTradePrevention ?? "EXPIRE_TAKER",
      },
      events,
    );
    return events;
  }

  marketBuy(id: string, userId: string, quoteAmount: string, stp?: SelfTradePrevention) {
    this.store({
      id,
      userId,
      side: "BUY",
      type: "MARKET",
      price: null,
      lockedRemaining: d(quoteAmount),
    });
    const events: MatcherEvent[] = [];
    const quoteBudget = Number(toSteps(d(quoteAmount), this.market.quoteUnit));
    this.book.market(
      {
        type: "market",
        ...this.next(),
        orderId: id,
        userId,
        side: "BUY",
        quoteBudget,
        selfTradePrevention: stp ?? "EXPIRE_TAKER",
      },
      events,
    );
    return events;
  }

  marketSell(id: string, userId: string, amount: string, stp?: SelfTradePrevention) {
    this.store({
      id,
      userId,
      side: "SELL",
      type: "MARKET",
      price: null,
      lockedRemaining: d(amount),
    });
    const events: MatcherEvent[] = [];
    this.book.market(
      {
        type: "market",
        ...this.next(),
        orderId: id,
        userId,
        side: "SELL",
        lots: this.lots(amount),
        selfTradePrevention: stp ?? "EXPIRE_TAKER",
      },
      events,
    );
    return events;
  }

  cancel(id: string): MatcherEvent[] {
    const events: MatcherEvent[] = [];
    this.book.cancel({ type: "cancel", ...this.next(), orderId: id }, events);
    return events;
  }

  /** The events of some commands as one message of the events stream. */
  batch(...commands: MatcherEvent[][]): EventBatch {
    const events = commands.flat();
    const [first, last] = [events[0], events[events.length - 1]];
    if (!first || !last) throw new Error("a batch needs events");
    return { market: this.market.symbol, fromSeq: first.seq, toSeq: last.seq, events };
  }

  /**
   * Plans the batches as the settlement consumer would (admission from this market's offset,
   * only the orders the events name), then stores the updates and the offset as a commit would.
   */
  settle(...batches: EventBatch[]): SettlementPlan {
    const admission = admitBatches(batches, new Map([[this.market.symbol, this.offset]]));
    const named = orderIdsOf(admission).flatMap((id) => {
      const order = this.orders.get(id);
      return order ? [[id, order] as const] : [];
    });
    const settled = plan(admission, new Map(named), this.terms);
    for (const update of settled.orderUpdates) {
      const order = this.orders.get(update.id);
      if (order) this.orders.set(update.id, { ...order, ...update });
    }
    this.offset = settled.offsets.get(this.market.symbol) ?? this.offset;
    return settled;
  }

  private store(
    order: Pick<SettlementOrder, "id" | "userId" | "side" | "type" | "price" | "lockedRemaining">,
  ) {
    this.orders.set(order.id, {
      ...order,
      market: this.market.symbol,
      filledAmount: 0n,
      filledQuoteAmount: 0n,
      status: "PENDING",
      lastSequence: 0,
    });
  }

  private next() {
    const seq = ++this.seq;
    return { seq, ts: tsOf(seq) };
  }

  private ticks(price: string): number {
    return Number(toSteps(d(price), this.market.tickSize, "price"));
  }

  private lots(amount: string): number {
    return Number(toSteps(d(amount), this.market.lotSize, "amount"));
  }
}

/** Moves as readable rows: [user, asset, available Δ, locked Δ, reason, reference]. */
export function rows(moves: readonly BalanceMove[]): string[][] {
  return moves.map((m) => [
    m.userId,
    m.asset,
    formatDecimal(m.availableDelta),
    formatDecimal(m.lockedDelta),
    m.reason,
    m.reference,
  ]);
}

/** Net change per wallet: "user asset" → [available Δ, locked Δ]. */
export function netByWallet(moves: readonly BalanceMove[]): Record<string, [string, string]> {
  const net = new Map<string, [bigint, bigint]>();
  for (const m of moves) {
    const key = `${m.userId} ${m.asset}`;
    const [available, locked] = net.get(key) ?? [0n, 0n];
    net.set(key, [available + m.availableDelta, locked + m.lockedDelta]);
  }
  return Object.fromEntries(
    [...net].map(([key, [a, l]]) => [key, [formatDecimal(a), formatDecimal(l)]]),
  );
}

/** Sum of available + locked changes per asset, over the moves `include` keeps. */
export function totalByAsset(
  moves: readonly BalanceMove[],
  include: (move: BalanceMove) => boolean = () => true,
): Record<string, string> {
  const total = new Map<string, bigint>();
  for (const m of moves.filter(include)) {
    total.set(m.asset, (total.get(m.asset) ?? 0n) + m.availableDelta + m.lockedDelta);
  }
  return Object.fromEntries([...total].map(([asset, sum]) => [asset, formatDecimal(sum)]));
}

/** The plan's order updates by id, amounts as decimal strings. */
export function updatesById(settled: SettlementPlan) {
  return Object.fromEntries(
    settled.orderUpdates.map((u) => [
      u.id,
      {
        status: u.status,
        filled: formatDecimal(u.filledAmount),
        filledQuote: formatDecimal(u.filledQuoteAmount),
        locked: formatDecimal(u.lockedRemaining),
        lastSequence: u.lastSequence,
      },
    ]),
  );
}
