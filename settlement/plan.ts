import type { OrderSide, OrderStatus, OrderType } from "../domain/order-kinds.ts";
import { assertNever } from "../kernel/assert-never.ts";
import type { MatcherEvent, TradeEvent } from "../matcher/index.ts";
import { formatDecimal, multiplyExact } from "../money/decimal.ts";
import { isPlacement, type Admission } from "./admission.ts";
import { SettlementError } from "./errors.ts";
import { tradeFees, type FeeRates, type FeeTerms } from "./fees.ts";

// Every amount below is money units: bigint at money/decimal.ts SCALE (18 decimal places).

/** A market as settlement sees it; `MarketSpec` (services/market-spec.ts) plus decimals fits. */
export interface SettlementMarket extends FeeTerms {
  symbol: string;
  base: string;
  quote: string;
  /** Price of one tick: a trade's price is `priceTicks × tickSize`. */
  tickSize: bigint;
  /** Amount of one lot: a trade's amount is `lots × lotSize`. */
  lotSize: bigint;
  /** tickSize × lotSize: a trade's quote is `quote × quoteUnit`. */
  quoteUnit: bigint;
}

export interface SettlementTerms {
  /** By symbol; every market of the batches and of the orders must be here. */
  markets: ReadonlyMap<string, SettlementMarket>;
  /** The user every fee is paid to (`fees@eventhub.internal`). */
  feeAccountId: string;
  /**
   * By user: the rates of the user's fee tier, for the users of the batches whose tier is above
   * 0; anyone else pays the market's rates. Each side pays the lower of its tier's and the
   * market's rate (`fees.ts` ratesFor).
   */
  tierRates: ReadonlyMap<string, FeeRates>;
}

/** An order as stored before the batches (the `orders` row). */
export interface SettlementOrder {
  id: string;
  userId: string;
  market: string;
  side: OrderSide;
  type: OrderType;
  /** The order's own limit price; null for MARKET orders. */
  price: bigint | null;
  filledAmount: bigint;
  filledQuoteAmount: bigint;
  /** What the order still holds in its wallet's locked balance: quote if BUY, base if SELL. */
  lockedRemaining: bigint;
  status: OrderStatus;
  /** Market sequence of the last event applied to the order; 0 when none. */
  lastSequence: number;
}

/** An order after the batches, for each order an event touched. */
export type OrderUpdate = Pick<
  SettlementOrder,
  | "id"
  | "userId"
  | "status"
  | "filledAmount"
  | "filledQuoteAmount"
  | "lockedRemaining"
  | "lastSequence"
>;

export type MoveReason = "TRADE" | "FEE" | "ORDER_UNLOCK" | "FEE_INCOME";

/** One ledger row to be: signed changes of one wallet, never both zero. */
export interface BalanceMove {
  userId: string;
  asset: string;
  availableDelta: bigint;
  lockedDelta: bigint;
  reason: MoveReason;
  /** `trade:<market>:<seq>:<matchIndex>`, `order:<id>` or `fees:<market>:<from>-<to>`. */
  reference: string;
}

export interface PlannedTrade {
  market: string;
  sequence: number;
  matchIndex: number;
  /** Always the maker's price. */
  price: bigint;
  amount: bigint;
  /** price × amount, exact. */
  quoteAmount: bigint;
  takerSide: OrderSide;
  makerOrderId: string;
  takerOrderId: string;
  buyerId: string;
  sellerId: string;
  /** In base. */
  buyerFee: bigint;
  /** In quote. */
  sellerFee: bigint;
  /** The command's timestamp from the event (ms since the epoch), never a clock read. */
  executedAtMs: number;
}

/** What the fee account receives from one market in one asset: one FEE_INCOME row. */
export interface FeeIncome {
  market: string;
  asset: string;
  amount: bigint;
  /** `fees:<market>:<first applied seq>-<last applied seq>`. */
  reference: string;
}

export interface SettlementPlan {
  orderUpdates: OrderUpdate[];
  /** In the order they are to be posted (so the ledger's order); fee income last. */
  balanceMoves: BalanceMove[];
  trades: PlannedTrade[];
  /** Per market and asset, positive amounts only; already included in balanceMoves. */
  feeIncome: FeeIncome[];
  /** Market → its new last applied sequence, for the markets whose offset moves. */
  offsets: Map<string, number>;
}

/** An order while the batches are applied to it. */
interface OrderState {
  order: SettlementOrder;
  filled: bigint;
  filledQuote: bigint;
  locked: bigint;
  status: OrderStatus;
  lastSequence: number;
  changed: boolean;
}

interface Work {
  terms: SettlementTerms;
  orders: Map<string, OrderState>;
  moves: BalanceMove[];
  trades: PlannedTrade[];
  /** Market → asset → fees of the batches: one FEE_INCOME row each, not one per trade. */
  fees: Map<string, Map<string, bigint>>;
}

/**
 * What applying the admitted events does, computed from its inputs alone (no I/O, no clock).
 * `orders` must hold every order of `orderIdsOf(admission)` that exists, as stored before.
 * The rules (docs/ORDERS.md §4 "Settlement"; the price is always the maker's):
 *
 * - trade, per side: the buyer's locked quote − consumed and available quote + (consumed −
 *   quote), where consumed is the buyer's own LIMIT price × amount (the difference is the price
 *   improvement refund) or the quote paid by a MARKET buy; available base + amount − fee. The
 *   seller's locked base − amount; available quote + quote − fee. Fees: `fees.ts`, each side at
 *   the lower of the market's rate and its user's fee tier's (`terms.tierRates`). Both orders'
 *   filled amounts grow; a PENDING or OPEN one becomes PARTIALLY_FILLED.
 * - filled / cancelled / expired / a rejected place: the order's remaining lock goes back to
 *   available (ORDER_UNLOCK) and it becomes FILLED / CANCELLED / EXPIRED / REJECTED.
 * - accepted: PENDING becomes OPEN; rested: OPEN, or PARTIALLY_FILLED once anything filled.
 * - amended, a rejected cancel or amend, any event of an order not given except a trade: nothing.
 * - the fee account receives each market's fees as one row per asset (FEE_INCOME).
 *
 * Throws `SettlementError`: UNKNOWN_ORDER (a trade names an order not given), UNKNOWN_MARKET,
 * LIMIT_WITHOUT_PRICE, ORDER_LOCK_NEGATIVE; and money/decimal.ts `DecimalError` if a LIMIT
 * price × amount needs more than 18 decimals. Wallet balances are not inputs: `postMoves`
 * refuses a move that would take one below zero.
 */
export function plan(
  admission: Pick<Admission, "pending" | "advances">,
  orders: ReadonlyMap<string, SettlementOrder>,
  terms: SettlementTerms,
): SettlementPlan {
  const work: Work = { terms, orders: new Map(), moves: [], trades: [], fees: new Map() };
  for (const [id, order] of orders) work.orders.set(id, stateOf(order));
  for (const { market, events } of admission.pending) {
    for (const event of events) applyEvent(work, market, event);
  }
  const feeIncome = feeIncomeOf(work.fees, admission.advances);
  for (const { asset, amount, reference } of feeIncome) {
    move(work, terms.feeAccountId, asset, amount, 0n, "FEE_INCOME", reference);
  }
  return {
    orderUpdates: orderUpdatesOf(work.orders),
    balanceMoves: work.moves,
    trades: work.trades,
    feeIncome,
    offsets: new Map([...admission.advances].map(([market, { to }]) => [market, to])),
  };
}

function applyEvent(work: Work, market: string, event: MatcherEvent): void {
  switch (event.type) {
    case "trade":
      return settleTrade(work, marketOf(work.terms, market), event);
    case "accepted":
      return updateOrder(work, event, (o) => {
        if (o.status === "PENDING") o.status = "OPEN";
      });
    case "rested":
      return updateOrder(work, event, (o) => {
        o.status = o.filled > 0n ? "PARTIALLY_FILLED" : "OPEN";
      });
    case "filled":
      return finishOrder(work, event, "FILLED");
    case "cancelled":
      return finishOrder(work, event, "CANCELLED");
    case "expired":
      return finishOrder(work, event, "EXPIRED");
    case "rejected":
      return isPlacement(event.command) ? finishOrder(work, event, "REJECTED") : undefined;
    case "amended":
      return; // the API offers no amend; the matcher's amend keeps the lock as it is
    default:
      return assertNever(event);
  }
}

function settleTrade(work: Work, market: SettlementMarket, e: TradeEvent): void {
  const maker = work.orders.get(e.makerOrderId);
  const taker = work.orders.get(e.takerOrderId);
  if (!maker || !taker) {
    throw new SettlementError(
      "UNKNOWN_ORDER",
      `trade ${market.symbol}:${e.seq} names an unknown order`,
    );
  }
  const { buyer, seller } = sidesOf(e.takerSide, maker, taker);
  const price = BigInt(e.priceTicks) * market.tickSize;
  const amount = BigInt(e.lots) * market.lotSize;
  const quote = BigInt(e.quote) * market.quoteUnit;
  const [buyerId, sellerId] = [buyer.order.userId, seller.order.userId];
  const { buyerFee, sellerFee } = tradeFees(market, e.takerSide, amount, quote, {
    buyer: work.terms.tierRates.get(buyerId),
    seller: work.terms.tierRates.get(sellerId),
  });
  const consumed = quoteConsumed(buyer.order, amount, quote);
  const ref = `trade:${market.symbol}:${e.seq}:${e.matchIndex}`;

  move(work, buyerId, market.quote, consumed - quote, -consumed, "TRADE", ref);
  move(work, buyerId, market.base, amount, 0n, "TRADE", ref);
  move(work, buyerId, market.base, -buyerFee, 0n, "FEE", ref);
  move(work, sellerId, market.base, 0n, -amount, "TRADE", ref);
  move(work, sellerId, market.quote, quote, 0n, "TRADE", ref);
  move(work, sellerId, market.quote, -sellerFee, 0n, "FEE", ref);
  collectFee(work, market.symbol, market.base, buyerFee);
  collectFee(work, market.symbol, market.quote, sellerFee);
  fill(buyer, { amount, quote, unlocked: consumed, seq: e.seq });
  fill(seller, { amount, quote, unlocked: amount, seq: e.seq });

  work.trades.push({
    market: market.symbol,
    sequence: e.seq,
    matchIndex: e.matchIndex,
    price,
    amount,
    quoteAmount: quote,
    takerSide: e.takerSide,
    makerOrderId: e.makerOrderId,
    takerOrderId: e.takerOrderId,
    buyerId,
    sellerId,
    buyerFee,
    sellerFee,
    executedAtMs: e.ts,
  });
}

function sidesOf(takerSide: OrderSide, maker: OrderState, taker: OrderState) {
  switch (takerSide) {
    case "BUY":
      return { buyer: taker, seller: maker };
    case "SELL":
      return { buyer: maker, seller: taker };
    default:
      return assertNever(takerSide);
  }
}

/**
 * What the buyer's lock gives up for `amount`: a LIMIT buy locked its own price × amount, so
 * paying the maker's lower price leaves the difference to refund; a MARKET buy locked its quote
 * budget and gives up exactly what it paid (the unspent rest is released when it expires).
 */
function quoteConsumed(buyer: SettlementOrder, amount: bigint, quote: bigint): bigint {
  switch (buyer.type) {
    case "LIMIT":
      if (buyer.price === null) {
        throw new SettlementError("LIMIT_WITHOUT_PRICE", `LIMIT order ${buyer.id} has no price`);
      }
      return multiplyExact(buyer.price, amount);
    case "MARKET":
      return quote;
    default:
      return assertNever(buyer.type);
  }
}

function fill(
  state: OrderState,
  trade: { amount: bigint; quote: bigint; unlocked: bigint; seq: number },
): void {
  state.filled += trade.amount;
  state.filledQuote += trade.quote;
  state.locked -= trade.unlocked;
  state.status = statusAfterTrade(state.status);
  touch(state, trade.seq);
}

function statusAfterTrade(status: OrderStatus): OrderStatus {
  switch (status) {
    case "PENDING":
    case "OPEN":
      return "PARTIALLY_FILLED";
    case "PARTIALLY_FILLED":
    case "FILLED":
    case "CANCELLED":
    case "REJECTED":
    case "EXPIRED":
      return status;
    default:
      return assertNever(status);
  }
}

/** Sets the status of a finished order and releases what it still holds. */
function finishOrder(
  work: Work,
  event: { orderId: string; seq: number },
  status: OrderStatus,
): void {
  const state = work.orders.get(event.orderId);
  if (!state) return; // a place the API never stored: nothing of ours is locked
  const { order } = state;
  const asset = lockedAsset(marketOf(work.terms, order.market), order.side);
  move(work, order.userId, asset, state.locked, -state.locked, "ORDER_UNLOCK", `order:${order.id}`);
  state.locked = 0n;
  state.status = status;
  touch(state, event.seq);
}

function updateOrder(
  work: Work,
  event: { orderId: string; seq: number },
  update: (state: OrderState) => void,
): void {
  const state = work.orders.get(event.orderId);
  if (!state) return;
  update(state);
  touch(state, event.seq);
}

/** BUY orders lock quote (price × amount, or the budget); SELL orders lock base (the amount). */
function lockedAsset(market: SettlementMarket, side: OrderSide): string {
  switch (side) {
    case "BUY":
      return market.quote;
    case "SELL":
      return market.base;
    default:
      return assertNever(side);
  }
}

function move(
  work: Work,
  userId: string,
  asset: string,
  availableDelta: bigint,
  lockedDelta: bigint,
  reason: MoveReason,
  reference: string,
): void {
  if (availableDelta === 0n && lockedDelta === 0n) return;
  work.moves.push({ userId, asset, availableDelta, lockedDelta, reason, reference });
}

function collectFee(work: Work, market: string, asset: string, fee: bigint): void {
  const byAsset = work.fees.get(market) ?? new Map<string, bigint>();
  byAsset.set(asset, (byAsset.get(asset) ?? 0n) + fee);
  work.fees.set(market, byAsset);
}

function feeIncomeOf(
  fees: Map<string, Map<string, bigint>>,
  advances: ReadonlyMap<string, { from: number; to: number }>,
): FeeIncome[] {
  const income: FeeIncome[] = [];
  for (const [market, byAsset] of fees) {
    const advance = advances.get(market);
    if (!advance) throw new Error(`fees of ${market} without an offset advance`); // unreachable
    const reference = `fees:${market}:${advance.from + 1}-${advance.to}`;
    for (const [asset, amount] of byAsset) {
      if (amount !== 0n) income.push({ market, asset, amount, reference });
    }
  }
  return income;
}

function orderUpdatesOf(orders: Map<string, OrderState>): OrderUpdate[] {
  const updates: OrderUpdate[] = [];
  for (const state of orders.values()) {
    if (!state.changed) continue;
    if (state.locked < 0n) {
      throw new SettlementError(
        "ORDER_LOCK_NEGATIVE",
        `order ${state.order.id} would hold ${formatDecimal(state.locked)}: refusing`,
      );
    }
    updates.push({
      id: state.order.id,
      userId: state.order.userId,
      status: state.status,
      filledAmount: state.filled,
      filledQuoteAmount: state.filledQuote,
      lockedRemaining: state.locked,
      lastSequence: state.lastSequence,
    });
  }
  return updates;
}

function stateOf(order: SettlementOrder): OrderState {
  return {
    order,
    filled: order.filledAmount,
    filledQuote: order.filledQuoteAmount,
    locked: order.lockedRemaining,
    status: order.status,
    lastSequence: order.lastSequence,
    changed: false,
  };
}

function touch(state: OrderState, seq: number): void {
  state.changed = true;
  state.lastSequence = Math.max(state.lastSequence, seq);
}

function marketOf(terms: SettlementTerms, symbol: string): SettlementMarket {
  const market = terms.markets.get(symbol);
  if (!market) throw new SettlementError("UNKNOWN_MARKET", `no settlement terms for ${symbol}`);
  return market;
}
