import { ApiError } from "../client/errors.ts";
import type { ExchangeClient } from "../client/exchange-client.ts";
import { graphql } from "../client/generated/index.ts";
import type { OrderSide } from "../client/generated/graphql.ts";
import { WALLETS } from "../client/operations.ts";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { topUp, type BotLog, type Funding } from "./funding.ts";
import { insideBand, lotsFor, type BotMarket } from "./market-spec.ts";
import type { ReferenceWalk } from "./reference-price.ts";

export interface MakerSettings {
  /** Price levels quoted on each side. */
  levels: number;
  /** Distance between levels (and the spread), in basis points of the price (1 bp = 0.01 %). */
  spacingBps: number;
  /** Notional of the best level, in minNotionals; level i (from 0) is (1 + i / 4) times it. */
  levelMinNotionals: number;
  /**
   * Inventory bound, in best-level sizes: the ladder leans away from the inventory in proportion
   * to it, and past it the side that would grow it stops.
   */
  inventoryLevels: number;
  /** How often the maker looks at the reference, its orders and its wallet. */
  cycleMs: number;
}

export const DEFAULT_MAKER: MakerSettings = {
  levels: 10,
  spacingBps: 2,
  levelMinNotionals: 40,
  inventoryLevels: 60,
  cycleMs: 1_000,
};

/** One order the maker wants resting: side, price and amount in exact units. */
export interface Quote {
  side: OrderSide;
  price: bigint;
  amount: bigint;
}

/**
 * The ladder around `reference`: `levels` bids and asks on a grid of `spacing` (a whole number of
 * ticks), so a small move of the reference changes nothing and a move across one grid line
 * changes one level per side. The centre leans against the inventory (long: lower prices, so
 * the asks fill first), and past `inventoryLimit` the side that would grow it is left out.
 */
export function planLadder(input: {
  market: BotMarket;
  settings: MakerSettings;
  reference: bigint;
  /** Base held beyond the maker's starting position (exact units; negative: short). */
  inventory: bigint;
}): Quote[] {
  const { market, settings, reference, inventory } = input;
  const tick = market.tickSize;
  const spacingTicks = BigInt(
    Math.max(1, Math.round((Number(reference / tick) * settings.spacingBps) / 10_000)),
  );
  const spacing = spacingTicks * tick;
  const bestLots = lotsFor(
    market,
    market.minNotional * BigInt(settings.levelMinNotionals),
    reference,
  );
  const limit = bestLots * market.lotSize * BigInt(settings.inventoryLevels);
  // Lean up to half the ladder's width, in proportion to the inventory.
  const leanSteps = (inventory * BigInt(settings.levels)) / (2n * limit);
  const centre = reference - leanSteps * spacing;
  const grid = centre / spacing;
  const quotes: Quote[] = [];
  for (let i = 0; i < settings.levels; i++) {
    const amount = ((bestLots * BigInt(4 + i)) / 4n) * market.lotSize;
    const bid = (grid - BigInt(i)) * spacing;
    const ask = (grid + 1n + BigInt(i)) * spacing;
    if (inventory < limit && bid > 0n && insideBand(market, bid, reference))
      quotes.push({ side: "BUY", price: bid, amount });
    if (inventory > -limit && insideBand(market, ask, reference))
      quotes.push({ side: "SELL", price: ask, amount });
  }
  return quotes;
}

/** An order of the maker's as the `orders` query lists it. */
export interface RestingOrder {
  id: string;
  side: OrderSide;
  price: string | null;
}

/**
 * What to change so the resting orders become `wanted`: cancel every order whose (side, price)
 * is not wanted (or repeats one), place every wanted quote with no order at its (side, price).
 * A partly filled order at a wanted price stays; it is re-placed once it has filled.
 */
export function diffQuotes(
  resting: readonly RestingOrder[],
  wanted: readonly Quote[],
): { cancel: string[]; place: Quote[] } {
  const key = (side: OrderSide, price: bigint) => `${side}:${price}`;
  const wantedKeys = new Set(wanted.map((q) => key(q.side, q.price)));
  const held = new Set<string>();
  const cancel: string[] = [];
  for (const order of resting) {
    const k = order.price === null ? null : key(order.side, parseDecimal(order.price));
    if (k === null || !wantedKeys.has(k) || held.has(k)) cancel.push(order.id);
    else held.add(k);
  }
  return { cancel, place: wanted.filter((q) => !held.has(key(q.side, q.price))) };
}

const MAKER_ORDERS = graphql(`
  query MakerOrders($market: String!) {
    orders(market: $market, status: [PENDING, OPEN, PARTIALLY_FILLED], first: 100) {
      edges {
        node {
          id
          side
          price
        }
      }
    }
  }
`);

/**
 * Quotes `market` until `signal` aborts: every cycle reads the reference walk, its open orders
 * and its wallet, plans the ladder and cancels/places only the difference. New orders expire a
 * crossing order of its own (EXPIRE_MAKER) rather than trade with it. Cancels what it holds on
 * the way out.
 */
export async function runMarketMaker(args: {
  client: ExchangeClient;
  market: BotMarket;
  walk: ReferenceWalk;
  funding: Funding;
  signal: AbortSignal;
  log: BotLog;
  settings?: MakerSettings;
  /** Called after each cycle with the orders resting then (for "book is two-sided" logs). */
  onCycle?: (quotes: Quote[]) => void;
}): Promise<void> {
  const { client, market, signal } = args;
  const settings = args.settings ?? DEFAULT_MAKER;
  let startingBase: bigint | null = null;
  while (!signal.aborted) {
    try {
      const reference = args.walk.priceAt(Date.now());
      const [{ orders }, { wallets }] = await Promise.all([
        client.request(MAKER_ORDERS, { market: market.symbol }),
        client.request(WALLETS),
      ]);
      const baseHeld = wallets
        .filter((w) => w.asset === market.base)
        .reduce((sum, w) => sum + parseDecimal(w.available) + parseDecimal(w.locked), 0n);
      const given = args.funding.deposited.get(market.base) ?? 0n;
      startingBase ??= baseHeld - given;
      const inventory = baseHeld - given - startingBase;
      const wanted = planLadder({ market, settings, reference, inventory });
      const resting = orders.edges.map((e) => e.node);
      const { cancel, place } = diffQuotes(resting, wanted);
      await Promise.all(cancel.map((id) => cancelQuietly(client, id)));
      for (const quote of place) {
        if (signal.aborted) break;
        await placeQuote(args, quote);
      }
      args.onCycle?.(wanted);
    } catch (error) {
      if (!signal.aborted) args.log(`maker ${market.symbol}: ${describe(error)}`);
    }
    await sleep(settings.cycleMs, signal);
  }
  await cancelAll(client, market.symbol);
}

async function placeQuote(
  args: { client: ExchangeClient; market: BotMarket; funding: Funding; log: BotLog },
  quote: Quote,
) {
  const input = {
    market: args.market.symbol,
    side: quote.side,
    type: "LIMIT" as const,
    price: formatDecimal(quote.price),
    amount: formatDecimal(quote.amount),
    selfTradePrevention: "EXPIRE_MAKER" as const,
  };
  try {
    await args.client.placeOrder(input);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== "INSUFFICIENT_FUNDS") throw error;
    await topUp(args.client, args.funding);
    await args.client.placeOrder(input);
  }
}

async function cancelQuietly(client: ExchangeClient, id: string) {
  try {
    await client.cancelOrder(id);
  } catch (error) {
    // Filled or cancelled meanwhile: nothing to do.
    if (!(error instanceof ApiError) || !["ORDER_NOT_OPEN", "ORDER_NOT_FOUND"].includes(error.code))
      throw error;
  }
}

/**
 * Cancels every open order of the bot on the market and waits (at most `waitMs`) until the
 * exchange lists none, so a platform stopping right after does not keep them on the book. Best
 * effort: the exchange may be gone already.
 */
export async function cancelAll(client: ExchangeClient, market: string, waitMs = 3_000) {
  const deadline = Date.now() + waitMs;
  try {
    for (;;) {
      const { orders } = await client.request(MAKER_ORDERS, { market });
      if (orders.edges.length === 0 || Date.now() > deadline) return;
      await Promise.all(orders.edges.map((e) => cancelQuietly(client, e.node.id)));
      await sleep(200);
    }
  } catch {
    // Stopping anyway; a maker started later cancels what it does not want.
  }
}

export function describe(error: unknown): string {
  if (error instanceof ApiError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
