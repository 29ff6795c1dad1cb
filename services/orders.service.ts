import { UserUpdates, outboxWritten } from "../bus/live.ts";
import { busNames } from "../bus/subjects.ts";
import { randomUUID } from "node:crypto";
import {
  ClientOrderIdTaken,
  requestCancelOfOrders,
  type CancelRequest,
  insertOrdersLockingFunds,
  type BatchPlacementResult,
  type BatchedOrder,
  findOrderByClientOrderId,
  findOrderOfUser,
  insertOrderLockingFunds,
  pageFillsOfUser,
  pageOrdersOfUser,
  type PlacementResult,
} from "../db/orders.repository.ts";
import type { OrderRow } from "../db/schema.ts";
import { isFinished, type OrderSide } from "../domain/order-kinds.ts";
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
  const ready = await preparePlacement(deps, auth, input);
  if ("answer" in ready) return ready.answer;
  const [outcome] = await placeInTurn(deps, auth, [ready]);
  announcePlaced(deps, auth, [ready], [outcome!]);
  return answerPlacement(deps, auth, ready, outcome!);
}

/**
 * One live update for the caller's orders placed among `outcomes` (one per `ready`, in order):
 * the orders a placeOrders request writes together (its orders of a market) in one NATS message
 * rather than one each. A request placed one order at a time (placeOrder, or placeOrders
 * repeating a clientOrderId) still sends one per order.
 */
function announcePlaced(
  deps: Dependencies,
  auth: Auth,
  ready: readonly ReadyOrder[],
  outcomes: readonly Settled[],
): void {
  const updates = new UserUpdates();
  outcomes.forEach((outcome, i) => {
    if ("placed" in outcome) {
      updates.add(auth.user.id, { order: outcome.placed.id, asset: ready[i]!.order.lockAsset });
    }
  });
  updates.publish(deps);
}

/** An order checked and ready to write, with what answering its outcome needs. */
interface ReadyOrder {
  input: PlaceOrderRequest;
  order: ValidOrder;
  clientOrderId: string | null;
  /** The order's USDT notional when its API key has a daily limit to count it against. */
  dailyNotional: bigint | null;
  newOrder: BatchedOrder;
}

/**
 * Everything before the write: the order token, the market's filters, the reference price and
 * the key's guardrails. Throws the refusal; answers at once (`answer`) a retry whose checks now
 * refuse it, with the order its clientOrderId made.
 */
async function preparePlacement(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderRequest,
): Promise<ReadyOrder | { answer: OrderRow }> {
  await takeOrderToken(deps, auth, "place");
  const clientOrderId = validClientOrderId(input.clientOrderId);
  // A dry-run key, or one kept to other markets, is refused before a retry is recognised: the
  // answer to a retry must not tell it "placed", nor show it an order on another market.
  if (auth.guardrails) checkKeyMayPlace(auth.guardrails, input.market);
  // A retry's clientOrderId is looked up by the placement statement itself (no round trip of
  // its own); only a retry the checks refuse — the market moved, the day's notional is spent by
  // the order it retries — is looked up here, and answered with the order it made.
  try {
    const order = validateOrder(await getMarketSpec(deps, input.market), input);
    await checkAgainstReference(deps, order);
    const dailyNotional = await checkGuardrailsBeforePlacing(deps, auth, order);
    return {
      input,
      order,
      clientOrderId,
      dailyNotional,
      newOrder: newOrderOf(deps, auth, input, order, clientOrderId),
    };
  } catch (error) {
    const existing =
      clientOrderId !== null && error instanceof DomainError
        ? await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId)
        : null;
    if (existing) return { answer: sameOrder(existing, input) };
    throw error;
  }
}

/** The answer to a placement's outcome: the order, or its refusal thrown. */
async function answerPlacement(
  deps: Dependencies,
  auth: Auth,
  ready: ReadyOrder,
  outcome: Settled,
): Promise<OrderRow> {
  const { input, order, clientOrderId } = ready;
  if ("error" in outcome) {
    const { error } = outcome;
    if (
      clientOrderId !== null &&
      (error instanceof ClientOrderIdTaken || error instanceof DomainError)
    ) {
      // A concurrent retry won the race, or this is a retry the write refused (the day's
      // notional spent by the very order it retries, found by the hostile review): the order
      // its clientOrderId made, if there is one.
      const existing = await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId).catch(
        () => null,
      );
      if (existing) return sameOrder(existing, input);
    }
    throw error;
  }
  if ("existingId" in outcome) {
    // A retry: the order this clientOrderId made earlier.
    const existing = await findOrderOfUser(deps.db, auth.user.id, outcome.existingId);
    if (existing) return sameOrder(existing, input);
    throw orderNotFound();
  }
  if ("placed" in outcome) {
    const placed = outcome.placed;
    deps.metrics.ordersPlaced.inc({ market: order.spec.symbol });
    return placed;
  }
  // A concurrent retry may have spent the funds (or the last open-order slot) on this very order.
  const existing =
    clientOrderId && (await findOrderByClientOrderId(deps.db, auth.user.id, clientOrderId));
  if (existing) return sameOrder(existing, input);
  switch (outcome.refused) {
    case "TOO_MANY_OPEN_ORDERS":
      throw tooManyOpenOrders(deps.config.maxOpenOrdersPerMarket, order.spec.symbol);
    case "INSUFFICIENT_FUNDS":
      throw insufficientFunds(order.lockAsset, formatDecimal(order.lockAmount), outcome.available);
    default:
      return assertNever(outcome);
  }
}

/**
 * The statement counts open orders in its own snapshot, so two placements of one (user, market)
 * at once could both pass the cap; this process runs them one at a time. Across N API processes
 * a user can thus reach at most cap + N − 1 open orders on a market.
 */
const placementTurns = new KeyedSerializer();

/** What placing one order came to: placed, refused, or the order its clientOrderId made. */
type Placement = PlacementResult | { existingId: string };
/** A Placement, or the error its write failed with. */
type Settled = Placement | { error: unknown };

function newOrderOf(
  deps: Dependencies,
  auth: Auth,
  input: PlaceOrderRequest,
  order: ValidOrder,
  clientOrderId: string | null,
): BatchedOrder {
  const fmt = (v: bigint | null) => (v === null ? null : formatDecimal(v));
  return {
    id: randomUUID(),
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
}

/**
 * Writes `orders` (the caller's, all on one market, in the order given) in the (user, market)'s
 * turn: one outcome each, in order, exactly as if placed one at a time. Orders without a daily
 * notional to count go through the group commit as one chain (placementsOf); an order with one
 * goes alone, in the transaction that counts it (placeWithinGuardrails). The caller never gives
 * two orders with one clientOrderId (placeOrders places those one at a time).
 */
function placeInTurn(
  deps: Dependencies,
  auth: Auth,
  orders: readonly ReadyOrder[],
): Promise<Settled[]> {
  const market = orders[0]!.order.spec.symbol;
  return placementTurns.run(`${auth.user.id}:${market}`, async () => {
    const settled: Settled[] = [];
    for (const chain of chainsOf(orders)) {
      const [first] = chain;
      if (first!.dailyNotional === null) {
        settled.push(...(await placementsOf(deps).place(chain.map((o) => o.newOrder))));
        continue;
      }
      let ownTransaction = false;
      const outcome = await placeWithinGuardrails(
        deps,
        auth,
        first!.dailyNotional,
        async (executor): Promise<Placement> => {
          // Outside a transaction (no daily notional to count in the same one): group commit.
          if (executor === deps.pool) {
            return throwIfError((await placementsOf(deps).place([first!.newOrder]))[0]!);
          }
          ownTransaction = true;
          return insertOrderLockingFunds(executor, first!.newOrder);
        },
      ).catch((error: unknown) => ({ error }));
      // Committed by now; the group commit told the relay itself.
      if (ownTransaction && "placed" in outcome) outboxWritten(deps, 1);
      settled.push(outcome);
    }
    return settled;
  });
}

/** `orders` cut into chains: an order with a daily notional to count goes alone. */
function chainsOf(orders: readonly ReadyOrder[]): ReadyOrder[][] {
  const chains: ReadyOrder[][] = [];
  for (const order of orders) {
    const last = chains.at(-1);
    if (last && order.dailyNotional === null && last[0]!.dailyNotional === null) last.push(order);
    else chains.push([order]);
  }
  return chains;
}

function throwIfError(outcome: Settled): Placement {
  if ("error" in outcome) throw outcome.error;
  return outcome;
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
 * The process's placements, group-committed (kernel/group-commit.ts): chains of orders that
 * arrive while a batch is being written go together in the next, as one statement and one commit
 * (db/orders.repository.ts, insertOrdersLockingFunds), each order still placed or refused on its
 * own. A chain is one user's orders of one market (a request's, in the order given; most often
 * one order), and a batch takes one chain per user. The statement places a chain up to its first
 * order that is not placed; the rest go into the next batch. An order whose wallet row another
 * transaction held goes into the next batch too (then, still held, alone), so a held row delays
 * only its own user's orders. A batch that hit a clientOrderId taken by a concurrent statement is
 * written again one order at a time, so only that order sees it.
 */
const placementBatchers = new WeakMap<
  Dependencies,
  GroupCommit<BatchedOrder[], (BatchPlacementResult | { error: unknown })[]>
>();

function placementsOf(deps: Dependencies) {
  let batcher = placementBatchers.get(deps);
  if (!batcher) {
    batcher = new GroupCommit((chains) => writePlacements(deps, chains), {
      maxBatch: PLACEMENT_BATCH_MAX,
      maxInFlight: PLACEMENT_BATCHES_IN_FLIGHT,
      conflictKey: (chain) => chain[0]!.userId,
      size: (chain) => chain.length,
    });
    placementBatchers.set(deps, batcher);
  }
  const chains = batcher;
  return {
    /** Places `chain` (one user's orders of one market): one outcome per order, in order. */
    async place(chain: readonly BatchedOrder[]): Promise<Settled[]> {
      const settled: Settled[] = [];
      let rest = chain.slice();
      let busy = 0;
      while (rest.length > 0) {
        let outcomes: (BatchPlacementResult | { error: unknown })[];
        try {
          outcomes = await chains.submit(rest);
        } catch (error) {
          for (let i = 0; i < rest.length; i++) settled.push({ error });
          break;
        }
        let decided = 0;
        for (const outcome of outcomes) {
          if ("deferred" in outcome || "walletBusy" in outcome) break;
          settled.push(outcome);
          decided++;
        }
        // Its wallet row was held by another transaction (a settlement, most often, for a few
        // milliseconds): into the next batch; past that, alone, waiting for that row only.
        if (decided < outcomes.length && "walletBusy" in outcomes[decided]!) {
          busy++;
          deps.metrics.placementWalletBusy.inc();
        }
        rest = rest.slice(decided);
        if (busy >= WALLET_BUSY_REBATCHES) {
          for (const order of rest) {
            settled.push(await placeAlone(deps, order).catch((error: unknown) => ({ error })));
          }
          break;
        }
      }
      return settled;
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
    return await gate.run("urgent", () => placeOne(deps, order));
  } catch (error) {
    if (!(error instanceof GateFull)) throw error;
    throw new DomainError(
      ErrorCode.SERVICE_UNAVAILABLE,
      "Too many orders are waiting for their wallets; nothing was placed, retry shortly",
    );
  }
}

/** One order written in its own statement (outside a transaction), the relay told at once. */
async function placeOne(deps: Dependencies, order: BatchedOrder) {
  const outcome = await insertOrderLockingFunds(deps.pool, order);
  if ("placed" in outcome) outboxWritten(deps, 1);
  return outcome;
}

async function writePlacements(
  deps: Dependencies,
  chains: BatchedOrder[][],
): Promise<(BatchPlacementResult | { error: unknown })[][]> {
  const max = deps.config.maxOpenOrdersPerMarket;
  const batch = chains.flat();
  for (let attempt = 1; ; attempt++) {
    try {
      const outcomes = await insertOrdersLockingFunds(deps.pool, batch, max);
      deps.metrics.placementBatchSize.observe(batch.length);
      outboxWritten(deps, outcomes.filter((o) => "placed" in o).length);
      let at = 0;
      return chains.map((chain) => outcomes.slice(at, (at += chain.length)));
    } catch (error) {
      const code = (error as { code?: string }).code;
      const lostRace = code === "40P01" || code === "40001";
      if (lostRace && attempt < PLACEMENT_RETRIES) continue;
      if (!(error instanceof ClientOrderIdTaken) || batch.length === 1) throw error;
      // Nothing of the batch was written: each order alone, a chain's in its order, each with
      // its own outcome.
      return Promise.all(
        chains.map(async (chain) => {
          const settled: (BatchPlacementResult | { error: unknown })[] = [];
          for (const order of chain) {
            settled.push(await placeOne(deps, order).catch((e: unknown) => ({ error: e })));
          }
          return settled;
        }),
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
  return answerCancel(deps, order);
}

/** The order whose cancel was queued; ORDER_NOT_FOUND without one, ORDER_NOT_OPEN if finished. */
function answerCancel(deps: Dependencies, order: OrderRow | null): OrderRow {
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
        outboxWritten(deps, orders.filter((o) => o !== null && !isFinished(o.status)).length);
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
 * placed order, or its refusal as a rejected promise). Every order is checked at once; then each
 * market's orders are written in the order given, as one chain of one statement where they can
 * be (placeInTurn), so when funds or open-order slots run out it is the later ones refused. A
 * request that repeats a clientOrderId goes one order at a time instead. More than
 * ORDER_BATCH_MAX: BAD_USER_INPUT (`limit`), nothing placed.
 */
export function placeOrders(
  deps: Dependencies,
  auth: Auth,
  inputs: readonly PlaceOrderRequest[],
): Promise<OrderRow>[] {
  requireBatchWithin(inputs.length, "inputs");
  const outcomes: Promise<OrderRow>[] = [];
  if (repeatsClientOrderId(inputs)) {
    // An order that reuses an earlier one's clientOrderId is a retry of it, answered with what
    // that one came to: such a request goes one order at a time, each checked, written and
    // answered before the next is checked (found by the hostile review).
    let previous: Promise<unknown> = Promise.resolve();
    for (const input of inputs) {
      const outcome = previous.then(() => placeOnce(deps, auth, input));
      outcomes.push(outcome);
      previous = outcome.catch(() => undefined);
    }
  } else {
    const prepared = inputs.map((input) => preparePlacement(deps, auth, input));
    const byMarket = new Map<string, number[]>();
    inputs.forEach((input, i) =>
      byMarket.set(input.market, [...(byMarket.get(input.market) ?? []), i]),
    );
    for (const indexes of byMarket.values()) {
      // The market's orders once all are checked (found by the hostile review: a MARKET SELL
      // awaiting its reference price let a later LIMIT take the funds first).
      const written = Promise.allSettled(indexes.map((i) => prepared[i]!)).then(async (checked) => {
        const ready = checked.flatMap((c) =>
          c.status === "fulfilled" && !("answer" in c.value) ? [c.value] : [],
        );
        const settled = ready.length > 0 ? await placeInTurn(deps, auth, ready) : [];
        announcePlaced(deps, auth, ready, settled);
        return new Map(ready.map((r, j) => [r, settled[j]!]));
      });
      for (const i of indexes) {
        outcomes[i] = prepared[i]!.then(async (ready) => {
          if ("answer" in ready) return ready.answer;
          return answerPlacement(deps, auth, ready, (await written).get(ready)!);
        });
      }
    }
  }
  return inputs.map((input, i) =>
    outcomes[i]!.catch(async (error: unknown) => {
      if (error instanceof DomainError) await countRefusal(deps, input.market, error.code);
      throw error;
    }),
  );
}

function repeatsClientOrderId(inputs: readonly PlaceOrderRequest[]): boolean {
  const ids = inputs.flatMap((input) => (input.clientOrderId == null ? [] : [input.clientOrderId]));
  return new Set(ids).size < ids.length;
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
  // Every id's token first, then all of the request's cancels queued together, so they share a
  // statement (queued one by one, the first two went alone; found by the newcomer).
  const tokens = ids.map(() => takeOrderToken(deps, auth, "cancel"));
  const queued = Promise.allSettled(tokens).then((taken) => {
    const sent = ids.flatMap((id, i) =>
      taken[i]!.status === "fulfilled" && UUID.test(id) ? [{ i, id }] : [],
    );
    const outcomes = cancelsOf(deps).submitAll(
      sent.map(({ id }) => ({ orderId: id, userId: auth.user.id })),
    );
    return new Map(sent.map(({ i }, j) => [i, outcomes[j]!]));
  });
  return ids.map(async (id, i) => {
    await tokens[i]; // RATE_LIMITED
    return answerCancel(deps, UUID.test(id) ? await (await queued).get(i)! : null);
  });
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
