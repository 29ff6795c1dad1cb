import { UserUpdates } from "../bus/live.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import { inTransaction } from "../db/client.ts";
import type { OrderRow } from "../db/schema.ts";
import {
  applySettlementPlan,
  lockConsumerOffsets,
  lockOrders,
  SettlementRowsMissing,
  type TierRates,
  recordProblem,
} from "../db/settlement.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { parseDecimal } from "../money/decimal.ts";
import { admitBatches, orderIdsOf } from "../settlement/admission.ts";
import { SettlementError } from "../settlement/errors.ts";
import {
  plan,
  type SettlementMarket,
  type SettlementOrder,
  type SettlementPlan,
  type SettlementTerms,
} from "../settlement/plan.ts";
import { postMoves } from "../settlement/postings.ts";
import type { MarketSpec } from "./market-spec.ts";

export const SETTLEMENT_CONSUMER = "settlement";

export interface SettlementSetup {
  /** By symbol: the markets as trading uses them (services/market-spec.ts). */
  specs: ReadonlyMap<string, MarketSpec>;
  /** By asset symbol: its decimal places (fees are rounded down to them). */
  assetDecimals: ReadonlyMap<string, number>;
  feeAccountId: string;
}

export interface SettlementResult {
  /** Batches whose events are now applied (or were already): ack them. */
  done: EventBatchMessage[];
  /** Batches that came before an earlier one of their market: retry them later. */
  deferred: EventBatchMessage[];
  /** Whose orders and wallets changed, for live updates once committed. */
  updates: UserUpdates;
}

/**
 * Applies matcher event batches to PostgreSQL in one transaction: wallets, ledger, orders,
 * trades and the consumer offsets together, or nothing. Which events apply is
 * settlement/admission.ts (re-delivery changes nothing), what they do settlement/plan.ts; the
 * locks are taken offsets, then orders, then (when writing) wallets, as every settler does.
 */
export async function settleBatches(
  deps: Pick<Dependencies, "pool">,
  setup: SettlementSetup,
  batches: EventBatchMessage[],
): Promise<SettlementResult> {
  // Offset rows, then wallets, may be missing: each is made once and the transaction run again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await settleOnce(deps, setup, batches);
    } catch (error) {
      if (!(error instanceof SettlementRowsMissing) || attempt > MISSING_ROWS_ATTEMPTS) throw error;
      await error.create(deps.pool);
    }
  }
}

/** Runs of a transaction that found rows missing, before the error stands. */
const MISSING_ROWS_ATTEMPTS = 3;

function settleOnce(
  deps: Pick<Dependencies, "pool">,
  setup: SettlementSetup,
  batches: EventBatchMessage[],
): Promise<SettlementResult> {
  return inTransaction(deps.pool, async (client) => {
    const markets = batches.map((b) => b.market);
    const offsets = await lockConsumerOffsets(client, SETTLEMENT_CONSUMER, markets);
    const admission = admitBatches(batches, offsets);
    const locked = await lockOrders(client, orderIdsOf(admission));
    const rows = locked.orders;
    const orders = new Map([...rows].map(([id, row]) => [id, settlementOrder(row)]));
    const symbols = [...markets, ...[...rows.values()].map((r) => r.market)];
    const tierRates = tierRatesOf(locked.tierRates);
    const settled = plan(admission, orders, settlementTerms(setup, symbols, tierRates));
    await applySettlementPlan(client, SETTLEMENT_CONSUMER, settled, postMoves);
    const { done, deferred } = admission;
    return { done, deferred, updates: userUpdatesOf(settled) };
  });
}

/**
 * Records on the market's offset row that its events (`group`, one market's, in order) cannot be
 * applied, for `/readyz`; cleared when they next apply. The description says what kind of
 * refusal it is and from which sequence — never the error's message, which may name users,
 * orders or amounts (the log has it whole).
 */
export async function recordSettlementProblem(
  deps: Pick<Dependencies, "pool">,
  group: readonly EventBatchMessage[],
  error: unknown,
): Promise<void> {
  const market = group[0]!.market;
  const unappliedTo = Math.max(...group.map((b) => b.toSeq));
  await recordProblem(
    deps.pool,
    SETTLEMENT_CONSUMER,
    market,
    describeProblem(error, group[0]!.fromSeq),
    unappliedTo,
  );
}

/** A short description of why a market's events failed, free of personal data. */
export function describeProblem(error: unknown, fromSeq: number): string {
  const where = `events from sequence ${fromSeq}`;
  if (error instanceof SettlementError) return `settlement refuses the ${where}: ${error.code}`;
  type Described = { code?: unknown; severity?: unknown; constraint?: unknown; name?: unknown };
  const e = error as (Described & { cause?: Described }) | null;
  // A PostgreSQL error as pg raises it, or wrapped once (drizzle keeps it as the cause).
  for (const db of [e, e?.cause]) {
    if (typeof db?.code !== "string" || !/^[0-9A-Z]{5}$/.test(db.code) || !db.severity) continue;
    const constraint = typeof db.constraint === "string" ? `, constraint ${db.constraint}` : "";
    return `PostgreSQL refused the writes of the ${where} (SQLSTATE ${db.code}${constraint})`;
  }
  const kind = typeof e?.name === "string" && /^\w{1,40}$/.test(e.name) ? e.name : "Error";
  return `the ${where} cannot be applied (${kind}; see the settlement log)`;
}

/**
 * The terms of the markets a delivery needs, and only those: a market just added may name an
 * asset this setup does not know yet, and must not stop the others.
 */
function settlementTerms(
  setup: SettlementSetup,
  symbols: readonly string[],
  tierRates: SettlementTerms["tierRates"],
): SettlementTerms {
  const markets = new Map<string, SettlementMarket>();
  for (const symbol of new Set(symbols)) {
    const spec = setup.specs.get(symbol);
    if (spec) markets.set(symbol, settlementMarket(spec, setup.assetDecimals));
  }
  return { markets, feeAccountId: setup.feeAccountId, tierRates };
}

/**
 * The fee-tier rates of the owners of the orders a delivery touches, read with the orders in the
 * settlement transaction (lockOrders): a tier changed by the recompute or by `setFeeTiers`
 * applies from the next batch on.
 */
function tierRatesOf(rates: ReadonlyMap<string, TierRates>): SettlementTerms["tierRates"] {
  return new Map(
    [...rates].map(([userId, r]) => [
      userId,
      { makerFee: parseDecimal(r.makerFee), takerFee: parseDecimal(r.takerFee) },
    ]),
  );
}

function settlementMarket(
  spec: MarketSpec,
  assetDecimals: ReadonlyMap<string, number>,
): SettlementMarket {
  const decimalsOf = (asset: string) => {
    const decimals = assetDecimals.get(asset);
    if (decimals === undefined) throw new Error(`market ${spec.symbol}: unknown asset ${asset}`);
    return decimals;
  };
  return {
    symbol: spec.symbol,
    base: spec.base,
    quote: spec.quote,
    tickSize: spec.tickSize,
    lotSize: spec.lotSize,
    quoteUnit: spec.quoteUnit,
    makerFee: spec.makerFee,
    takerFee: spec.takerFee,
    baseDecimals: decimalsOf(spec.base),
    quoteDecimals: decimalsOf(spec.quote),
  };
}

/** Its status goes in here and comes back through applySettlementPlan: tsc matches both enums. */
function settlementOrder(row: OrderRow): SettlementOrder {
  return {
    id: row.id,
    userId: row.userId,
    market: row.market,
    side: row.side,
    type: row.type,
    price: row.price === null ? null : parseDecimal(row.price),
    filledAmount: parseDecimal(row.filledAmount),
    filledQuoteAmount: parseDecimal(row.filledQuoteAmount),
    lockedRemaining: parseDecimal(row.lockedRemaining),
    status: row.status,
    lastSequence: Number(row.lastSequence ?? 0),
  };
}

function userUpdatesOf(settled: SettlementPlan): UserUpdates {
  const updates = new UserUpdates();
  for (const order of settled.orderUpdates) updates.add(order.userId, { order: order.id });
  for (const move of settled.balanceMoves) updates.add(move.userId, { asset: move.asset });
  return updates;
}
