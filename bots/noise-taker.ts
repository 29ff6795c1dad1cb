import { ApiError } from "../client/errors.ts";
import type { ExchangeClient } from "../client/exchange-client.ts";
import type { PlaceOrderInput } from "../client/generated/graphql.ts";
import { createRandom, type Random } from "../marketdata/random.ts";
import { formatDecimal, roundDown } from "../money/decimal.ts";
import { topUp, type BotLog, type Funding } from "./funding.ts";
import { describe, sleep } from "./market-maker.ts";
import { insideBand, lotsFor, type BotMarket } from "./market-spec.ts";
import type { ReferenceWalk } from "./reference-price.ts";

export interface TakerSettings {
  /** Pause between two orders, uniform in [min, max) ms. */
  pauseMs: [min: number, max: number];
  /** Order size, uniform in [min, max) minNotionals. */
  sizeMinNotionals: [min: number, max: number];
  /** How far past the reference a crossing LIMIT is priced, in basis points. */
  crossBps: number;
  /** Share of MARKET orders (the rest are crossing LIMIT IOC). */
  marketShare: number;
}

export const DEFAULT_TAKER: TakerSettings = {
  pauseMs: [300, 1_500],
  sizeMinNotionals: [2, 12],
  crossBps: 6,
  marketShare: 0.5,
};

/**
 * One random order near the reference (pure, seeded): BUY or SELL alike; MARKET (a BUY spends a
 * quote amount, a SELL sells lots) or LIMIT IOC priced `crossBps` through the reference, so it
 * takes the maker's best levels and never rests.
 */
export function nextTakerOrder(input: {
  market: BotMarket;
  settings: TakerSettings;
  reference: bigint;
  random: Random;
}): PlaceOrderInput {
  const { market, settings, reference, random } = input;
  const side = random.next() < 0.5 ? ("BUY" as const) : ("SELL" as const);
  const minNotionals = random.uniform(...settings.sizeMinNotionals);
  const notional = (market.minNotional * BigInt(Math.round(minNotionals * 100))) / 100n;
  const amount = lotsFor(market, notional, reference) * market.lotSize;
  if (random.next() < settings.marketShare) {
    return side === "BUY"
      ? {
          market: market.symbol,
          side,
          type: "MARKET",
          quoteAmount: formatDecimal(roundDown(notional, 8)),
        }
      : { market: market.symbol, side, type: "MARKET", amount: formatDecimal(amount) };
  }
  const cross = (reference * BigInt(settings.crossBps)) / 10_000n;
  const raw = side === "BUY" ? reference + cross : reference - cross;
  let price = (raw / market.tickSize) * market.tickSize;
  if (!insideBand(market, price, reference))
    price = (reference / market.tickSize) * market.tickSize;
  return {
    market: market.symbol,
    side,
    type: "LIMIT",
    timeInForce: "IOC",
    price: formatDecimal(price),
    amount: formatDecimal(amount),
  };
}

/**
 * Sends a random small order every few hundred ms until `signal` aborts (seeded: the same seed
 * sends the same sequence of sides, types and sizes). Short of funds it tops up from the faucet.
 */
export async function runNoiseTaker(args: {
  client: ExchangeClient;
  market: BotMarket;
  walk: ReferenceWalk;
  funding: Funding;
  seed: number;
  signal: AbortSignal;
  log: BotLog;
  settings?: TakerSettings;
}): Promise<void> {
  const settings = args.settings ?? DEFAULT_TAKER;
  const random = createRandom(args.seed);
  while (!args.signal.aborted) {
    await sleep(random.uniform(...settings.pauseMs), args.signal);
    if (args.signal.aborted) break;
    const order = nextTakerOrder({
      market: args.market,
      settings,
      reference: args.walk.priceAt(Date.now()),
      random,
    });
    try {
      await args.client.placeOrder(order);
    } catch (error) {
      if (error instanceof ApiError && error.code === "INSUFFICIENT_FUNDS") {
        await topUp(args.client, args.funding).catch(() => undefined);
      } else if (!args.signal.aborted) {
        // An empty book (NO_REFERENCE_PRICE) or a halted market: wait for the next turn.
        args.log(`taker ${args.market.symbol}: ${describe(error)}`);
        await sleep(2_000, args.signal);
      }
    }
  }
}
