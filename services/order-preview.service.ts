import { feeTierOfUser } from "../db/fee-tiers.repository.ts";
import { readBookMirror } from "../db/order-book-mirror.repository.ts";
import { listWalletsOfUser } from "../db/wallets.repository.ts";
import { assertNever } from "../kernel/assert-never.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { serviceUnavailable } from "../kernel/errors.ts";
import { formatDecimal, min, multiplyFloor, ONE, parseDecimal } from "../money/decimal.ts";
import type { Auth } from "./caller.ts";
import {
  checkDailyNotional,
  checkMarketAllowed,
  checkOrderNotional,
  guardedNotional,
  quoteNotional,
  usedToday,
  valueInUsdt,
} from "./guardrails.ts";
import type { MarketSpec } from "./market-spec.ts";
import { getMarketSpec } from "./orders.service.ts";
import {
  validateOrder,
  validClientOrderId,
  type PlaceOrderRequest,
  type ValidOrder,
} from "./order-validation.ts";
import { checkAgainstReference } from "./reference-price.service.ts";

/** Levels of the book a preview walks: deeper liquidity is not counted in the estimate. */
const PREVIEW_DEPTH = 100;

/**
 * What placeOrder would do with `input` now, placing nothing (the previewOrder query). Refuses
 * with placeOrder's own codes: the market's filters and reference-price checks, and for an API
 * key its guardrails (not dry-run, which is what a preview is for). Estimates fills from the
 * book mirror's top 100 levels: SERVICE_UNAVAILABLE while the market has none.
 */
export async function previewOrder(
  deps: Dependencies,
  auth: Auth | null,
  input: PlaceOrderRequest,
) {
  validClientOrderId(input.clientOrderId);
  const spec = await getMarketSpec(deps, input.market);
  const order = validateOrder(spec, input);
  await checkAgainstReference(deps, order);
  const notional = await quoteNotional(deps, order);
  const guardrails = auth?.guardrails;
  let dailyNotionalRemaining: bigint | null = null;
  if (guardrails) {
    checkMarketAllowed(guardrails, spec.symbol);
    const guarded = await guardedNotional(deps, guardrails, order);
    if (guarded !== null) checkOrderNotional(guardrails, guarded);
    if (guarded !== null && guardrails.maxDailyNotional !== null && auth.apiKeyId) {
      const used = await usedToday(deps, auth.apiKeyId);
      checkDailyNotional(guardrails, guarded, used);
      dailyNotionalRemaining = guardrails.maxDailyNotional - used;
    }
  }
  const [fills, rates, available, notionalUsdt] = await Promise.all([
    estimateFills(deps, order),
    feeRates(deps, auth, spec),
    auth ? availableOf(deps, auth.user.id, order.lockAsset) : null,
    valueInUsdt(deps, spec.quote, notional),
  ]);
  const fee = multiplyFloor(
    order.command.side === "BUY" ? fills.amount : fills.quote,
    rates.takerFee,
  );
  const show = (v: bigint | null) => (v === null ? null : formatDecimal(v));
  return {
    market: spec.symbol,
    side: order.command.side,
    type: order.command.type,
    quoteAsset: spec.quote,
    notional: formatDecimal(notional),
    notionalUsdt: show(notionalUsdt),
    lockAsset: order.lockAsset,
    lockAmount: formatDecimal(order.lockAmount),
    available: show(available),
    fundsSufficient: available === null ? null : available >= order.lockAmount,
    estimatedFillAmount: formatDecimal(fills.amount),
    estimatedFillQuote: formatDecimal(fills.quote),
    estimatedAveragePrice:
      fills.amount === 0n ? null : formatDecimal((fills.quote * ONE) / fills.amount),
    levelsTaken: fills.levels,
    makerFeeRate: formatDecimal(rates.makerFee),
    takerFeeRate: formatDecimal(rates.takerFee),
    feeAsset: order.command.side === "BUY" ? spec.base : spec.quote,
    estimatedFee: formatDecimal(fee),
    dailyNotionalRemaining: show(
      dailyNotionalRemaining === null
        ? null
        : dailyNotionalRemaining < 0n
          ? 0n
          : dailyNotionalRemaining,
    ),
    dryRun: guardrails?.dryRun ?? false,
  };
}

interface Fills {
  amount: bigint;
  quote: bigint;
  levels: number;
}

/**
 * The fills the order would take from the book now, best price first: a BUY from the asks, a
 * SELL from the bids; a LIMIT order only at its price or better; a MARKET BUY until its
 * quoteAmount is spent (whole lots), any other order until its amount is filled.
 */
async function estimateFills(deps: Dependencies, order: ValidOrder): Promise<Fills> {
  const book = await readBookMirror(
    deps.redis,
    deps.config.namespace,
    order.spec.symbol,
    PREVIEW_DEPTH,
  );
  if (!book) throw serviceUnavailable(`The order book of ${order.spec.symbol}`);
  const side = order.command.side;
  const levels = side === "BUY" ? book.asks : book.bids;
  const fills: Fills = { amount: 0n, quote: 0n, levels: 0 };
  for (const level of levels) {
    const price = parseDecimal(level.price);
    if (order.price !== null && !crosses(side, price, order.price)) break;
    const take = takeAt(order, fills, price, parseDecimal(level.amount));
    if (take <= 0n) break;
    fills.amount += take;
    fills.quote += (take * price) / ONE;
    fills.levels += 1;
  }
  return fills;
}

function crosses(side: "BUY" | "SELL", levelPrice: bigint, limit: bigint): boolean {
  switch (side) {
    case "BUY":
      return levelPrice <= limit;
    case "SELL":
      return levelPrice >= limit;
    default:
      return assertNever(side);
  }
}

/** Base amount the order takes at a level of `available` base at `price`, given what it took. */
function takeAt(order: ValidOrder, taken: Fills, price: bigint, available: bigint): bigint {
  if (order.quoteAmount !== null) {
    const budget = order.quoteAmount - taken.quote;
    const affordable = (budget * ONE) / price;
    const lots = affordable - (affordable % order.spec.lotSize);
    return min(lots, available);
  }
  return min(order.amount! - taken.amount, available);
}

/** The caller's rates on the market: the lower of the market's and their fee tier's. */
async function feeRates(deps: Dependencies, auth: Auth | null, spec: MarketSpec) {
  const market = { makerFee: spec.makerFee, takerFee: spec.takerFee };
  if (!auth) return market;
  const tier = await feeTierOfUser(deps.db, auth.user.id);
  const lower = (own: bigint, rate: string | null | undefined) =>
    rate == null ? own : min(own, parseDecimal(rate));
  return {
    makerFee: lower(market.makerFee, tier?.makerFee),
    takerFee: lower(market.takerFee, tier?.takerFee),
  };
}

async function availableOf(deps: Dependencies, userId: string, asset: string): Promise<bigint> {
  const wallet = (await listWalletsOfUser(deps.db, userId)).find((w) => w.asset === asset);
  return wallet ? parseDecimal(wallet.available) : 0n;
}
