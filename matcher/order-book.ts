import { ErrorCode, matcherError, SnapshotError, type MatcherError } from "./errors.ts";
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
  Depth,
  DepthLevel,
  LimitOrderCommand,
  MarketOrderCommand,
  OrderBookOptions,
  RestingOrderView,
  SelfTradePrevention,
  Side,
  TimeInForce,
} from "./types.ts";

export const DEFAULT_MAX_PRICE_TICKS = 100_000_000;
export const DEFAULT_MAX_LOTS = 90_000_000;

const STOP_NONE = 0;
const STOP_SELF_TRADE = 1;
const STOP_MAX_MAKERS = 2;

function isPositiveSafeInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function isStp(value: unknown): value is SelfTradePrevention {
  return (
    value === "NONE" ||
    value === "EXPIRE_TAKER" ||
    value === "EXPIRE_MAKER" ||
    value === "EXPIRE_BOTH"
  );
}

/**
 * One market's order book: price-time priority, integer ticks and lots, deterministic.
 * Every command takes the sink its events go to and returns undefined or the rejection.
 */
export class OrderBook {
  readonly maxPriceTicks: number;
  readonly maxLots: number;
  readonly maxMakersPerCommand: number;
  private readonly bids: OrderSide;
  private readonly asks: OrderSide;
  private readonly orders = new Map<string, Order>();
  private sequence = 0;
  private matchIndex = 0;
  private budgetLeft = 0;

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

  get orderCount(): number {
    return this.orders.size;
  }

  bestBid(): number | undefined {
    return this.bids.best()?.priceTicks;
  }

  bestAsk(): number | undefined {
    return this.asks.best()?.priceTicks;
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
          command as Command,
          "unknown",
          "",
          ErrorCode.UNKNOWN_COMMAND,
          "unknown command type",
          sink,
        );
    }
  }

  limit(cmd: LimitOrderCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const tif: TimeInForce = cmd.timeInForce ?? "GTC";
    const stp = cmd.selfTradePrevention ?? "NONE";
    const postOnly = cmd.postOnly ?? false;
    const { orderId, priceTicks, lots } = cmd;
    let code: ErrorCode | 0 = 0;
    let message = "";
    if (!isId(orderId)) {
      code = ErrorCode.INVALID_ORDER_ID;
      message = "orderId must be a non-empty string";
    } else if (!isId(cmd.userId)) {
      code = ErrorCode.INVALID_USER_ID;
      message = "userId must be a non-empty string";
    } else if (cmd.side !== "BUY" && cmd.side !== "SELL") {
      code = ErrorCode.INVALID_SIDE;
      message = "side must be BUY or SELL";
    } else if (tif !== "GTC" && tif !== "IOC" && tif !== "FOK") {
      code = ErrorCode.INVALID_TIME_IN_FORCE;
      message = "timeInForce must be GTC, IOC or FOK";
    } else if (!isStp(stp)) {
      code = ErrorCode.INVALID_SELF_TRADE_PREVENTION;
      message = "selfTradePrevention must be EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH or NONE";
    } else if (postOnly !== true && postOnly !== false) {
      code = ErrorCode.INVALID_POST_ONLY;
      message = "postOnly must be a boolean";
    } else if (postOnly && tif !== "GTC") {
      code = ErrorCode.INVALID_POST_ONLY;
      message = "postOnly requires GTC";
    } else if (!isPositiveSafeInteger(priceTicks) || priceTicks > this.maxPriceTicks) {
      code = ErrorCode.INVALID_PRICE;
      message = `priceTicks must be an integer in 1..${this.maxPriceTicks}`;
    } else if (!isPositiveSafeInteger(lots) || lots > this.maxLots) {
      code = ErrorCode.INVALID_AMOUNT;
      message = `lots must be an integer in 1..${this.maxLots}`;
    } else if (this.orders.has(orderId)) {
      code = ErrorCode.DUPLICATE_ORDER_ID;
      message = "an order with this id is live";
    } else if (postOnly && this.crosses(cmd.side, priceTicks)) {
      code = ErrorCode.POST_ONLY_WOULD_TAKE;
      message = "post-only order would take liquidity";
    }
    if (code !== 0) return this.reject(cmd, "limit", orderId, code, message, sink);

    const { seq, ts, side, userId } = cmd;
    this.sequence = seq;
    this.matchIndex = 0;
    sink.push({
      type: "accepted",
      seq,
      ts,
      orderId,
      userId,
      side,
      orderType: "LIMIT",
      timeInForce: tif,
      priceTicks,
      lots,
      quoteBudget: 0,
      postOnly,
      selfTradePrevention: stp,
    });
    const order = new Order(orderId, userId, side, priceTicks, lots, 0, 0, postOnly, stp);
    if (tif === "FOK" && !this.fillable(order, priceTicks)) {
      this.expireTaker(order, "FOK_NOT_FILLABLE", 0, seq, ts, sink);
      return undefined;
    }
    this.takeAndPlace(order, tif, seq, ts, sink);
    return undefined;
  }

  market(cmd: MarketOrderCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const stp = cmd.selfTradePrevention ?? "NONE";
    const { orderId } = cmd;
    let code: ErrorCode | 0 = 0;
    let message = "";
    if (!isId(orderId)) {
      code = ErrorCode.INVALID_ORDER_ID;
      message = "orderId must be a non-empty string";
    } else if (!isId(cmd.userId)) {
      code = ErrorCode.INVALID_USER_ID;
      message = "userId must be a non-empty string";
    } else if (cmd.side !== "BUY" && cmd.side !== "SELL") {
      code = ErrorCode.INVALID_SIDE;
      message = "side must be BUY or SELL";
    } else if (!isStp(stp)) {
      code = ErrorCode.INVALID_SELF_TRADE_PREVENTION;
      message = "selfTradePrevention must be EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH or NONE";
    } else if (cmd.side === "BUY") {
      if (!isPositiveSafeInteger(cmd.quoteBudget)) {
        code = ErrorCode.INVALID_QUOTE_BUDGET;
        message = "market buy needs quoteBudget, a positive safe integer";
      } else if ((cmd as { lots?: unknown }).lots !== undefined) {
        code = ErrorCode.INVALID_AMOUNT;
        message = "market buy is sized by quoteBudget, not lots";
      }
    } else if (!isPositiveSafeInteger(cmd.lots) || cmd.lots > this.maxLots) {
      code = ErrorCode.INVALID_AMOUNT;
      message = `market sell needs lots, an integer in 1..${this.maxLots}`;
    } else if ((cmd as { quoteBudget?: unknown }).quoteBudget !== undefined) {
      code = ErrorCode.INVALID_QUOTE_BUDGET;
      message = "market sell is sized by lots, not quoteBudget";
    }
    if (code === 0 && this.orders.has(orderId)) {
      code = ErrorCode.DUPLICATE_ORDER_ID;
      message = "an order with this id is live";
    }
    if (code !== 0) return this.reject(cmd, "market", orderId, code, message, sink);

    const { seq, ts, side, userId } = cmd;
    const isBuy = cmd.side === "BUY";
    const budget = isBuy ? cmd.quoteBudget : 0;
    const lots = isBuy ? 0 : cmd.lots;
    this.sequence = seq;
    this.matchIndex = 0;
    sink.push({
      type: "accepted",
      seq,
      ts,
      orderId,
      userId,
      side,
      orderType: "MARKET",
      timeInForce: "IOC",
      priceTicks: 0,
      lots,
      quoteBudget: budget,
      postOnly: false,
      selfTradePrevention: stp,
    });
    const order = new Order(orderId, userId, side, 0, lots, 0, 0, false, stp);
    if (isBuy) {
      this.budgetLeft = budget;
      const stop = this.take(order, Number.MAX_SAFE_INTEGER, true, seq, ts, sink);
      const unspent = this.budgetLeft;
      if (stop === STOP_SELF_TRADE) this.expireTaker(order, "SELF_TRADE", unspent, seq, ts, sink);
      else if (stop === STOP_MAX_MAKERS)
        this.expireTaker(order, "MAX_MAKERS", unspent, seq, ts, sink);
      else if (unspent === 0) this.emitFilled(order, seq, ts, sink);
      else if (this.asks.best() === undefined) {
        this.expireTaker(order, "MARKET_NO_LIQUIDITY", unspent, seq, ts, sink);
      } else this.expireTaker(order, "MARKET_BUDGET", unspent, seq, ts, sink);
    } else {
      const stop = this.take(order, 1, false, seq, ts, sink);
      if (stop === STOP_SELF_TRADE) this.expireTaker(order, "SELF_TRADE", 0, seq, ts, sink);
      else if (stop === STOP_MAX_MAKERS) this.expireTaker(order, "MAX_MAKERS", 0, seq, ts, sink);
      else if (order.remainingLots === 0) this.emitFilled(order, seq, ts, sink);
      else this.expireTaker(order, "MARKET_NO_LIQUIDITY", 0, seq, ts, sink);
    }
    return undefined;
  }

  cancel(cmd: CancelCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const order = typeof cmd.orderId === "string" ? this.orders.get(cmd.orderId) : undefined;
    if (order === undefined) {
      return this.reject(
        cmd,
        "cancel",
        cmd.orderId,
        ErrorCode.ORDER_NOT_FOUND,
        "no live order with this id",
        sink,
      );
    }
    const { seq, ts } = cmd;
    this.sequence = seq;
    const remaining = order.remainingLots;
    this.removeResting(order);
    sink.push({
      type: "cancelled",
      seq,
      ts,
      orderId: order.id,
      userId: order.userId,
      side: order.side,
      filledLots: order.filledLots,
      filledQuote: order.filledQuote,
      priceTicks: order.priceTicks,
      remainingLots: remaining,
    });
    return undefined;
  }

  amend(cmd: AmendCommand, sink: EventSink): MatcherError | undefined {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const order = typeof cmd.orderId === "string" ? this.orders.get(cmd.orderId) : undefined;
    let code: ErrorCode | 0 = 0;
    let message = "";
    const newPrice = cmd.priceTicks ?? order?.priceTicks;
    const newLots = cmd.lots ?? order?.remainingLots;
    if (order === undefined) {
      code = ErrorCode.ORDER_NOT_FOUND;
      message = "no live order with this id";
    } else if (cmd.priceTicks === undefined && cmd.lots === undefined) {
      code = ErrorCode.INVALID_AMEND;
      message = "amend needs priceTicks or lots";
    } else if (!isPositiveSafeInteger(newPrice) || newPrice > this.maxPriceTicks) {
      code = ErrorCode.INVALID_PRICE;
      message = `priceTicks must be an integer in 1..${this.maxPriceTicks}`;
    } else if (!isPositiveSafeInteger(newLots) || newLots > this.maxLots - order.filledLots) {
      code = ErrorCode.INVALID_AMOUNT;
      message = `filled plus remaining lots must be an integer in 1..${this.maxLots}`;
    } else if (
      order.postOnly &&
      newPrice !== order.priceTicks &&
      this.crosses(order.side, newPrice)
    ) {
      code = ErrorCode.POST_ONLY_WOULD_TAKE;
      message = "post-only order would take liquidity";
    }
    if (code !== 0 || order === undefined) {
      return this.reject(cmd, "amend", cmd.orderId, code as ErrorCode, message, sink);
    }
    const price = newPrice as number;
    const lots = newLots as number;
    const { seq, ts } = cmd;
    this.sequence = seq;
    this.matchIndex = 0;
    const oldPrice = order.priceTicks;
    const oldRemaining = order.remainingLots;
    const priorityKept = price === oldPrice && lots <= oldRemaining;
    sink.push({
      type: "amended",
      seq,
      ts,
      orderId: order.id,
      userId: order.userId,
      side: order.side,
      oldPriceTicks: oldPrice,
      priceTicks: price,
      oldRemainingLots: oldRemaining,
      remainingLots: lots,
      amountLots: order.filledLots + lots,
      priorityKept,
    });
    if (priorityKept) {
      const level = order.level as PriceLevel;
      level.totalLots -= oldRemaining - lots;
      order.remainingLots = lots;
      this.sideOf(order.side).markChanged(level);
      return undefined;
    }
    this.removeResting(order);
    order.priceTicks = price;
    order.remainingLots = lots;
    this.takeAndPlace(order, "GTC", seq, ts, sink);
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
    if (book.crosses("BUY", book.bestBid() ?? 0)) {
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
    command: "limit" | "market" | "cancel" | "amend" | "unknown",
    orderId: unknown,
    code: ErrorCode,
    message: string,
    sink: EventSink,
  ): MatcherError {
    const seqError = this.checkSeq(cmd);
    if (seqError !== undefined) return seqError;
    const { seq, ts } = cmd;
    this.sequence = seq;
    sink.push({
      type: "rejected",
      seq,
      ts,
      command,
      orderId: typeof orderId === "string" ? orderId : "",
      code,
      message,
    });
    return matcherError(code, message);
  }

  private sideOf(side: Side): OrderSide {
    return side === "BUY" ? this.bids : this.asks;
  }

  private crosses(side: Side, priceTicks: number): boolean {
    if (side === "BUY") {
      const ask = this.asks.best();
      return ask !== undefined && ask.priceTicks <= priceTicks;
    }
    const bid = this.bids.best();
    return bid !== undefined && bid.priceTicks >= priceTicks;
  }

  private takeAndPlace(
    order: Order,
    tif: TimeInForce,
    seq: number,
    ts: number,
    sink: EventSink,
  ): void {
    const stop = this.take(order, order.priceTicks, false, seq, ts, sink);
    if (stop === STOP_SELF_TRADE) this.expireTaker(order, "SELF_TRADE", 0, seq, ts, sink);
    else if (stop === STOP_MAX_MAKERS) this.expireTaker(order, "MAX_MAKERS", 0, seq, ts, sink);
    else if (order.remainingLots === 0) this.emitFilled(order, seq, ts, sink);
    else if (tif !== "GTC") this.expireTaker(order, "IOC_REMAINDER", 0, seq, ts, sink);
    else {
      this.rest(order);
      sink.push({
        type: "rested",
        seq,
        ts,
        orderId: order.id,
        userId: order.userId,
        side: order.side,
        priceTicks: order.priceTicks,
        remainingLots: order.remainingLots,
        filledLots: order.filledLots,
        filledQuote: order.filledQuote,
      });
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
  private fillable(taker: Order, limitPrice: number): boolean {
    const isBuy = taker.side === "BUY";
    const levels = (isBuy ? this.asks : this.bids).levels;
    // With a bound on makers per command, each maker counts, so walk them one by one.
    const bounded = this.maxMakersPerCommand !== Number.POSITIVE_INFINITY;
    const checkSelf = bounded || taker.selfTradePrevention !== "NONE";
    let makers = 0;
    let need = taker.remainingLots;
    for (let i = levels.length - 1; i >= 0; i--) {
      const level = levels[i] as PriceLevel;
      const price = level.priceTicks;
      if (isBuy ? price > limitPrice : price < limitPrice) return false;
      if (!checkSelf) {
        need -= level.totalLots;
        if (need <= 0) return true;
        continue;
      }
      for (let maker = level.head; maker !== null; maker = maker.next) {
        if (++makers > this.maxMakersPerCommand) return false;
        if (maker.userId === taker.userId && taker.selfTradePrevention !== "NONE") {
          if (taker.selfTradePrevention === "EXPIRE_MAKER") continue;
          return false;
        }
        need -= maker.remainingLots;
        if (need <= 0) return true;
      }
    }
    return false;
  }

  /**
   * Matches the taker against the opposite side up to limitPrice. Market buys spend
   * this.budgetLeft instead of lots. Returns STOP_SELF_TRADE when STP expired the taker.
   */
  private take(
    taker: Order,
    limitPrice: number,
    byBudget: boolean,
    seq: number,
    ts: number,
    sink: EventSink,
  ): number {
    const isBuy = taker.side === "BUY";
    const opposite = isBuy ? this.asks : this.bids;
    const levels = opposite.levels;
    const takerUser = taker.userId;
    const stp = taker.selfTradePrevention;
    const orders = this.orders;
    const maxMakers = this.maxMakersPerCommand;
    let makers = 0;
    while (levels.length > 0) {
      const level = levels[levels.length - 1] as PriceLevel;
      const price = level.priceTicks;
      if (isBuy ? price > limitPrice : price < limitPrice) break;
      let want = byBudget ? Math.floor(this.budgetLeft / price) : taker.remainingLots;
      if (want === 0) break;
      let maker = level.head;
      while (maker !== null && want > 0) {
        if (makers === maxMakers) {
          opposite.markChanged(level);
          return STOP_MAX_MAKERS;
        }
        makers++;
        const next: Order | null = maker.next;
        if (maker.userId === takerUser && stp !== "NONE") {
          if (stp === "EXPIRE_TAKER") {
            opposite.markChanged(level);
            return STOP_SELF_TRADE;
          }
          const makerRemaining = maker.remainingLots;
          level.totalLots -= makerRemaining;
          level.unlink(maker);
          orders.delete(maker.id);
          opposite.markChanged(level);
          sink.push({
            type: "expired",
            seq,
            ts,
            orderId: maker.id,
            userId: maker.userId,
            side: maker.side,
            filledLots: maker.filledLots,
            filledQuote: maker.filledQuote,
            reason: "SELF_TRADE",
            remainingLots: makerRemaining,
            unspentQuote: 0,
          });
          if (stp === "EXPIRE_BOTH") {
            if (level.count === 0) opposite.remove(level);
            return STOP_SELF_TRADE;
          }
          maker = next;
          continue;
        }
        const makerRemaining = maker.remainingLots;
        const lots = want < makerRemaining ? want : makerRemaining;
        const quote = lots * price;
        const left = makerRemaining - lots;
        maker.remainingLots = left;
        maker.filledLots += lots;
        maker.filledQuote += quote;
        taker.filledLots += lots;
        taker.filledQuote += quote;
        want -= lots;
        level.totalLots -= lots;
        if (byBudget) this.budgetLeft -= quote;
        else taker.remainingLots -= lots;
        sink.push({
          type: "trade",
          seq,
          ts,
          matchIndex: this.matchIndex++,
          makerOrderId: maker.id,
          takerOrderId: taker.id,
          makerUserId: maker.userId,
          takerUserId: takerUser,
          takerSide: taker.side,
          priceTicks: price,
          lots,
          quote,
          makerRemainingLots: left,
        });
        if (left === 0) {
          level.unlink(maker);
          orders.delete(maker.id);
          sink.push({
            type: "filled",
            seq,
            ts,
            orderId: maker.id,
            userId: maker.userId,
            side: maker.side,
            filledLots: maker.filledLots,
            filledQuote: maker.filledQuote,
          });
        }
        maker = next;
      }
      opposite.markChanged(level);
      if (level.count === 0) opposite.remove(level);
      else if (!byBudget) break;
    }
    return STOP_NONE;
  }

  private emitFilled(order: Order, seq: number, ts: number, sink: EventSink): void {
    sink.push({
      type: "filled",
      seq,
      ts,
      orderId: order.id,
      userId: order.userId,
      side: order.side,
      filledLots: order.filledLots,
      filledQuote: order.filledQuote,
    });
  }

  private expireTaker(
    order: Order,
    reason: ExpireReason,
    unspentQuote: number,
    seq: number,
    ts: number,
    sink: EventSink,
  ): void {
    sink.push({
      type: "expired",
      seq,
      ts,
      orderId: order.id,
      userId: order.userId,
      side: order.side,
      filledLots: order.filledLots,
      filledQuote: order.filledQuote,
      reason,
      remainingLots: order.remainingLots,
      unspentQuote,
    });
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
