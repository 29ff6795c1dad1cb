import { assertNever } from "../kernel/assert-never.ts";
import { fillsAllOrNothing, isMarketStatus, remainderRests } from "./closed-sets.ts";
import { ErrorCode, matcherError, SnapshotError, type MatcherError } from "./errors.ts";
import {
  acceptedEvent,
  amendedEvent,
  cancelledEvent,
  expiredEvent,
  filledEvent,
  rejectedEvent,
  restedEvent,
  tradeEvent,
} from "./event-constructors.ts";
import type { EventSink, ExpireReason } from "./events.ts";
import { Order } from "./order.ts";
import { OrderSide } from "./order-side.ts";
import type { PriceLevel } from "./price-level.ts";
import {
  type BookSnapshot,
  type SnapshotOrder,
  SNAPSHOT_VERSION,
  validateSnapshot,
} from "./snapshot.ts";
import type {
  AmendCommand,
  CancelCommand,
  ChangedLevels,
  Command,
  CommandBase,
  CommandType,
  Depth,
  DepthLevel,
  LimitOrderCommand,
  MarketOrderCommand,
  MarketStatus,
  OrderBookOptions,
  OrderCommand,
  OrderType,
  RestingOrderView,
  Side,
  TimeInForce,
} from "./types.ts";
import {
  amendError,
  type BookChecks,
  isPositiveSafeInteger,
  marketStatusError,
  newOrderError,
  orderNotFound,
} from "./validation.ts";

export const DEFAULT_MAX_PRICE_TICKS = 100_000_000;
export const DEFAULT_MAX_LOTS = 90_000_000;

/** Why take() stopped before the taker, its limit price or the liquidity ran out. */
const TakeStop = {
  NONE: "NONE",
  SELF_TRADE: "SELF_TRADE",
  MAX_MAKERS: "MAX_MAKERS",
} as const;
type TakeStop = (typeof TakeStop)[keyof typeof TakeStop];

/** What one command carries through matching: where its events go and its running counts. */
interface CommandContext extends CommandBase {
  readonly sink: EventSink;
  /** Position of the next trade among this command's trades. */
  matchIndex: number;
  /** Market buys are sized by quote, every other taker by lots. */
  readonly byBudget: boolean;
  /** Quote a market buy may still spend; 0 for takers sized by lots. */
  budgetLeft: number;
}

function commandContext(cmd: CommandBase, sink: EventSink, quoteBudget: number): CommandContext {
  return {
    seq: cmd.seq,
    ts: cmd.ts,
    sink,
    matchIndex: 0,
    byBudget: quoteBudget > 0,
    budgetLeft: quoteBudget,
  };
}

/** The worst price a taker accepts: its own for a limit order, any at all for a market order. */
function takerLimitPrice(taker: Order, orderType: OrderType): number {
  switch (orderType) {
    case "LIMIT":
      return taker.priceTicks;
    case "MARKET":
      return anyPrice(taker.side);
    default:
      return assertNever(orderType);
  }
}

function anyPrice(side: Side): number {
  switch (side) {
    case "BUY":
      return Number.MAX_SAFE_INTEGER;
    case "SELL":
      return 1;
    default:
      return assertNever(side);
  }
}

/**
 * One market's order book: price-time priority, integer ticks and lots, deterministic.
 * Every command takes the sink its events go to and returns undefined or the rejection.
 */
export class OrderBook implements BookChecks {
  readonly maxPriceTicks: number;
  readonly maxLots: number;
  readonly maxMakersPerCommand: number;
  private readonly bids: OrderSide;
  private readonly asks: OrderSide;
  private readonly orders = new Map<string, Order>();
  private sequence = 0;
  private marketStatus: MarketStatus = "TRADING";

  constructor(options: OrderBookOptions = {}) {
    const maxPriceTicks = options.maxPriceTicks ?? DEFAULT_MAX_PRICE_TICKS;
    const maxLots = options.maxLots ?? DEFAULT_MAX_LOTS;
    if (
      !isPositiveSafeInteger(maxPriceTicks) ||
      !isPositiveSafeInteger(maxLots) ||
      !Number.isSafeInteger(maxPriceTicks * maxLots)
    ) {
      throw new RangeError("maxPriceTicks × maxLots must be a positive safe integer");
    }
    this.maxPriceTicks = maxPriceTicks;
    this.maxLots = maxLots;
    this.maxMakersPerCommand = options.maxMakersPerCommand ?? Number.POSITIVE_INFINITY;
    const track = options.trackChangedLevels === true;
    this.bids = new OrderSide("BUY", track);
    this.asks = new OrderSide("SELL", track);
  }

  /** Sequence number of the last command applied (rejected ones included). */
  get seq(): number {
    return this.sequence;
  }

  /** TRADING, CANCEL_ONLY or HALTED: what new orders and amends meet (cancels always work). */
  get status(): MarketStatus {
    return this.marketStatus;
  }

  /**
   * Opens, restricts or halts the market: while it is not TRADING every new order and amend is
   * rejected (MARKET_CANCEL_ONLY, MARKET_HALTED) and nothing matches; cancels work. It takes no
   * sequence number and emits no event — where it sits among the commands (the command stream,
   * replayed in the same order) is what sequences it, and the snapshot keeps it. Returns
   * INVALID_STATUS, changing nothing, for anything else.
   */
  setStatus(status: MarketStatus): MatcherError | undefined {
    if (!isMarketStatus(status)) {
      return matcherError(
        ErrorCode.INVALID_STATUS,
        "status must be TRADING, CANCEL_ONLY or HALTED",
      );
    }
    this.marketStatus = status;
    return undefined;
  }

  get orderCount(): number {
    return this.orders.size;
  }

  bestBid(): number | undefined {
    return this.bids.best()?.priceTicks;
  }

  bestAsk(): number | undefined {
    return this.asks.best()?.priceTicks;
  }

  /** Whether an order with this id rests on the book. */
  isLive(orderId: string): boolean {
    return this.orders.has(orderId);
  }

  /** Whether an order of this side at this price would take liquidity now. */
  wouldTake(side: Side, priceTicks: number): boolean {
    const opposite = this.oppositeOf(side);
    const best = opposite.best();
    return best !== undefined && opposite.withinLimit(best.priceTicks, priceTicks);
  }

  execute(command: Command, sink: EventSink): MatcherError | undefined {
    if (typeof command !== "object" || command === null) {
      return matcherError(ErrorCode.UNKNOWN_COMMAND, "command must be an object");
    }
    switch (command.type) {
      case "limit":
        return this.limit(command, sink);
      case "market":
        return this.market(command, sink);
      case "cancel":
        return this.cancel(command, sink);
      case "amend":
        return this.amend(command, sink);
      default:
        return this.reject(
          command satisfies never,
          "unknown",
          "",
          matcherError(ErrorCode.UNKNOWN_COMMAND, "unknown command type"),
          sink,
        );
    }
  }

  limit(cmd: LimitOrderCommand, sink: EventSink): MatcherError | undefined {
    return this.place(cmd, sink);
  }

  market(cmd: MarketOrderCommand, sink: EventSink): MatcherError | undefined {
    return this.place(cmd, sink);
  }

  cancel(cmd: CancelCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const order = typeof cmd.orderId === "string" ? this.orders.get(cmd.orderId) : undefined;
    if (order === undefined) return this.reject(cmd, "cancel", cmd.orderId, orderNotFound(), sink);
    this.sequence = cmd.seq;
    this.removeResting(order);
    sink.push(cancelledEvent(cmd, order));
    return undefined;
  }

  amend(cmd: AmendCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    // An amend may take liquidity, so it is refused like a new order while the market is closed.
    const closed = marketStatusError(this.marketStatus);
    if (closed !== undefined) return this.reject(cmd, "amend", cmd.orderId, closed, sink);
    const order = typeof cmd.orderId === "string" ? this.orders.get(cmd.orderId) : undefined;
    if (order === undefined) return this.reject(cmd, "amend", cmd.orderId, orderNotFound(), sink);
    const error = amendError(cmd, order, this);
    if (error !== undefined) return this.reject(cmd, "amend", cmd.orderId, error, sink);
    const priceTicks = cmd.priceTicks ?? order.priceTicks;
    const lots = cmd.lots ?? order.remainingLots;
    this.sequence = cmd.seq;
    const priorityKept = priceTicks === order.priceTicks && lots <= order.remainingLots;
    sink.push(amendedEvent(cmd, order, priceTicks, lots, priorityKept));
    if (priorityKept) {
      const level = order.level as PriceLevel;
      level.totalLots -= order.remainingLots - lots;
      order.remainingLots = lots;
      this.sideOf(order.side).markChanged(level);
      return undefined;
    }
    this.removeResting(order);
    order.priceTicks = priceTicks;
    order.remainingLots = lots;
    this.matchTaker(order, "LIMIT", "GTC", commandContext(cmd, sink, 0));
    return undefined;
  }

  depth(levels = 10): Depth {
    return {
      seq: this.sequence,
      bids: topLevels(this.bids, levels),
      asks: topLevels(this.asks, levels),
    };
  }

  /** Levels touched since the previous call, with their current totals (0 lots = removed). */
  drainChangedLevels(): ChangedLevels {
    return { seq: this.sequence, bids: drain(this.bids), asks: drain(this.asks) };
  }

  getOrder(orderId: string): RestingOrderView | undefined {
    const order = this.orders.get(orderId);
    return order === undefined ? undefined : viewOf(order);
  }

  /** Resting orders in priority order: bids best first, then asks best first. */
  restingOrders(): RestingOrderView[] {
    const out: RestingOrderView[] = [];
    for (const side of [this.bids, this.asks]) {
      for (let i = side.levels.length - 1; i >= 0; i--) {
        for (let o = (side.levels[i] as PriceLevel).head; o !== null; o = o.next) {
          out.push(viewOf(o));
        }
      }
    }
    return out;
  }

  snapshot(): BookSnapshot {
    const orders: SnapshotOrder[] = this.restingOrders().map((o) => ({
      orderId: o.orderId,
      userId: o.userId,
      side: o.side,
      priceTicks: o.priceTicks,
      remainingLots: o.remainingLots,
      filledLots: o.filledLots,
      filledQuote: o.filledQuote,
      postOnly: o.postOnly,
      selfTradePrevention: o.selfTradePrevention,
    }));
    return {
      version: SNAPSHOT_VERSION,
      seq: this.sequence,
      maxPriceTicks: this.maxPriceTicks,
      maxLots: this.maxLots,
      status: this.marketStatus,
      orders,
    };
  }

  /** Throws SnapshotError when the snapshot is not one this version wrote. */
  static fromSnapshot(
    snapshot: BookSnapshot,
    options: Pick<OrderBookOptions, "trackChangedLevels" | "maxMakersPerCommand"> = {},
  ): OrderBook {
    validateSnapshot(snapshot);
    const book = new OrderBook({
      maxPriceTicks: snapshot.maxPriceTicks,
      maxLots: snapshot.maxLots,
      trackChangedLevels: options.trackChangedLevels,
      maxMakersPerCommand: options.maxMakersPerCommand,
    });
    book.sequence = snapshot.seq;
    book.marketStatus = snapshot.status ?? "TRADING";
    for (const o of snapshot.orders) {
      const order = new Order(
        o.orderId,
        o.userId,
        o.side,
        o.priceTicks,
        o.remainingLots,
        o.filledLots,
        o.filledQuote,
        o.postOnly,
        o.selfTradePrevention,
      );
      book.rest(order);
    }
    if (book.wouldTake("BUY", book.bestBid() ?? 0)) {
      throw new SnapshotError("snapshot book is crossed");
    }
    return book;
  }

  /** A command without a usable seq or ts cannot be placed in the event stream: no event. */
  private checkSeq(cmd: Command): MatcherError | undefined {
    const seq = cmd.seq;
    if (!Number.isSafeInteger(seq) || seq <= this.sequence) {
      return matcherError(
        ErrorCode.INVALID_SEQUENCE,
        `seq must be a safe integer greater than ${this.sequence}`,
      );
    }
    if (!Number.isSafeInteger(cmd.ts) || cmd.ts < 0) {
      return matcherError(ErrorCode.INVALID_TIMESTAMP, "ts must be a non-negative integer (ms)");
    }
    return undefined;
  }

  private reject(
    cmd: Command,
    command: CommandType | "unknown",
    orderId: unknown,
    error: MatcherError,
    sink: EventSink,
  ): MatcherError {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    this.sequence = cmd.seq;
    sink.push(rejectedEvent(cmd, command, orderId, error.code, error.message));
    return error;
  }

  /** Every new order, of whatever kind: validate, accept, then match as a taker. */
  private place(cmd: OrderCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const closed = marketStatusError(this.marketStatus);
    if (closed !== undefined) return this.reject(cmd, cmd.type, cmd.orderId, closed, sink);
    const error = newOrderError(cmd, this);
    if (error !== undefined) return this.reject(cmd, cmd.type, cmd.orderId, error, sink);
    const { orderId, userId, side } = cmd;
    const stp = cmd.selfTradePrevention ?? "NONE";
    switch (cmd.type) {
      case "limit": {
        const { priceTicks, lots } = cmd;
        const postOnly = cmd.postOnly ?? false;
        const order = new Order(orderId, userId, side, priceTicks, lots, 0, 0, postOnly, stp);
        const tif = cmd.timeInForce ?? "GTC";
        const ctx = commandContext(cmd, sink, 0);
        this.sequence = ctx.seq;
        sink.push(acceptedEvent(ctx, order, "LIMIT", tif, 0));
        this.matchTaker(order, "LIMIT", tif, ctx);
        return undefined;
      }
      case "market": {
        let lots = 0;
        let budget = 0;
        switch (cmd.side) {
          case "BUY":
            budget = cmd.quoteBudget;
            break;
          case "SELL":
            lots = cmd.lots;
            break;
          default:
            return assertNever(cmd);
        }
        // Reported as IOC: whatever does not fill at once expires.
        const order = new Order(orderId, userId, side, 0, lots, 0, 0, false, stp);
        const ctx = commandContext(cmd, sink, budget);
        this.sequence = ctx.seq;
        sink.push(acceptedEvent(ctx, order, "MARKET", "IOC", budget));
        this.matchTaker(order, "MARKET", "IOC", ctx);
        return undefined;
      }
      default:
        return assertNever(cmd);
    }
  }

  /**
   * The one path of every taker, new or amended: a fill-or-kill first checks it would fill
   * completely; then it matches, and ends expired if matching stopped early, filled if nothing
   * is left, else as its kind says: a resting limit's remainder rests, any other expires.
   */
  private matchTaker(
    taker: Order,
    orderType: OrderType,
    tif: TimeInForce,
    ctx: CommandContext,
  ): void {
    const limitPriceTicks = takerLimitPrice(taker, orderType);
    if (fillsAllOrNothing(tif) && !this.fillable(taker, limitPriceTicks)) {
      this.expireTaker(taker, "FOK_NOT_FILLABLE", ctx);
      return;
    }
    const stop = this.take(taker, limitPriceTicks, ctx);
    switch (stop) {
      case TakeStop.SELF_TRADE:
      case TakeStop.MAX_MAKERS:
        this.expireTaker(taker, stop, ctx);
        return;
      case TakeStop.NONE:
        break;
      default:
        assertNever(stop);
    }
    if (ctx.byBudget ? ctx.budgetLeft === 0 : taker.remainingLots === 0) {
      ctx.sink.push(filledEvent(ctx, taker));
      return;
    }
    switch (orderType) {
      case "LIMIT":
        if (remainderRests(tif)) {
          this.rest(taker);
          ctx.sink.push(restedEvent(ctx, taker));
        } else {
          this.expireTaker(taker, "IOC_REMAINDER", ctx);
        }
        return;
      case "MARKET": {
        const noLiquidity = this.oppositeOf(taker.side).best() === undefined;
        this.expireTaker(taker, noLiquidity ? "MARKET_NO_LIQUIDITY" : "MARKET_BUDGET", ctx);
        return;
      }
      default:
        assertNever(orderType);
    }
  }

  private sideOf(side: Side): OrderSide {
    switch (side) {
      case "BUY":
        return this.bids;
      case "SELL":
        return this.asks;
      default:
        return assertNever(side);
    }
  }

  /** The side a taker of this side trades against. */
  private oppositeOf(side: Side): OrderSide {
    switch (side) {
      case "BUY":
        return this.asks;
      case "SELL":
        return this.bids;
      default:
        return assertNever(side);
    }
  }

  private rest(order: Order): void {
    const side = this.sideOf(order.side);
    const level = side.getOrCreate(order.priceTicks);
    level.append(order);
    side.markChanged(level);
    this.orders.set(order.id, order);
  }

  private removeResting(order: Order): void {
    const level = order.level as PriceLevel;
    const side = this.sideOf(order.side);
    level.totalLots -= order.remainingLots;
    level.unlink(order);
    side.markChanged(level);
    if (level.count === 0) side.remove(level);
    this.orders.delete(order.id);
  }

  /** Whether a FOK taker would fill completely, honouring its self-trade prevention. */
  private fillable(taker: Order, limitPriceTicks: number): boolean {
    const opposite = this.oppositeOf(taker.side);
    const levels = opposite.levels;
    const stp = taker.selfTradePrevention;
    // With a bound on makers per command, each maker counts, so walk them one by one.
    const bounded = this.maxMakersPerCommand !== Number.POSITIVE_INFINITY;
    const checkSelf = bounded || stp !== "NONE";
    let makers = 0;
    let need = taker.remainingLots;
    for (let i = levels.length - 1; i >= 0; i--) {
      const level = levels[i] as PriceLevel;
      if (!opposite.withinLimit(level.priceTicks, limitPriceTicks)) return false;
      if (!checkSelf) {
        need -= level.totalLots;
        if (need <= 0) return true;
        continue;
      }
      for (let maker = level.head; maker !== null; maker = maker.next) {
        if (++makers > this.maxMakersPerCommand) return false;
        if (maker.userId === taker.userId && stp !== "NONE") {
          switch (stp) {
            case "EXPIRE_MAKER": // the maker would go and the taker go on
              continue;
            case "EXPIRE_TAKER":
            case "EXPIRE_BOTH":
              return false;
            default:
              return assertNever(stp);
          }
        }
        need -= maker.remainingLots;
        if (need <= 0) return true;
      }
    }
    return false;
  }

  /**
   * Matches the taker against the opposite side up to limitPriceTicks, in price-time order.
   * Market buys spend ctx.budgetLeft instead of lots. Says why it stopped early, if it did.
   */
  private take(taker: Order, limitPriceTicks: number, ctx: CommandContext): TakeStop {
    const opposite = this.oppositeOf(taker.side);
    const levels = opposite.levels;
    const takerUser = taker.userId;
    const stp = taker.selfTradePrevention;
    const byBudget = ctx.byBudget;
    const sink = ctx.sink;
    const orders = this.orders;
    const maxMakers = this.maxMakersPerCommand;
    let makers = 0;
    while (levels.length > 0) {
      const level = levels[levels.length - 1] as PriceLevel;
      const price = level.priceTicks;
      if (!opposite.withinLimit(price, limitPriceTicks)) break;
      let want = byBudget ? Math.floor(ctx.budgetLeft / price) : taker.remainingLots;
      if (want === 0) break;
      let maker = level.head;
      while (maker !== null && want > 0) {
        if (makers === maxMakers) {
          opposite.markChanged(level);
          return TakeStop.MAX_MAKERS;
        }
        makers++;
        const next: Order | null = maker.next;
        if (maker.userId === takerUser && stp !== "NONE") {
          switch (stp) {
            case "EXPIRE_TAKER":
              opposite.markChanged(level);
              return TakeStop.SELF_TRADE;
            case "EXPIRE_MAKER":
              this.expireMaker(maker, opposite, ctx);
              break;
            case "EXPIRE_BOTH":
              this.expireMaker(maker, opposite, ctx);
              if (level.count === 0) opposite.remove(level);
              return TakeStop.SELF_TRADE;
            default:
              return assertNever(stp);
          }
          maker = next;
          continue;
        }
        const lots = want < maker.remainingLots ? want : maker.remainingLots;
        const quote = lots * price;
        maker.remainingLots -= lots;
        maker.filledLots += lots;
        maker.filledQuote += quote;
        taker.filledLots += lots;
        taker.filledQuote += quote;
        want -= lots;
        level.totalLots -= lots;
        if (byBudget) ctx.budgetLeft -= quote;
        else taker.remainingLots -= lots;
        sink.push(tradeEvent(ctx, ctx.matchIndex++, maker, taker, price, lots, quote));
        if (maker.remainingLots === 0) {
          level.unlink(maker);
          orders.delete(maker.id);
          sink.push(filledEvent(ctx, maker));
        }
        maker = next;
      }
      opposite.markChanged(level);
      if (level.count === 0) opposite.remove(level);
      else if (!byBudget) break;
    }
    return TakeStop.NONE;
  }

  /** Self-trade prevention expires a maker; its level, even if now empty, stays to the caller. */
  private expireMaker(maker: Order, side: OrderSide, ctx: CommandContext): void {
    const level = maker.level as PriceLevel;
    level.totalLots -= maker.remainingLots;
    level.unlink(maker);
    this.orders.delete(maker.id);
    side.markChanged(level);
    ctx.sink.push(expiredEvent(ctx, maker, "SELF_TRADE", 0));
  }

  private expireTaker(taker: Order, reason: ExpireReason, ctx: CommandContext): void {
    ctx.sink.push(expiredEvent(ctx, taker, reason, ctx.budgetLeft));
  }
}

function topLevels(side: OrderSide, n: number): DepthLevel[] {
  const out: DepthLevel[] = [];
  const levels = side.levels;
  for (let i = levels.length - 1; i >= 0 && out.length < n; i--) {
    const level = levels[i] as PriceLevel;
    out.push({ priceTicks: level.priceTicks, lots: level.totalLots, orders: level.count });
  }
  return out;
}

function drain(side: OrderSide): DepthLevel[] {
  const seen = new Set<number>();
  const out: DepthLevel[] = [];
  for (const touched of side.changed) {
    touched.changed = false;
    if (seen.has(touched.priceTicks)) continue;
    seen.add(touched.priceTicks);
    const level = side.get(touched.priceTicks);
    out.push({
      priceTicks: touched.priceTicks,
      lots: level?.totalLots ?? 0,
      orders: level?.count ?? 0,
    });
  }
  side.changed.length = 0;
  return out;
}

function viewOf(o: Order): RestingOrderView {
  return {
    orderId: o.id,
    userId: o.userId,
    side: o.side,
    priceTicks: o.priceTicks,
    remainingLots: o.remainingLots,
    amountLots: o.filledLots + o.remainingLots,
    filledLots: o.filledLots,
    filledQuote: o.filledQuote,
    postOnly: o.postOnly,
    selfTradePrevention: o.selfTradePrevention,
  };
}
