import type { PlaceOrderMessage } from "../bus/subjects.ts";
import {
  isFinished,
  type OrderSide,
  type OrderStatus,
  type OrderType,
  type SelfTradePrevention,
  type TimeInForce,
} from "../domain/order-kinds.ts";
import { assertNever } from "../kernel/assert-never.ts";
import {
  DomainError,
  ErrorCode,
  badInput,
  marketCancelOnly,
  marketHalted,
} from "../kernel/errors.ts";
import { remainderRests } from "../matcher/closed-sets.ts";
import { ONE, formatDecimal, max, min, multiplyExact } from "../money/decimal.ts";
import { parseAmount } from "./decimal-input.ts";
import type { MarketSpec } from "./market-spec.ts";

/*
 * The rules an order must pass before anything is locked, pure: a market's filters applied
 * exactly (nothing is rounded), and what the order locks and tells the matcher.
 */

/**
 * An order as the caller asks for it; GraphQL's PlaceOrderInput must fit it, so the compiler
 * says when the two drift apart.
 */
export interface PlaceOrderRequest {
  market: string;
  side: OrderSide;
  type: OrderType;
  timeInForce?: TimeInForce | null;
  price?: string | null;
  amount?: string | null;
  quoteAmount?: string | null;
  postOnly?: boolean | null;
  selfTradePrevention?: SelfTradePrevention | null;
  clientOrderId?: string | null;
}

/** Checked and converted order: what to lock and what the matcher will be told. */
export interface ValidOrder {
  spec: MarketSpec;
  lockAsset: string;
  lockAmount: bigint;
  command: Omit<PlaceOrderMessage, "orderId">;
  price: bigint | null;
  amount: bigint | null;
  quoteAmount: bigint | null;
}

const CLIENT_ORDER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;

/** The caller's clientOrderId, or null when none was given; BAD_USER_INPUT if malformed. */
export function validClientOrderId(clientOrderId: string | null | undefined): string | null {
  if (clientOrderId == null) return null;
  if (!CLIENT_ORDER_ID.test(clientOrderId)) {
    throw badInput("clientOrderId must be 1–64 characters of A–Z a–z 0–9 _ . : -", "clientOrderId");
  }
  return clientOrderId;
}

/** The market's filters, applied exactly; nothing is rounded. BAD_USER_INPUT names the field. */
export function validateOrder(spec: MarketSpec, input: PlaceOrderRequest): ValidOrder {
  requireTrading(spec);
  switch (input.type) {
    case "LIMIT":
      return validLimitOrder(spec, input);
    case "MARKET":
      return validMarketOrder(spec, input);
    default:
      return assertNever(input.type);
  }
}

/** ORDER_NOT_OPEN when the order has finished: there is nothing left to cancel. */
export function requireCancellable(order: { status: OrderStatus }): void {
  if (isFinished(order.status)) {
    throw new DomainError(
      ErrorCode.ORDER_NOT_OPEN,
      `The order is ${order.status} and cannot be cancelled`,
      { status: order.status },
    );
  }
}

/** MARKET_HALTED or MARKET_CANCEL_ONLY unless the market is TRADING (the matcher checks too). */
function requireTrading(spec: MarketSpec): void {
  switch (spec.status) {
    case "TRADING":
      return;
    case "CANCEL_ONLY":
      throw marketCancelOnly(spec.symbol);
    case "HALTED":
      throw marketHalted(spec.symbol);
    default:
      return assertNever(spec.status);
  }
}

/** What every place command carries; userId is filled in by the placement. */
function commandBase<T extends OrderType>(input: PlaceOrderRequest, type: T) {
  return {
    userId: "",
    side: input.side,
    type,
    postOnly: input.postOnly ?? false,
    selfTradePrevention: input.selfTradePrevention ?? "EXPIRE_TAKER",
  };
}

function validLimitOrder(spec: MarketSpec, input: PlaceOrderRequest): ValidOrder {
  const base = commandBase(input, "LIMIT");
  if (input.price == null) throw badInput("a LIMIT order needs a price", "price");
  if (input.amount == null) throw badInput("a LIMIT order needs an amount", "amount");
  if (input.quoteAmount != null) {
    throw badInput("quoteAmount is for MARKET BUY orders only", "quoteAmount");
  }
  const timeInForce = input.timeInForce ?? "GTC";
  // postOnly only adds liquidity, so the order must be one whose remainder rests on the book.
  if (base.postOnly && !remainderRests(timeInForce)) {
    throw badInput("postOnly needs timeInForce GTC", "postOnly");
  }
  const price = positive(input.price, "price");
  const amount = positive(input.amount, "amount");
  const priceTicks = steps(price, spec.tickSize, spec.maxPriceTicks, "price", "tickSize");
  const lots = steps(amount, spec.lotSize, spec.maxLots, "amount", "lotSize");
  const notional = multiplyExact(price, amount);
  if (notional < spec.minNotional) {
    throw badInput(
      `price × amount ${formatDecimal(notional)} is below the market's minNotional ${formatDecimal(spec.minNotional)}`,
      "amount",
    );
  }
  return {
    spec,
    ...limitLock(spec, input.side, notional, amount),
    command: { ...base, kind: "place", timeInForce, priceTicks, lots },
    price,
    amount,
    quoteAmount: null,
  };
}

/** A LIMIT BUY locks the quote it may spend (price × amount), a LIMIT SELL the base it sells. */
function limitLock(spec: MarketSpec, side: OrderSide, notional: bigint, amount: bigint) {
  switch (side) {
    case "BUY":
      return { lockAsset: spec.quote, lockAmount: notional };
    case "SELL":
      return { lockAsset: spec.base, lockAmount: amount };
    default:
      return assertNever(side);
  }
}

function validMarketOrder(spec: MarketSpec, input: PlaceOrderRequest): ValidOrder {
  if (input.price != null) throw badInput("a MARKET order takes no price", "price");
  requireImmediate(input.timeInForce ?? "IOC");
  if (input.postOnly ?? false) throw badInput("a MARKET order cannot be postOnly", "postOnly");
  switch (input.side) {
    case "BUY":
      return validMarketBuy(spec, input);
    case "SELL":
      return validMarketSell(spec, input);
    default:
      return assertNever(input.side);
  }
}

/** A MARKET order takes what the book offers now and expires the rest. */
function requireImmediate(timeInForce: TimeInForce): void {
  switch (timeInForce) {
    case "IOC":
      return;
    case "GTC":
    case "FOK":
      throw badInput("MARKET orders are IOC", "timeInForce");
    default:
      return assertNever(timeInForce);
  }
}

/** Sized by the quote it may spend, which it locks. */
function validMarketBuy(spec: MarketSpec, input: PlaceOrderRequest): ValidOrder {
  if (input.amount != null) {
    throw badInput("a MARKET BUY is sized by quoteAmount, not amount", "amount");
  }
  if (input.quoteAmount == null) throw badInput("a MARKET BUY needs a quoteAmount", "quoteAmount");
  const quoteAmount = positive(input.quoteAmount, "quoteAmount");
  const quoteBudget = steps(
    quoteAmount,
    spec.quoteUnit,
    Number.MAX_SAFE_INTEGER,
    "quoteAmount",
    "tickSize × lotSize",
  );
  if (quoteAmount < spec.minNotional) {
    throw badInput(
      `quoteAmount is below the market's minNotional ${formatDecimal(spec.minNotional)}`,
      "quoteAmount",
    );
  }
  return {
    spec,
    lockAsset: spec.quote,
    lockAmount: quoteAmount,
    command: { ...commandBase(input, "MARKET"), kind: "place", timeInForce: "IOC", quoteBudget },
    price: null,
    amount: null,
    quoteAmount,
  };
}

/** Sized by the base it sells, which it locks. */
function validMarketSell(spec: MarketSpec, input: PlaceOrderRequest): ValidOrder {
  if (input.quoteAmount != null) throw badInput("a MARKET SELL is sized by amount", "quoteAmount");
  if (input.amount == null) throw badInput("a MARKET SELL needs an amount", "amount");
  const amount = positive(input.amount, "amount");
  const lots = steps(amount, spec.lotSize, spec.maxLots, "amount", "lotSize");
  return {
    spec,
    lockAsset: spec.base,
    lockAmount: amount,
    command: { ...commandBase(input, "MARKET"), kind: "place", timeInForce: "IOC", lots },
    price: null,
    amount,
    quoteAmount: null,
  };
}

function positive(text: string, field: string): bigint {
  const value = parseAmount(text, 18, field);
  if (value <= 0n) throw badInput(`${field} must be positive`, field);
  return value;
}

/** How many steps `value` is; BAD_USER_INPUT when it is not a whole number of them or over max. */
function steps(value: bigint, step: bigint, max: number, field: string, stepName: string): number {
  if (value % step !== 0n) {
    throw badInput(
      `${field} ${formatDecimal(value)} is not a multiple of ${stepName} ${formatDecimal(step)}`,
      field,
    );
  }
  const count = value / step;
  if (count > BigInt(max)) throw badInput(`${field} is larger than this market accepts`, field);
  return Number(count);
}

/*
 * Filters measured against the market's reference price (docs/ORDERS.md §1 "Reference price").
 * Binance's rules with avgPriceMins = 0: the last trade's price. A market that never traded (or
 * whose tape the cache no longer holds) is measured against its book instead: the best price on
 * the side the order would trade against. The service reads the prices (Redis only); these
 * functions are pure.
 */

/** Where a reference price was read. */
export type ReferenceSource = "LAST_TRADE" | "BEST_BID" | "BEST_ASK";

export interface ReferencePrice {
  price: bigint;
  source: ReferenceSource;
}

/** What a market shows now: its last trade and its best bid and ask; null where there is none. */
export interface MarketPrices {
  lastPrice: bigint | null;
  bestBid: bigint | null;
  bestAsk: bigint | null;
}

/**
 * The reference price of an order on `side`: the last trade's price; without one, the best bid
 * for a SELL (what it would sell into) or the best ask for a BUY; null when there is neither.
 */
export function referencePrice(side: OrderSide, prices: MarketPrices): ReferencePrice | null {
  if (prices.lastPrice !== null) return { price: prices.lastPrice, source: "LAST_TRADE" };
  switch (side) {
    case "SELL":
      return prices.bestBid === null ? null : { price: prices.bestBid, source: "BEST_BID" };
    case "BUY":
      return prices.bestAsk === null ? null : { price: prices.bestAsk, source: "BEST_ASK" };
    default:
      return assertNever(side);
  }
}

/**
 * Whether `checkReferenceFilters` needs a reference price for this order: a LIMIT order on a
 * market with a price band, and every MARKET SELL (its notional is amount × reference). A MARKET
 * BUY is sized in quote, so its minNotional needs no price.
 */
export function needsReference(order: ValidOrder): boolean {
  switch (order.command.type) {
    case "LIMIT":
      return order.spec.priceBandPercent !== null;
    case "MARKET":
      return order.command.side === "SELL";
    default:
      return assertNever(order.command.type);
  }
}

/**
 * The filters that need the reference price, exactly (integers, never floats):
 *
 * - percent-price band (LIMIT, every time in force, post-only too): with `priceBandPercent` p
 *   and reference r, the price must lie in [r × (1 − p/100), r × (1 + p/100)], bounds included;
 *   PRICE_OUT_OF_BAND otherwise, with the reference and the allowed prices on the tick grid. No
 *   band, or no reference: no check.
 * - minNotional of a MARKET SELL: amount × r ≥ minNotional (BAD_USER_INPUT on `amount`). No
 *   reference (never traded, no bid): NO_REFERENCE_PRICE — nothing could fill it anyway.
 * - MARKET BUY: nothing here (`quoteAmount ≥ minNotional` is checked by validateOrder).
 */
export function checkReferenceFilters(order: ValidOrder, reference: ReferencePrice | null): void {
  switch (order.command.type) {
    case "LIMIT":
      if (reference !== null && order.price !== null) checkBand(order, order.price, reference);
      return;
    case "MARKET":
      if (order.command.side === "SELL" && order.amount !== null) {
        checkMarketSellNotional(order.spec, order.amount, reference);
      }
      return;
    default:
      return assertNever(order.command.type);
  }
}

/** The prices on the tick grid a band of `percent` around `reference` allows, bounds included. */
export function bandLimits(
  spec: Pick<MarketSpec, "tickSize" | "maxPriceTicks">,
  percent: bigint,
  reference: bigint,
): { minPrice: bigint; maxPrice: bigint } {
  const hundred = 100n * ONE;
  const denominator = hundred * spec.tickSize;
  const lower = reference * (hundred - percent); // × 1/denominator = ticks, exactly
  const upper = reference * (hundred + percent);
  // The lowest price is one tick (a band of 100 % or more has no lower bound).
  const minTicks = lower <= 0n ? 1n : max(1n, (lower + denominator - 1n) / denominator);
  const maxTicks = min(upper / denominator, BigInt(spec.maxPriceTicks));
  return { minPrice: minTicks * spec.tickSize, maxPrice: maxTicks * spec.tickSize };
}

function checkBand(order: ValidOrder, price: bigint, reference: ReferencePrice): void {
  const percent = order.spec.priceBandPercent;
  if (percent === null) return;
  const { minPrice, maxPrice } = bandLimits(order.spec, percent, reference.price);
  if (price >= minPrice && price <= maxPrice) return;
  const show = formatDecimal;
  throw new DomainError(
    ErrorCode.PRICE_OUT_OF_BAND,
    `price ${show(price)} is outside ±${show(percent)} % of the reference price ${show(reference.price)}: allowed ${show(minPrice)}–${show(maxPrice)}`,
    {
      field: "price",
      referencePrice: show(reference.price),
      referenceSource: reference.source,
      priceBandPercent: show(percent),
      minPrice: show(minPrice),
      maxPrice: show(maxPrice),
    },
  );
}

function checkMarketSellNotional(
  spec: MarketSpec,
  amount: bigint,
  reference: ReferencePrice | null,
): void {
  if (reference === null) {
    throw new DomainError(
      ErrorCode.NO_REFERENCE_PRICE,
      `market ${spec.symbol} has no last trade and no bid to measure a MARKET SELL against; place a LIMIT order`,
      { field: "type", market: spec.symbol },
    );
  }
  // amount × price ≥ minNotional, compared at 36 decimals: exact, nothing rounded.
  if (amount * reference.price >= spec.minNotional * ONE) return;
  const estimate = (amount * reference.price) / ONE;
  throw new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `amount × reference price ${formatDecimal(estimate)} is below the market's minNotional ${formatDecimal(spec.minNotional)}`,
    {
      field: "amount",
      minNotional: formatDecimal(spec.minNotional),
      referencePrice: formatDecimal(reference.price),
      referenceSource: reference.source,
    },
  );
}
