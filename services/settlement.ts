import { UserUpdates } from "../bus/live.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import type { OrderRow } from "../db/schema.ts";
import {
  insertLedgerRows,
  insertTrades,
  lockConsumerOffsets,
  lockOrders,
  lockWallets,
  saveConsumerOffsets,
  saveOrders,
  saveWallets,
  type Client,
  type LedgerRow,
  type OrderUpdate,
  type TradeInsert,
} from "../db/settlement.repository.ts";
import type { MatcherEvent, TradeEvent } from "../matcher/index.ts";
import { formatDecimal, multiplyExact, multiplyFloor, parseDecimal } from "../money/decimal.ts";
import { lotsToAmount, ticksToPrice, unitsToQuote, type MarketSpec } from "./market-spec.ts";

export const SETTLEMENT_CONSUMER = "settlement";

export interface SettlementSetup {
  specs: Map<string, MarketSpec>;
  assetDecimals: Map<string, number>;
  feeAccountId: string;
}

export interface SettlementResult {
  /** Batches whose events are now applied (or were already): ack them. */
  done: EventBatchMessage[];
  /** Batches that came before an earlier one of their market: retry them later. */
  deferred: EventBatchMessage[];
  trades: TradeInsert[];
  /** Whose orders and wallets changed, for live updates once committed. */
  updates: UserUpdates;
}

interface OrderState {
  row: OrderRow;
  filled: bigint;
  filledQuote: bigint;
  locked: bigint;
  status: OrderRow["status"];
  lastSequence: number;
  changed: boolean;
}

/**
 * Applies matcher event batches to PostgreSQL in the caller's transaction: wallets, ledger,
 * orders, trades and the consumer offset together, or nothing. An event at or below a market's
 * offset was applied before and is skipped, so re-delivery changes nothing; a batch that starts
 * past offset + 1 waits for the one before it.
 */
export async function settleBatches(
  client: Client,
  setup: SettlementSetup,
  batches: EventBatchMessage[],
): Promise<SettlementResult> {
  const offsets = await lockConsumerOffsets(
    client,
    SETTLEMENT_CONSUMER,
    batches.map((b) => b.market),
  );
  const done: EventBatchMessage[] = [];
  const deferred: EventBatchMessage[] = [];
  const blocked = new Set<string>();
  const pending: MatcherEvent[][] = [];
  const marketOf: string[] = [];
  const next = new Map(offsets);
  for (const batch of batches) {
    const last = next.get(batch.market) ?? 0;
    if (blocked.has(batch.market) || batch.fromSeq > last + 1) {
      blocked.add(batch.market);
      deferred.push(batch);
      continue;
    }
    done.push(batch);
    if (batch.toSeq <= last) continue;
    pending.push(batch.events.filter((e) => e.seq > last));
    marketOf.push(batch.market);
    next.set(batch.market, batch.toSeq);
  }

  const orderIds = new Set<string>();
  for (const events of pending) {
    for (const e of events) {
      if (e.type === "trade") {
        orderIds.add(e.makerOrderId);
        orderIds.add(e.takerOrderId);
      } else if (e.type !== "rejected" || e.command === "limit" || e.command === "market") {
        orderIds.add(e.orderId);
      }
    }
  }
  const rows = await lockOrders(client, [...orderIds]);
  const orders = new Map<string, OrderState>();
  for (const [id, row] of rows) {
    orders.set(id, {
      row,
      filled: parseDecimal(row.filledAmount),
      filledQuote: parseDecimal(row.filledQuoteAmount),
      locked: parseDecimal(row.lockedRemaining),
      status: row.status,
      lastSequence: Number(row.lastSequence ?? 0),
      changed: false,
    });
  }

  // Balance changes are gathered first and applied after everything else is written, so the
  // wallet rows — which placeOrder updates too — stay locked for as short a time as possible.
  interface Move {
    userId: string;
    asset: string;
    availableDelta: bigint;
    lockedDelta: bigint;
    reason: LedgerRow["reason"];
    reference: string;
  }
  const moves: Move[] = [];
  const trades: TradeInsert[] = [];
  const change = (
    userId: string,
    asset: string,
    availableDelta: bigint,
    lockedDelta: bigint,
    reason: LedgerRow["reason"],
    reference: string,
  ) => {
    if (availableDelta === 0n && lockedDelta === 0n) return;
    moves.push({ userId, asset, availableDelta, lockedDelta, reason, reference });
  };

  const release = (order: OrderState, status: OrderRow["status"], seq: number) => {
    const spec = setup.specs.get(order.row.market)!;
    const asset = order.row.side === "BUY" ? spec.quote : spec.base;
    change(
      order.row.userId,
      asset,
      order.locked,
      -order.locked,
      "ORDER_UNLOCK",
      `order:${order.row.id}`,
    );
    order.locked = 0n;
    order.status = status;
    touch(order, seq);
  };
  const touch = (order: OrderState, seq: number) => {
    order.changed = true;
    order.lastSequence = Math.max(order.lastSequence, seq);
  };

  // The fee account's income is one ledger row per market and asset per batch, not per trade.
  const feeIncome = new Map<string, Map<string, bigint>>();
  const collectFee = (spec: MarketSpec, asset: string, fee: bigint) => {
    const byAsset = feeIncome.get(spec.symbol) ?? new Map<string, bigint>();
    byAsset.set(asset, (byAsset.get(asset) ?? 0n) + fee);
    feeIncome.set(spec.symbol, byAsset);
  };

  const settleTrade = (spec: MarketSpec, e: TradeEvent) => {
    const maker = orders.get(e.makerOrderId);
    const taker = orders.get(e.takerOrderId);
    if (!maker || !taker) throw new Error(`trade ${spec.symbol}:${e.seq} names an unknown order`);
    const [buyer, seller] = e.takerSide === "BUY" ? [taker, maker] : [maker, taker];
    const price = ticksToPrice(spec, e.priceTicks);
    const amount = lotsToAmount(spec, e.lots);
    const quote = unitsToQuote(spec, e.quote);
    const buyerRate = e.takerSide === "BUY" ? spec.takerFee : spec.makerFee;
    const sellerRate = e.takerSide === "SELL" ? spec.takerFee : spec.makerFee;
    const buyerFee = multiplyFloor(amount, buyerRate, setup.assetDecimals.get(spec.base)!);
    const sellerFee = multiplyFloor(quote, sellerRate, setup.assetDecimals.get(spec.quote)!);
    // A LIMIT buy locked its own price × amount; paying the maker's lower price refunds the rest.
    const consumed =
      buyer.row.type === "LIMIT" ? multiplyExact(parseDecimal(buyer.row.price!), amount) : quote;
    const ref = `trade:${spec.symbol}:${e.seq}:${e.matchIndex}`;

    change(buyer.row.userId, spec.quote, consumed - quote, -consumed, "TRADE", ref);
    change(buyer.row.userId, spec.base, amount, 0n, "TRADE", ref);
    change(buyer.row.userId, spec.base, -buyerFee, 0n, "FEE", ref);
    change(seller.row.userId, spec.base, 0n, -amount, "TRADE", ref);
    change(seller.row.userId, spec.quote, quote, 0n, "TRADE", ref);
    change(seller.row.userId, spec.quote, -sellerFee, 0n, "FEE", ref);
    collectFee(spec, spec.base, buyerFee);
    collectFee(spec, spec.quote, sellerFee);

    for (const [order, unlocked] of [
      [buyer, consumed],
      [seller, amount],
    ] as const) {
      order.filled += amount;
      order.filledQuote += quote;
      order.locked -= unlocked;
      if (order.status === "PENDING" || order.status === "OPEN") order.status = "PARTIALLY_FILLED";
      touch(order, e.seq);
    }
    trades.push({
      market: spec.symbol,
      sequence: e.seq,
      matchIndex: e.matchIndex,
      price: formatDecimal(price),
      amount: formatDecimal(amount),
      quoteAmount: formatDecimal(quote),
      takerSide: e.takerSide,
      makerOrderId: e.makerOrderId,
      takerOrderId: e.takerOrderId,
      buyerId: buyer.row.userId,
      sellerId: seller.row.userId,
      buyerFee: formatDecimal(buyerFee),
      sellerFee: formatDecimal(sellerFee),
      executedAt: new Date(e.ts),
    });
  };

  for (let i = 0; i < pending.length; i++) {
    const spec = setup.specs.get(marketOf[i]!)!;
    for (const e of pending[i]!) {
      if (e.type === "trade") {
        settleTrade(spec, e);
        continue;
      }
      if (e.type === "amended") continue;
      const order = orders.get(e.orderId);
      if (!order) continue; // a rejected cancel of an unknown order, or a foreign command
      switch (e.type) {
        case "accepted":
          if (order.status === "PENDING") order.status = "OPEN";
          touch(order, e.seq);
          break;
        case "rested":
          order.status = order.filled > 0n ? "PARTIALLY_FILLED" : "OPEN";
          touch(order, e.seq);
          break;
        case "filled":
          release(order, "FILLED", e.seq);
          break;
        case "cancelled":
          release(order, "CANCELLED", e.seq);
          break;
        case "expired":
          release(order, "EXPIRED", e.seq);
          break;
        case "rejected":
          if (e.command === "limit" || e.command === "market") release(order, "REJECTED", e.seq);
          break;
      }
    }
  }

  for (const [market, byAsset] of feeIncome) {
    const reference = `fees:${market}:${(offsets.get(market) ?? 0) + 1}-${next.get(market)}`;
    for (const [asset, amount] of byAsset)
      change(setup.feeAccountId, asset, amount, 0n, "FEE_INCOME", reference);
  }

  const orderUpdates: OrderUpdate[] = [...orders.values()]
    .filter((o) => o.changed)
    .map((o) => ({
      id: o.row.id,
      status: o.status,
      filledAmount: formatDecimal(o.filled),
      filledQuoteAmount: formatDecimal(o.filledQuote),
      lockedRemaining: formatDecimal(o.locked),
      lastSequence: o.lastSequence,
    }));
  await saveOrders(client, orderUpdates);
  await insertTrades(client, trades);

  const wallets = new Map<string, { available: bigint; locked: bigint }>();
  const locked = moves.length ? await lockWallets(client, moves) : [];
  for (const w of locked) {
    wallets.set(`${w.userId}|${w.asset}`, {
      available: parseDecimal(w.available),
      locked: parseDecimal(w.locked),
    });
  }
  const ledger: LedgerRow[] = moves.map((m) => {
    const wallet = wallets.get(`${m.userId}|${m.asset}`)!;
    wallet.available += m.availableDelta;
    wallet.locked += m.lockedDelta;
    if (wallet.available < 0n || wallet.locked < 0n) {
      throw new Error(
        `settlement would make ${m.userId} ${m.asset} negative (${m.reference}): refusing`,
      );
    }
    return {
      userId: m.userId,
      asset: m.asset,
      reason: m.reason,
      availableDelta: formatDecimal(m.availableDelta),
      lockedDelta: formatDecimal(m.lockedDelta),
      availableAfter: formatDecimal(wallet.available),
      lockedAfter: formatDecimal(wallet.locked),
      reference: m.reference,
    };
  });
  await saveWallets(
    client,
    [...wallets.entries()].map(([key, w]) => {
      const [userId, asset] = key.split("|") as [string, string];
      return {
        userId,
        asset,
        available: formatDecimal(w.available),
        locked: formatDecimal(w.locked),
      };
    }),
  );
  await insertLedgerRows(client, ledger);
  const moved = new Map([...next].filter(([market, seq]) => seq !== offsets.get(market)));
  if (moved.size) await saveConsumerOffsets(client, SETTLEMENT_CONSUMER, moved);
  const updates = new UserUpdates();
  for (const o of orders.values()) if (o.changed) updates.add(o.row.userId, { order: o.row.id });
  for (const m of moves) updates.add(m.userId, { asset: m.asset });
  return { done, deferred, trades, updates };
}
