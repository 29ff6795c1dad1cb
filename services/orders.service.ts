import type { Auth } from "../api/context.ts";
import type { Dependencies } from "../api/dependencies.ts";
import {
  AppError,
  ErrorCode,
  badInput,
  insufficientFunds,
  isUnavailable,
  marketNotFound,
  orderNotFound,
  rateLimited,
  tooManyOpenOrders,
} from "../api/errors.ts";
import { connection, decodeCursor, encodeCursor, pageSize } from "../api/pagination.ts";
import { UserUpdates } from "../bus/live.ts";
import {
  busNames,
  type BookUpdateMessage,
  type PlaceOrderMessage,
  type UserUpdateMessage,
} from "../bus/subjects.ts";
import { liveIterator } from "../subscriptions/live.ts";
import { tapeSequence } from "../marketdata/tape.ts";
import { findMarket } from "../db/markets.repository.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import {
  ClientOrderIdTaken,
  enqueueCancel,
  findOrderByClientOrderId,
  findOrderOfUser,
  insertOrderLockingFunds,
  pageOrdersOfUser,
  pageTradesOfUser,
  type PlacementResult,
} from "../db/orders.repository.ts";
import type { OrderRow } from "../db/schema.ts";
import { formatDecimal, multiplyExact, parseDecimal } from "../money/decimal.ts";
import type { PlaceOrderInput } from "../schema/generated/resolvers-types.ts";
import { UUID } from "./api-keys.service.ts";
import { KeyedSerializer } from "./keyed-serializer.ts";
import { marketSpec, type MarketSpec } from "./market-spec.ts";
import { takeTokens, type TokenBucket } from "./rate-limit.ts";
import { parseAmount } from "./wallets.service.ts";

const CLIENT_ORDER_ID = /^[A-Za-z0-9_.:-]{1,64}$/;
const FINISHED: OrderRow["status"][] = ["FILLED", "CANCELLED", "EXPIRED", "REJECTED"];

/** Checked and converted order: what to lock and what the matcher will be told. */
interface ValidOrder {
  spec: MarketSpec;
  lockAsset: string;
  lockAmount: bigint;
  command: Omit<PlaceOrderMessage, "orderId">;
  price: bigint | null;
  amount: bigint | null;
  quoteAmount: bigint | null;
}

/**
 * Places an order: checks it against the market's filters, then locks its funds and queues it
 * (PENDING) in one statement. Errors, nothing changed: RATE_LIMITED (`retryAfterSeconds`, may be
 * fractional, and `retryAfterMs`) past the caller's order rate; BAD_USER_INPUT, MARKET_NOT_FOUND;
 * TOO_MANY_OPEN_ORDERS (`limit`, `market`) at the open-order cap; INSUFFICIENT_FUNDS. A repeated
 * clientOrderId returns the order it made.
 */
export async function placeOrder(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderInput,
): Promise<OrderRow> {
  await takeOrderToken(deps, auth);
  const clientOrderId = input.clientOrderId ?? null;
  if (clientOrderId !== null && !CLIENT_ORDER_ID.test(clientOrderId)) {
    throw badInput("clientOrderId must be 1–64 characters of A–Z a–z 0–9 _ . : -", "clientOrderId");
  }
  if (clientOrderId !== null) {
    const existing = await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId);
    if (existing) return existing;
  }
  const order = validateOrder(await getMarketSpec(deps, input.market), input);
  let result: PlacementResult;
  try {
    result = await insertInTurn(deps, auth, input, order, clientOrderId);
  } catch (error) {
    if (error instanceof ClientOrderIdTaken && clientOrderId !== null) {
      // A concurrent retry won the race: return the order it made.
      const existing = await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId);
      if (existing) return existing;
    }
    throw error;
  }
  if ("placed" in result) {
    const placed = result.placed;
    new UserUpdates().add(auth.user.id, { order: placed.id, asset: order.lockAsset }).publish(deps);
    return placed;
  }
  // A concurrent retry may have spent the funds (or the last open-order slot) on this very order.
  const existing =
    clientOrderId && (await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId));
  if (existing) return existing;
  if (result.refused === "TOO_MANY_OPEN_ORDERS") {
    throw tooManyOpenOrders(deps.config.maxOpenOrdersPerMarket, order.spec.symbol);
  }
  throw insufficientFunds(order.lockAsset, formatDecimal(order.lockAmount));
}

/**
 * The statement counts open orders in its own snapshot, so two placements of one (user, market)
 * at once could both pass the cap; this process runs them one at a time. Across N API processes
 * a user can thus reach at most cap + N − 1 open orders on a market.
 */
const placementTurns = new KeyedSerializer();

function insertInTurn(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderInput,
  order: ValidOrder,
  clientOrderId: string | null,
): Promise<PlacementResult> {
  const fmt = (v: bigint | null) => (v === null ? null : formatDecimal(v));
  return placementTurns.run(`${auth.user.id}:${order.spec.symbol}`, () =>
    insertOrderLockingFunds(deps.pool, {
      userId: auth.user.id,
      market: order.spec.symbol,
      clientOrderId,
      side: input.side,
      type: input.type,
      timeInForce: order.command.timeInForce,
      price: fmt(order.price),
      amount: fmt(order.amount),
      quoteAmount: fmt(order.quoteAmount),
      postOnly: order.command.postOnly,
      selfTradePrevention: order.command.selfTradePrevention,
      lockAsset: order.lockAsset,
      lockAmount: formatDecimal(order.lockAmount),
      subject: busNames(deps.config.namespace).commandSubject(order.spec.symbol),
      command: { ...order.command, userId: auth.user.id },
      maxOpenOrders: deps.config.maxOpenOrdersPerMarket,
    }),
  );
}

/** How many API keys' worth of orders a whole account may place: a user holding 50 keys
 * does not get 50 times the rate. */
const ACCOUNT_RATE_FACTOR = 4;

/**
 * Takes one token from the caller's order bucket in Redis (per API key for a key, per user for
 * sessions; `orderRatePerSecond`, `orderBurst`) and one from the account's bucket, shared by
 * all its keys and sessions (ACCOUNT_RATE_FACTOR times as large). Either empty: RATE_LIMITED with
 * the wait. Redis down: placement goes on unthrottled, as placement never needed Redis
 * (ORDERS.md §7); the open-order cap, in PostgreSQL, still holds.
 */
async function takeOrderToken(
  deps: Dependencies,
  auth: Auth,
  kind: "rate" | "cancel-rate" = "rate",
): Promise<void> {
  const { orderRatePerSecond: rate, orderBurst: burst, namespace } = deps.config;
  const caller =
    auth.via === "apiKey" && auth.apiKeyId ? `key:${auth.apiKeyId}` : `user:${auth.user.id}`;
  const buckets: TokenBucket[] = [
    { key: `${namespace}:orders:${kind}:${caller}`, ratePerSecond: rate, burst },
    {
      key: `${namespace}:orders:${kind}:account:${auth.user.id}`,
      ratePerSecond: rate * ACCOUNT_RATE_FACTOR,
      burst: burst * ACCOUNT_RATE_FACTOR,
    },
  ];
  let waitMs: number | null;
  try {
    waitMs = await takeTokens(deps.redis, buckets);
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    warnUnthrottled(deps);
    return;
  }
  if (waitMs !== null) throw rateLimited(waitMs / 1000, kind === "rate" ? "orders" : "cancels");
}

let lastUnthrottledWarning = 0;
/** At most one warning per 10 s: at thousands of orders a second, one line per order would flood. */
function warnUnthrottled(deps: Dependencies): void {
  if (Date.now() - lastUnthrottledWarning < 10_000) return;
  lastUnthrottledWarning = Date.now();
  deps.log.warn("order rate limit skipped: Redis is unavailable");
}

/** The market's filters, applied exactly; nothing is rounded. */
export function validateOrder(spec: MarketSpec, input: PlaceOrderInput): ValidOrder {
  if (spec.status !== "TRADING") throw badInput(`market ${spec.symbol} is halted`, "market");
  const stp = input.selfTradePrevention ?? "EXPIRE_TAKER";
  const postOnly = input.postOnly ?? false;
  const base = {
    userId: "",
    side: input.side,
    type: input.type,
    postOnly,
    selfTradePrevention: stp,
  };
  if (input.type === "LIMIT") {
    if (input.price == null) throw badInput("a LIMIT order needs a price", "price");
    if (input.amount == null) throw badInput("a LIMIT order needs an amount", "amount");
    if (input.quoteAmount != null)
      throw badInput("quoteAmount is for MARKET BUY orders only", "quoteAmount");
    const timeInForce = input.timeInForce ?? "GTC";
    if (postOnly && timeInForce !== "GTC")
      throw badInput("postOnly needs timeInForce GTC", "postOnly");
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
      lockAsset: input.side === "BUY" ? spec.quote : spec.base,
      lockAmount: input.side === "BUY" ? notional : amount,
      command: { ...base, kind: "place", timeInForce, priceTicks, lots },
      price,
      amount,
      quoteAmount: null,
    };
  }
  if (input.price != null) throw badInput("a MARKET order takes no price", "price");
  if (input.timeInForce != null && input.timeInForce !== "IOC") {
    throw badInput("MARKET orders are IOC", "timeInForce");
  }
  if (postOnly) throw badInput("a MARKET order cannot be postOnly", "postOnly");
  if (input.side === "BUY") {
    if (input.amount != null)
      throw badInput("a MARKET BUY is sized by quoteAmount, not amount", "amount");
    if (input.quoteAmount == null)
      throw badInput("a MARKET BUY needs a quoteAmount", "quoteAmount");
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
      command: { ...base, kind: "place", timeInForce: "IOC", quoteBudget },
      price: null,
      amount: null,
      quoteAmount,
    };
  }
  if (input.quoteAmount != null) throw badInput("a MARKET SELL is sized by amount", "quoteAmount");
  if (input.amount == null) throw badInput("a MARKET SELL needs an amount", "amount");
  const amount = positive(input.amount, "amount");
  const lots = steps(amount, spec.lotSize, spec.maxLots, "amount", "lotSize");
  return {
    spec,
    lockAsset: spec.base,
    lockAmount: amount,
    command: { ...base, kind: "place", timeInForce: "IOC", lots },
    price: null,
    amount,
    quoteAmount: null,
  };
}

/** The place command of a stored order, as the matcher needs it (to send it again). */
export function placeCommandOf(order: OrderRow, spec: MarketSpec): PlaceOrderMessage {
  const units = (value: string | null, step: bigint) =>
    value === null ? undefined : Number(parseDecimal(value) / step);
  return {
    kind: "place",
    orderId: order.id,
    userId: order.userId,
    side: order.side,
    type: order.type,
    timeInForce: order.timeInForce,
    priceTicks: units(order.price, spec.tickSize),
    lots: units(order.amount, spec.lotSize),
    quoteBudget: units(order.quoteAmount, spec.quoteUnit),
    postOnly: order.postOnly,
    selfTradePrevention: order.selfTradePrevention,
  };
}

function positive(text: string, field: string): bigint {
  const value = parseAmount(text, 18, field);
  if (value <= 0n) throw badInput(`${field} must be positive`, field);
  return value;
}

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

/**
 * Asks the matcher to cancel one of the caller's orders. Cancels have a token bucket of their own
 * (the same rate and burst as placements), so a caller out of placement tokens can still cancel.
 * Errors: ORDER_NOT_FOUND, ORDER_NOT_OPEN, RATE_LIMITED with the wait.
 */
export async function cancelOrder(deps: Dependencies, auth: Auth, id: string): Promise<OrderRow> {
  await takeOrderToken(deps, auth, "cancel-rate");
  const order = UUID.test(id) ? await findOrderOfUser(deps.db, auth.user.id, id) : null;
  if (!order) throw orderNotFound();
  if (FINISHED.includes(order.status)) {
    throw new AppError(
      ErrorCode.ORDER_NOT_OPEN,
      `The order is ${order.status} and cannot be cancelled`,
      {
        status: order.status,
      },
    );
  }
  await enqueueCancel(deps.db, {
    subject: busNames(deps.config.namespace).commandSubject(order.market),
    orderId: order.id,
    userId: auth.user.id,
  });
  return order;
}

export async function getOrder(deps: Dependencies, auth: Auth, id: string): Promise<OrderRow> {
  const order = UUID.test(id) ? await findOrderOfUser(deps.db, auth.user.id, id) : null;
  if (!order) throw orderNotFound();
  return order;
}

export async function ordersPage(
  deps: Dependencies,
  auth: Auth,
  args: {
    market?: string | null;
    status?: OrderRow["status"][] | null;
    first?: number | null;
    after?: string | null;
  },
) {
  const limit = pageSize(args.first);
  const after = decodeCursor("order", args.after);
  if (after !== null && !/^\d{1,19}$/.test(after))
    throw badInput("after is not a valid cursor", "after");
  const rows = await pageOrdersOfUser(deps.db, {
    userId: auth.user.id,
    market: args.market,
    statuses: args.status,
    beforeSeq: after === null ? null : BigInt(after),
    limit: limit + 1,
  });
  return connection(rows, limit, (row) => encodeCursor("order", row.seq));
}

export async function myTradesPage(
  deps: Dependencies,
  auth: Auth,
  args: { market?: string | null; first?: number | null; after?: string | null },
) {
  const limit = pageSize(args.first);
  const after = decodeCursor("trade", args.after);
  if (after !== null && !/^\d{1,19}$/.test(after))
    throw badInput("after is not a valid cursor", "after");
  const rows = await pageTradesOfUser(deps.db, {
    userId: auth.user.id,
    market: args.market,
    beforeId: after === null ? null : BigInt(after),
    limit: limit + 1,
  });
  const withAsset = await Promise.all(
    rows.map(async (row) => {
      const market = await getMarketSpec(deps, row.market);
      return {
        ...row,
        id: row.id.toString(),
        sequence: tapeSequence(row.sequence, row.matchIndex).toString(),
        orderId: (row.side === row.takerSide) === true ? row.takerOrderId : row.makerOrderId,
        feeAsset: row.side === "BUY" ? market.base : market.quote,
      };
    }),
  );
  return connection(withAsset, limit, (row) => encodeCursor("trade", row.id));
}

/** Markets change rarely (a halt, new fees): each process re-reads one after 5 s at most. */
const MARKET_CACHE_MS = 5_000;
const marketCache = new Map<string, { spec: MarketSpec; until: number }>();
export async function getMarketSpec(deps: Dependencies, symbol: string): Promise<MarketSpec> {
  const cached = marketCache.get(symbol);
  if (cached && cached.until > Date.now()) return cached.spec;
  const row = await findMarket(deps.db, symbol);
  if (!row) throw marketNotFound(symbol);
  const spec = marketSpec(row);
  marketCache.set(symbol, { spec, until: Date.now() + MARKET_CACHE_MS });
  return spec;
}

export async function orderBook(
  deps: Dependencies,
  market: string,
  depth: number | null | undefined,
) {
  const levels = depth ?? 20;
  if (!Number.isInteger(levels) || levels < 1 || levels > 100)
    throw badInput("depth must be 1–100", "depth");
  const book = await readBookMirror(deps.redis, deps.config.namespace, market, levels);
  if (book) return { market, sequence: book.seq, bids: book.bids, asks: book.asks };
  // Never mirrored: an unknown market, or one the matcher has not opened yet.
  if (!(await findMarket(deps.db, market))) throw marketNotFound(market);
  return { market, sequence: "0", bids: [], asks: [] };
}

export interface OrderBookUpdate {
  market: string;
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

const SUBSCRIPTION_DEPTH = 100;

/**
 * The book as a snapshot from the Redis mirror, then the matcher's diffs after it; a diff that
 * does not follow on (a missed message) is answered with a fresh snapshot.
 */
export async function orderBookUpdates(deps: Dependencies, market: string) {
  await getMarketSpec(deps, market);
  const names = busNames(deps.config.namespace);
  let lastSeq = 0;
  const levels = (list: [string, string][]) => list.map(([price, amount]) => ({ price, amount }));
  const snapshot = async (): Promise<OrderBookUpdate[]> => {
    const book = await readBookMirror(
      deps.redis,
      deps.config.namespace,
      market,
      SUBSCRIPTION_DEPTH,
    );
    lastSeq = Number(book?.seq ?? 0);
    const seq = String(lastSeq);
    return [
      {
        market,
        firstSequence: seq,
        lastSequence: seq,
        snapshot: true,
        bids: book?.bids ?? [],
        asks: book?.asks ?? [],
      },
    ];
  };
  return liveIterator<BookUpdateMessage, OrderBookUpdate>(
    deps,
    names.bookUpdateSubject(market),
    (update) => {
      if (!update.snapshot && update.lastSeq <= lastSeq) return [];
      if (!update.snapshot && update.firstSeq > lastSeq + 1) return snapshot();
      lastSeq = update.lastSeq;
      return [
        {
          market,
          firstSequence: String(update.firstSeq),
          lastSequence: String(update.lastSeq),
          snapshot: update.snapshot,
          bids: levels(update.bids),
          asks: levels(update.asks),
        },
      ];
    },
    snapshot,
  );
}

/** The caller's orders as they change. */
export function myOrderUpdates(deps: Dependencies, auth: Auth) {
  return liveIterator<UserUpdateMessage, OrderRow>(
    deps,
    busNames(deps.config.namespace).userSubject(auth.user.id),
    async (update) => {
      const rows = await Promise.all(
        update.orders.map((id) => findOrderOfUser(deps.db, auth.user.id, id)),
      );
      return rows.filter((row): row is OrderRow => row !== null);
    },
  );
}
