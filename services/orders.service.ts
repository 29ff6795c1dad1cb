import { UserUpdates } from "../bus/live.ts";
import { busNames } from "../bus/subjects.ts";
import { randomUUID } from "node:crypto";
import {
  ClientOrderIdTaken,
  requestCancelOfOrders,
  type CancelRequest,
  insertOrdersLockingFunds,
  type BatchPlacementResult,
  type BatchedOrder,
  type NewOrder,
  findOrderByClientOrderId,
  findOrderOfUser,
  insertOrderLockingFunds,
  pageFillsOfUser,
  pageOrdersOfUser,
  type PlacementResult,
} from "../db/orders.repository.ts";
import type { OrderRow } from "../db/schema.ts";
import type { OrderSide } from "../domain/order-kinds.ts";
import { assertNever } from "../kernel/assert-never.ts";
import { GroupCommit } from "../kernel/group-commit.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  DomainError,
  insufficientFunds,
  orderNotFound,
  tooManyOpenOrders,
  ErrorCode,
} from "../kernel/errors.ts";
import { UNKNOWN_MARKET } from "../kernel/metrics.ts";
import { tapeSequence } from "../marketdata/tape.ts";
import { formatDecimal } from "../money/decimal.ts";
import { UUID } from "./api-keys.service.ts";
import type { Auth } from "./caller.ts";
import {
  checkGuardrailsBeforePlacing,
  checkKeyMayPlace,
  placeWithinGuardrails,
} from "./guardrails.ts";
import { KeyedSerializer } from "./keyed-serializer.ts";
import { GateFull, PriorityGate } from "./priority-gate.ts";
import type { MarketSpec } from "./market-spec.ts";
import { marketsOf } from "./markets.provider.ts";
import {
  requireCancellable,
  validClientOrderId,
  validateOrder,
  type PlaceOrderRequest,
  type ValidOrder,
} from "./order-validation.ts";
import { takeOrderToken } from "./order-throttle.ts";
import { checkAgainstReference } from "./reference-price.service.ts";
import { ORDER_BATCH_MAX } from "./request-weight.ts";

/*
 * The caller's orders: placing (rules in order-validation.ts, rate in order-throttle.ts),
 * cancelling, and reading them and their trades. The book is read in order-book.service.ts.
 */

/**
 * Places an order: checks it against the market's filters, then locks its funds and queues it
 * (PENDING) in one statement. Errors, nothing changed: RATE_LIMITED (`retryAfterSeconds`, may be
 * fractional, and `retryAfterMs`) past the caller's order rate; BAD_USER_INPUT, MARKET_NOT_FOUND;
 * PRICE_OUT_OF_BAND, NO_REFERENCE_PRICE (the reference-price filters, reference-price.service.ts);
 * TOO_MANY_OPEN_ORDERS (`limit`, `market`) at the open-order cap; INSUFFICIENT_FUNDS. A repeated
 * clientOrderId returns the order it made. With an API key, its guardrails (guardrails.ts):
 * FORBIDDEN (`reason` DRY_RUN or MARKET_NOT_ALLOWED), GUARDRAIL_EXCEEDED (`reason`
 * ORDER_NOTIONAL or DAILY_NOTIONAL, `limit`, `requested`, `remaining` in USDT).
 */
export async function placeOrder(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderRequest,
): Promise<OrderRow> {
  try {
    return await placeOnce(deps, auth, input);
  } catch (error) {
    if (error instanceof DomainError) await countRefusal(deps, input.market, error.code);
    throw error;
  }
}

/** A refused placement in /metrics, under its market only when that market exists. */
async function countRefusal(deps: Dependencies, market: string, code: ErrorCode): Promise<void> {
  const known = await marketsOf(deps)
    .all()
    .then((specs) => specs.has(market))
    .catch(() => false);
  const label = known ? market : UNKNOWN_MARKET;
  deps.metrics.ordersRejected.inc({ market: label, stage: "api", reason: code });
}

/**
 * The order a retry names by its clientOrderId, when the retry asks for the same market and side;
 * else BAD_USER_INPUT on `clientOrderId` (`reason: CLIENT_ORDER_ID_IN_USE`): the id names
 * another order, and reusing it must not answer with that one.
 */
function sameOrder(existing: OrderRow, input: PlaceOrderRequest): OrderRow {
  if (existing.market === input.market && existing.side === input.side) return existing;
  throw new DomainError(
    ErrorCode.BAD_USER_INPUT,
    "clientOrderId already names another order of yours (a different market or side); use a new one",
    { field: "clientOrderId", reason: "CLIENT_ORDER_ID_IN_USE" },
  );
}

async function placeOnce(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderRequest,
): Promise<OrderRow> {
  await takeOrderToken(deps, auth, "place");
  const clientOrderId = validClientOrderId(input.clientOrderId);
  // A dry-run key, or one kept to other markets, is refused before a retry is recognised: the
  // answer to a retry must not tell it "placed", nor show it an order on another market.
  if (auth.guardrails) checkKeyMayPlace(auth.guardrails, input.market);
  // A retry's clientOrderId is looked up by the placement statement itself (no round trip of
  // its own); only a retry the checks refuse — the market moved, the day's notional is spent by
  // the order it retries — is looked up here, and answered with the order it made.
  let order: ValidOrder;
  let dailyNotional: bigint | null;
  try {
    order = validateOrder(await getMarketSpec(deps, input.market), input);
    await checkAgainstReference(deps, order);
    dailyNotional = await checkGuardrailsBeforePlacing(deps, auth, order);
  } catch (error) {
    const existing =
      clientOrderId !== null && error instanceof DomainError
        ? await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId)
        : null;
    if (existing) return sameOrder(existing, input);
    throw error;
  }
  let result: PlacementResult;
  try {
    const outcome = await insertInTurn(deps, auth, input, order, clientOrderId, dailyNotional);
    if ("existingId" in outcome) {
      // A retry: the order this clientOrderId made earlier.
      const existing = await findOrderOfUser(deps.db, auth.user.id, outcome.existingId);
      if (existing) return sameOrder(existing, input);
      throw orderNotFound();
    }
    result = outcome;
  } catch (error) {
    if (error instanceof ClientOrderIdTaken && clientOrderId !== null) {
      // A concurrent retry won the race: return the order it made.
      const existing = await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId);
      if (existing) return sameOrder(existing, input);
    }
    throw error;
  }
  if ("placed" in result) {
    const placed = result.placed;
    deps.metrics.ordersPlaced.inc({ market: order.spec.symbol });
    new UserUpdates().add(auth.user.id, { order: placed.id, asset: order.lockAsset }).publish(deps);
    return placed;
  }
  // A concurrent retry may have spent the funds (or the last open-order slot) on this very order.
  const existing =
    clientOrderId && (await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId));
  if (existing) return sameOrder(existing, input);
  switch (result.refused) {
    case "TOO_MANY_OPEN_ORDERS":
      throw tooManyOpenOrders(deps.config.maxOpenOrdersPerMarket, order.spec.symbol);
    case "INSUFFICIENT_FUNDS":
      throw insufficientFunds(order.lockAsset, formatDecimal(order.lockAmount), result.available);
    default:
      return assertNever(result);
  }
}

/**
 * The statement counts open orders in its own snapshot, so two placements of one (user, market)
 * at once could both pass the cap; this process runs them one at a time. Across N API processes
 * a user can thus reach at most cap + N − 1 open orders on a market.
 */
const placementTurns = new KeyedSerializer();

/** What placing one order came to: placed, refused, or the order its clientOrderId made. */
type Placement = Exclude<BatchPlacementResult, { walletBusy: true }>;

function insertInTurn(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderRequest,
  order: ValidOrder,
  clientOrderId: string | null,
  dailyNotional: bigint | null,
): Promise<Placement> {
  const fmt = (v: bigint | null) => (v === null ? null : formatDecimal(v));
  const newOrder: NewOrder = {
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
  };
  return placementTurns.run(`${auth.user.id}:${order.spec.symbol}`, () =>
    placeWithinGuardrails(deps, auth, dailyNotional, (executor) =>
      // Outside a transaction (no daily notional to count in the same one): group commit.
      executor === deps.pool
        ? placementsOf(deps).submit({ ...newOrder, id: randomUUID() })
        : insertOrderLockingFunds(executor, newOrder),
    ),
  );
}

/** Most orders in one placement statement. */
const PLACEMENT_BATCH_MAX = 100;
/** Placement statements in flight at once per process. */
const PLACEMENT_BATCHES_IN_FLIGHT = 2;
/**
 * Batches an order whose wallet row was held may go into before it is placed alone. Placing it
 * alone at once cost a statement and a pooled connection waiting on the lock for each of them
 * (a third of all placements under bench:e2e's load).
 */
const WALLET_BUSY_REBATCHES = 10;
/** A batch that lost a deadlock or serialization race is written again, at most this often. */
const PLACEMENT_RETRIES = 3;

/**
 * The process's placements, group-committed (kernel/group-commit.ts): placements that arrive
 * while a batch is being written go together in the next, as one statement and one commit
 * (db/orders.repository.ts, insertOrdersLockingFunds), each still placed or refused on its own.
 * One order per user per batch. An order whose wallet row another transaction held goes into the
 * next batch (then, still held, alone), so a held row delays only its own user's orders. A batch that hit a
 * clientOrderId taken by a concurrent statement is written again one order at a time, so only
 * that order sees it.
 */
const placementBatchers = new WeakMap<
  Dependencies,
  GroupCommit<BatchedOrder, BatchPlacementResult | { error: unknown }>
>();

function placementsOf(deps: Dependencies) {
  let batcher = placementBatchers.get(deps);
  if (!batcher) {
    batcher = new GroupCommit((batch) => writePlacements(deps, batch), {
      maxBatch: PLACEMENT_BATCH_MAX,
      maxInFlight: PLACEMENT_BATCHES_IN_FLIGHT,
      conflictKey: (order) => order.userId,
    });
    placementBatchers.set(deps, batcher);
  }
  return {
    async submit(order: BatchedOrder): Promise<Placement> {
      for (let attempt = 1; ; attempt++) {
        const outcome = await batcher.submit(order);
        if ("error" in outcome) throw outcome.error;
        if (!("walletBusy" in outcome)) return outcome;
        // Its wallet row was held by another transaction (a settlement, most often, for a few
        // milliseconds): into the next batch; past that, alone, waiting for that row only.
        if (attempt >= WALLET_BUSY_REBATCHES) return placeAlone(deps, order);
      }
    },
  };
}

/**
 * Orders placed alone after their wallet row stayed held, waiting on it, at once per process:
 * each holds a pooled connection while it waits, so one request of 20 orders on 20 markets
 * (found by the hostile review) could otherwise take the whole pool from everyone else.
 */
const LONE_PLACEMENTS_AT_ONCE = 2;
const lonePlacementGates = new WeakMap<Dependencies, PriorityGate>();

async function placeAlone(deps: Dependencies, order: BatchedOrder): Promise<Placement> {
  let gate = lonePlacementGates.get(deps);
  if (!gate) {
    gate = new PriorityGate(LONE_PLACEMENTS_AT_ONCE, { urgent: 10_000, background: 0 });
    lonePlacementGates.set(deps, gate);
  }
  try {
    return await gate.run("urgent", () => insertOrderLockingFunds(deps.pool, order));
  } catch (error) {
    if (!(error instanceof GateFull)) throw error;
    throw new DomainError(
      ErrorCode.SERVICE_UNAVAILABLE,
      "Too many orders are waiting for their wallets; nothing was placed, retry shortly",
    );
  }
}

async function writePlacements(
  deps: Dependencies,
  batch: BatchedOrder[],
): Promise<(BatchPlacementResult | { error: unknown })[]> {
  const max = deps.config.maxOpenOrdersPerMarket;
  for (let attempt = 1; ; attempt++) {
    try {
      const outcomes = await insertOrdersLockingFunds(deps.pool, batch, max);
      deps.metrics.placementBatchSize.observe(batch.length);
      return outcomes;
    } catch (error) {
      const code = (error as { code?: string }).code;
      const lostRace = code === "40P01" || code === "40001";
      if (lostRace && attempt < PLACEMENT_RETRIES) continue;
      if (!(error instanceof ClientOrderIdTaken) || batch.length === 1) throw error;
      // Nothing of the batch was written: each order alone, with its own outcome.
      return Promise.all(
        batch.map((order) =>
          insertOrderLockingFunds(deps.pool, order).catch((e: unknown) => ({ error: e })),
        ),
      );
    }
  }
}

/**
 * Asks the matcher to cancel one of the caller's orders. Cancels have a token bucket of their own
 * (the same rate and burst as placements), so a caller out of placement tokens can still cancel.
 * Errors: ORDER_NOT_FOUND, ORDER_NOT_OPEN, RATE_LIMITED with the wait.
 */
export async function cancelOrder(deps: Dependencies, auth: Auth, id: string): Promise<OrderRow> {
  await takeOrderToken(deps, auth, "cancel");
  // One statement, shared with the cancels that queue beside it, reads the order and, unless it
  // is finished, queues its cancel.
  const order = UUID.test(id)
    ? await cancelsOf(deps).submit({ orderId: id, userId: auth.user.id })
    : null;
  if (!order) throw orderNotFound();
  requireCancellable(order);
  deps.metrics.orderCancelRequests.inc({ market: order.market });
  return order;
}

/** Most cancels in one statement, and cancel statements in flight at once per process. */
const CANCEL_BATCH_MAX = 100;
const CANCEL_BATCHES_IN_FLIGHT = 2;

/**
 * The process's cancel requests, group-committed like placements: those that arrive while a
 * statement is in flight go together in the next (db/orders.repository.ts,
 * requestCancelOfOrders), each answered with its own order or null. A cancel only reads its order
 * and inserts an outbox row, so cancels never conflict and need no key.
 */
const cancelBatchers = new WeakMap<Dependencies, GroupCommit<CancelRequest, OrderRow | null>>();

function cancelsOf(deps: Dependencies) {
  let batcher = cancelBatchers.get(deps);
  if (!batcher) {
    batcher = new GroupCommit(
      async (batch) => {
        const subjectPrefix = busNames(deps.config.namespace).commandSubject("");
        const orders = await requestCancelOfOrders(deps.pool, batch, subjectPrefix);
        deps.metrics.cancelBatchSize.observe(batch.length);
        return orders;
      },
      { maxBatch: CANCEL_BATCH_MAX, maxInFlight: CANCEL_BATCHES_IN_FLIGHT },
    );
    cancelBatchers.set(deps, batcher);
  }
  return batcher;
}

/**
 * Places each of `inputs` as placeOrder would, at once: one outcome per input, in order (a
 * placed order, or its refusal as a rejected promise). Orders of one market keep their order
 * (placementTurns). More than ORDER_BATCH_MAX: BAD_USER_INPUT (`limit`), nothing placed.
 */
export function placeOrders(
  deps: Dependencies,
  auth: Auth,
  inputs: readonly PlaceOrderRequest[],
): Promise<OrderRow>[] {
  requireBatchWithin(inputs.length, "inputs");
  // Each market's orders one after another, in the order given (found by the hostile review: a
  // MARKET SELL awaiting its reference price let a later LIMIT take the funds first).
  const markets = new KeyedSerializer();
  return inputs.map((input) => markets.run(input.market, () => placeOrder(deps, auth, input)));
}

/**
 * Cancels each of `ids` as cancelOrder would, at once: one outcome per id, in order. More than
 * ORDER_BATCH_MAX: BAD_USER_INPUT (`limit`), nothing cancelled.
 */
export function cancelOrders(
  deps: Dependencies,
  auth: Auth,
  ids: readonly string[],
): Promise<OrderRow>[] {
  requireBatchWithin(ids.length, "ids");
  return ids.map((id) => cancelOrder(deps, auth, id));
}

function requireBatchWithin(length: number, field: string): void {
  if (length > ORDER_BATCH_MAX) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      `At most ${ORDER_BATCH_MAX} orders per request; send the rest in another`,
      { field, limit: ORDER_BATCH_MAX },
    );
  }
}

export async function getOrder(deps: Dependencies, auth: Auth, id: string): Promise<OrderRow> {
  const order = UUID.test(id) ? await findOrderOfUser(deps.db, auth.user.id, id) : null;
  if (!order) throw orderNotFound();
  return order;
}

/** A page of the caller's orders, newest first, before `before` (a `seq`). */
export function ordersOfUser(
  deps: Dependencies,
  auth: Auth,
  query: {
    market?: string | null;
    statuses?: OrderRow["status"][] | null;
    before: bigint | null;
    limit: number;
  },
): Promise<OrderRow[]> {
  return pageOrdersOfUser(deps.db, {
    userId: auth.user.id,
    market: query.market,
    statuses: query.statuses,
    beforeSeq: query.before,
    limit: query.limit,
  });
}

/**
 * A page of the caller's fills, newest first, before `before` (a `fillPosition`): one per
 * (trade, side of the caller) — a self-trade is two, the maker's and the taker's — each with the
 * caller's order, the fee that side paid and the asset it was taken in, the trade's id on the
 * public tape and the reference of the ledger rows it made.
 */
export async function tradesOfUser(
  deps: Dependencies,
  auth: Auth,
  query: { market?: string | null; before: bigint | null; limit: number },
) {
  const rows = await pageFillsOfUser(deps.db, {
    userId: auth.user.id,
    market: query.market,
    beforePosition: query.before,
    limit: query.limit,
  });
  return Promise.all(
    rows.map(async (row) => {
      const market = await getMarketSpec(deps, row.market);
      const sequence = tapeSequence(row.sequence, row.matchIndex).toString();
      return {
        ...row,
        id: `${row.market}:${sequence}:${row.side}`,
        tradeId: `${row.market}:${sequence}`,
        sequence,
        orderId: row.liquidity === "TAKER" ? row.takerOrderId : row.makerOrderId,
        feeAsset: receivedAsset(row.side, market),
        ledgerReference: `trade:${row.market}:${row.sequence}:${row.matchIndex}`,
      };
    }),
  );
}

/** What a side receives in a trade, and so the asset its fee is taken in. */
function receivedAsset(side: OrderSide, market: MarketSpec): string {
  switch (side) {
    case "BUY":
      return market.base;
    case "SELL":
      return market.quote;
    default:
      return assertNever(side);
  }
}

/** The market's spec (services/markets.provider.ts); MARKET_NOT_FOUND if there is none. */
export function getMarketSpec(deps: Dependencies, symbol: string): Promise<MarketSpec> {
  return marketsOf(deps).require(symbol);
}
