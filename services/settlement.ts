import { UserUpdates } from "../bus/live.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import { inTransaction } from "../db/client.ts";
import type { OrderRow } from "../db/schema.ts";
import {
  applySettlementPlan,
  lockConsumerOffsets,
  lockOrders,
} from "../db/settlement.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { parseDecimal } from "../money/decimal.ts";
import { admitBatches, orderIdsOf } from "../settlement/admission.ts";
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
  return inTransaction(deps.pool, async (client) => {
    const markets = batches.map((b) => b.market);
    const offsets = await lockConsumerOffsets(client, SETTLEMENT_CONSUMER, markets);
    const admission = admitBatches(batches, offsets);
    const rows = await lockOrders(client, orderIdsOf(admission));
    const orders = new Map([...rows].map(([id, row]) => [id, settlementOrder(row)]));
    const terms = settlementTerms(setup, [...markets, ...[...rows.values()].map((r) => r.market)]);
    const settled = plan(admission, orders, terms);
    await applySettlementPlan(client, SETTLEMENT_CONSUMER, settled, postMoves);
    const { done, deferred } = admission;
    return { done, deferred, updates: userUpdatesOf(settled) };
  });
}

/**
 * The terms of the markets a delivery needs, and only those: a market just added may name an
 * asset this setup does not know yet, and must not stop the others.
 */
function settlementTerms(setup: SettlementSetup, symbols: readonly string[]): SettlementTerms {
  const markets = new Map<string, SettlementMarket>();
  for (const symbol of new Set(symbols)) {
    const spec = setup.specs.get(symbol);
    if (spec) markets.set(symbol, settlementMarket(spec, setup.assetDecimals));
  }
  return { markets, feeAccountId: setup.feeAccountId };
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
