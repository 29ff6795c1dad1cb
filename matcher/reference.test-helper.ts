import { ErrorCode } from "./errors.ts";
import type { ExpireReason, MatcherEvent } from "./events.ts";
import type { Command, SelfTradePrevention, Side } from "./types.ts";

/**
 * A deliberately naive matcher for tests: resting orders in one array, the best maker found by
 * sorting on every step, FOK decided by trial matching on a copy. Slow and obviously correct.
 */
interface RefOrder {
  id: string;
  userId: string;
  side: Side;
  price: number;
  remaining: number;
  filledLots: number;
  filledQuote: number;
  postOnly: boolean;
  stp: SelfTradePrevention;
  arrival: number;
}

export class ReferenceMatcher {
  resting: RefOrder[] = [];
  seq = 0;
  private arrivals = 0;

  constructor(
    private readonly maxPrice = 100_000_000,
    private readonly maxLots = 90_000_000,
  ) {}

  run(cmd: Command): MatcherEvent[] {
    const out: MatcherEvent[] = [];
    if (!Number.isSafeInteger(cmd.seq) || cmd.seq <= this.seq) return out;
    if (!Number.isSafeInteger(cmd.ts) || cmd.ts < 0) return out;
    this.seq = cmd.seq;
    const { seq, ts } = cmd;
    const reject = (command: "limit" | "market" | "cancel" | "amend", id: string, code: number) =>
      out.push({
        type: "rejected",
        seq,
        ts,
        command,
        orderId: id,
        code: code as ErrorCode,
        message: "",
      });
    const live = (id: string) => this.resting.find((o) => o.id === id);
    const okInt = (v: unknown, max: number) =>
      typeof v === "number" && Number.isSafeInteger(v) && v > 0 && v <= max;

    if (cmd.type === "cancel") {
      const o = live(cmd.orderId);
      if (!o) return (reject("cancel", cmd.orderId, ErrorCode.ORDER_NOT_FOUND), out);
      this.resting = this.resting.filter((r) => r !== o);
      out.push({
        type: "cancelled",
        seq,
        ts,
        orderId: o.id,
        userId: o.userId,
        side: o.side,
        filledLots: o.filledLots,
        filledQuote: o.filledQuote,
        priceTicks: o.price,
        remainingLots: o.remaining,
      });
      return out;
    }
    if (cmd.type === "amend") {
      const o = live(cmd.orderId);
      if (!o) return (reject("amend", cmd.orderId, ErrorCode.ORDER_NOT_FOUND), out);
      const price = cmd.priceTicks ?? o.price;
      const lots = cmd.lots ?? o.remaining;
      if (cmd.priceTicks === undefined && cmd.lots === undefined)
        return (reject("amend", o.id, ErrorCode.INVALID_AMEND), out);
      if (!okInt(price, this.maxPrice))
        return (reject("amend", o.id, ErrorCode.INVALID_PRICE), out);
      if (!okInt(lots, this.maxLots - o.filledLots))
        return (reject("amend", o.id, ErrorCode.INVALID_AMOUNT), out);
      if (o.postOnly && price !== o.price && this.crosses(o.side, price))
        return (reject("amend", o.id, ErrorCode.POST_ONLY_WOULD_TAKE), out);
      const kept = price === o.price && lots <= o.remaining;
      out.push({
        type: "amended",
        seq,
        ts,
        orderId: o.id,
        userId: o.userId,
        side: o.side,
        oldPriceTicks: o.price,
        priceTicks: price,
        oldRemainingLots: o.remaining,
        remainingLots: lots,
        amountLots: o.filledLots + lots,
        priorityKept: kept,
      });
      o.remaining = lots;
      if (kept) return out;
      this.resting = this.resting.filter((r) => r !== o);
      o.price = price;
      this.finishLimit(o, "GTC", { seq, ts }, out);
      return out;
    }
    const stp = cmd.selfTradePrevention ?? "NONE";
    if (cmd.type === "limit") {
      const tif = cmd.timeInForce ?? "GTC";
      const postOnly = cmd.postOnly ?? false;
      if (postOnly && tif !== "GTC")
        return (reject("limit", cmd.orderId, ErrorCode.INVALID_POST_ONLY), out);
      if (!okInt(cmd.priceTicks, this.maxPrice))
        return (reject("limit", cmd.orderId, ErrorCode.INVALID_PRICE), out);
      if (!okInt(cmd.lots, this.maxLots))
        return (reject("limit", cmd.orderId, ErrorCode.INVALID_AMOUNT), out);
      if (live(cmd.orderId))
        return (reject("limit", cmd.orderId, ErrorCode.DUPLICATE_ORDER_ID), out);
      if (postOnly && this.crosses(cmd.side, cmd.priceTicks))
        return (reject("limit", cmd.orderId, ErrorCode.POST_ONLY_WOULD_TAKE), out);
      out.push({
        type: "accepted",
        seq,
        ts,
        orderId: cmd.orderId,
        userId: cmd.userId,
        side: cmd.side,
        orderType: "LIMIT",
        timeInForce: tif,
        priceTicks: cmd.priceTicks,
        lots: cmd.lots,
        quoteBudget: 0,
        postOnly,
        selfTradePrevention: stp,
      });
      const o = this.newOrder(
        cmd.orderId,
        cmd.userId,
        cmd.side,
        cmd.priceTicks,
        cmd.lots,
        postOnly,
        stp,
      );
      if (tif === "FOK") {
        const trial = new ReferenceMatcher(this.maxPrice, this.maxLots);
        trial.resting = this.resting.map((r) => ({ ...r }));
        const copy = { ...o };
        const scratch: MatcherEvent[] = [];
        const stopped = trial.take(copy, cmd.priceTicks, null, { seq, ts }, scratch);
        if (stopped || copy.remaining > 0) {
          out.push(this.expired(o, "FOK_NOT_FILLABLE", 0, { seq, ts }));
          return out;
        }
      }
      this.finishLimit(o, tif, { seq, ts }, out);
      return out;
    }
    // market
    const isBuy = cmd.side === "BUY";
    if (isBuy && !okInt(cmd.quoteBudget, Number.MAX_SAFE_INTEGER))
      return (reject("market", cmd.orderId, ErrorCode.INVALID_QUOTE_BUDGET), out);
    if (!isBuy && !okInt(cmd.lots, this.maxLots))
      return (reject("market", cmd.orderId, ErrorCode.INVALID_AMOUNT), out);
    if (live(cmd.orderId))
      return (reject("market", cmd.orderId, ErrorCode.DUPLICATE_ORDER_ID), out);
    const budget = isBuy ? cmd.quoteBudget : 0;
    const lots = isBuy ? 0 : cmd.lots;
    out.push({
      type: "accepted",
      seq,
      ts,
      orderId: cmd.orderId,
      userId: cmd.userId,
      side: cmd.side,
      orderType: "MARKET",
      timeInForce: "IOC",
      priceTicks: 0,
      lots,
      quoteBudget: budget,
      postOnly: false,
      selfTradePrevention: stp,
    });
    const o = this.newOrder(cmd.orderId, cmd.userId, cmd.side, 0, lots, false, stp);
    const wallet = { budget };
    const stopped = this.take(o, isBuy ? Infinity : 0, isBuy ? wallet : null, { seq, ts }, out);
    const unspent = wallet.budget;
    if (stopped) out.push(this.expired(o, "SELF_TRADE", unspent, { seq, ts }));
    else if (isBuy ? unspent === 0 : o.remaining === 0) out.push(this.filled(o, { seq, ts }));
    else if (this.bestMaker(isBuy ? "SELL" : "BUY") === undefined)
      out.push(this.expired(o, "MARKET_NO_LIQUIDITY", unspent, { seq, ts }));
    else out.push(this.expired(o, "MARKET_BUDGET", unspent, { seq, ts }));
    return out;
  }

  private newOrder(
    id: string,
    userId: string,
    side: Side,
    price: number,
    lots: number,
    postOnly: boolean,
    stp: SelfTradePrevention,
  ): RefOrder {
    return {
      id,
      userId,
      side,
      price,
      remaining: lots,
      filledLots: 0,
      filledQuote: 0,
      postOnly,
      stp,
      arrival: 0,
    };
  }

  private finishLimit(
    o: RefOrder,
    tif: string,
    at: { seq: number; ts: number },
    out: MatcherEvent[],
  ) {
    const stopped = this.take(o, o.price, null, at, out);
    if (stopped) out.push(this.expired(o, "SELF_TRADE", 0, at));
    else if (o.remaining === 0) out.push(this.filled(o, at));
    else if (tif !== "GTC") out.push(this.expired(o, "IOC_REMAINDER", 0, at));
    else {
      o.arrival = ++this.arrivals;
      this.resting.push(o);
      out.push({
        type: "rested",
        ...at,
        orderId: o.id,
        userId: o.userId,
        side: o.side,
        priceTicks: o.price,
        remainingLots: o.remaining,
        filledLots: o.filledLots,
        filledQuote: o.filledQuote,
      });
    }
  }

  crosses(side: Side, price: number): boolean {
    const best = this.bestMaker(side === "BUY" ? "SELL" : "BUY");
    return best !== undefined && (side === "BUY" ? best.price <= price : best.price >= price);
  }

  bestMaker(side: Side): RefOrder | undefined {
    const candidates = this.resting.filter((o) => o.side === side);
    candidates.sort((a, b) =>
      a.price !== b.price
        ? side === "SELL"
          ? a.price - b.price
          : b.price - a.price
        : a.arrival - b.arrival,
    );
    return candidates[0];
  }

  /** Returns true when self-trade prevention expired the taker. */
  private take(
    taker: RefOrder,
    limit: number,
    wallet: { budget: number } | null,
    at: { seq: number; ts: number },
    out: MatcherEvent[],
  ): boolean {
    const makerSide: Side = taker.side === "BUY" ? "SELL" : "BUY";
    let matchIndex = out.filter((e) => e.type === "trade" && e.seq === at.seq).length;
    for (;;) {
      const m = this.bestMaker(makerSide);
      if (!m) return false;
      if (taker.side === "BUY" ? m.price > limit : m.price < limit) return false;
      const want = wallet ? Math.floor(wallet.budget / m.price) : taker.remaining;
      if (want === 0) return false;
      if (m.userId === taker.userId && taker.stp !== "NONE") {
        if (taker.stp === "EXPIRE_TAKER") return true;
        this.resting = this.resting.filter((r) => r !== m);
        out.push(this.expired(m, "SELF_TRADE", 0, at));
        if (taker.stp === "EXPIRE_BOTH") return true;
        continue;
      }
      const lots = Math.min(want, m.remaining);
      const quote = lots * m.price;
      m.remaining -= lots;
      m.filledLots += lots;
      m.filledQuote += quote;
      taker.filledLots += lots;
      taker.filledQuote += quote;
      if (wallet) wallet.budget -= quote;
      else taker.remaining -= lots;
      out.push({
        type: "trade",
        ...at,
        matchIndex: matchIndex++,
        makerOrderId: m.id,
        takerOrderId: taker.id,
        makerUserId: m.userId,
        takerUserId: taker.userId,
        takerSide: taker.side,
        priceTicks: m.price,
        lots,
        quote,
        makerRemainingLots: m.remaining,
      });
      if (m.remaining === 0) {
        this.resting = this.resting.filter((r) => r !== m);
        out.push(this.filled(m, at));
      }
    }
  }

  private filled(o: RefOrder, at: { seq: number; ts: number }): MatcherEvent {
    return {
      type: "filled",
      ...at,
      orderId: o.id,
      userId: o.userId,
      side: o.side,
      filledLots: o.filledLots,
      filledQuote: o.filledQuote,
    };
  }

  private expired(
    o: RefOrder,
    reason: ExpireReason,
    unspentQuote: number,
    at: { seq: number; ts: number },
  ): MatcherEvent {
    return {
      type: "expired",
      ...at,
      orderId: o.id,
      userId: o.userId,
      side: o.side,
      filledLots: o.filledLots,
      filledQuote: o.filledQuote,
      reason,
      remainingLots: o.remaining,
      unspentQuote,
    };
  }
}
