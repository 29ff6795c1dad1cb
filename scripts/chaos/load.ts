import type { PlaceOrderInput } from "../../client/generated/graphql.ts";
import {
  CANCEL_ORDER,
  CREATE_API_KEY,
  DEPOSIT,
  PLACE_ORDER_ID,
  REGISTER,
  httpClient,
  type GraphQLResponse,
  type Headers,
} from "../../client/index.ts";
import { createRandom } from "../../marketdata/random.ts";
import type { AcceptedOrder } from "./checker.ts";

/**
 * A demo market as the load trades it: prices are whole ticks around `midTicks` and amounts
 * whole lots, formatted as decimal strings (never floats).
 */
export interface LoadMarket {
  symbol: string;
  priceDecimals: number;
  midTicks: bigint;
  /** Ticks between neighbouring prices the bots use. */
  stepTicks: bigint;
  amountDecimals: number;
  /** Smallest and largest amount a bot trades, in lots. */
  minLots: bigint;
  maxLots: bigint;
}

/** The seeded demo markets (db/seed.ts): 0.01 / 0.00001 BTC_USDT, 0.01 / 0.0001 ETH_USDT, … */
export const DEMO_LOAD_MARKETS: LoadMarket[] = [
  {
    symbol: "BTC_USDT",
    priceDecimals: 2,
    midTicks: 3_000_000n,
    stepTicks: 100n,
    amountDecimals: 5,
    minLots: 100n,
    maxLots: 300n,
  },
  {
    symbol: "ETH_USDT",
    priceDecimals: 2,
    midTicks: 200_000n,
    stepTicks: 10n,
    amountDecimals: 4,
    minLots: 100n,
    maxLots: 500n,
  },
  {
    symbol: "ETH_BTC",
    priceDecimals: 6,
    midTicks: 50_000n,
    stepTicks: 10n,
    amountDecimals: 2,
    minLots: 10n,
    maxLots: 50n,
  },
];

/** Whole units as a decimal string with `decimals` places: (12345n, 2) → "123.45". */
export function unitsToDecimal(units: bigint, decimals: number): string {
  const text = units.toString().padStart(decimals + 1, "0");
  return decimals === 0 ? text : `${text.slice(0, -decimals)}.${text.slice(-decimals)}`;
}

/** What every request of the load saw, for the run's report. */
export interface LoadCounts {
  placed: number;
  refused: number;
  cancels: number;
  retries: number;
  /** Answers with INTERNAL_SERVER_ERROR: never allowed, whatever failed underneath. */
  internalErrors: string[];
}

/** Codes meaning "try the same request again": a dependency or the API itself is away. */
const RETRYABLE = new Set(["SERVICE_UNAVAILABLE", "RATE_LIMITED"]);

export interface Trader {
  name: string;
  userId: string;
  headers: Headers;
}

/**
 * An HTTP client that retries what failed in transit (connection refused while the API restarts,
 * SERVICE_UNAVAILABLE while a store is away) for up to `patienceMs`, as a careful bot does;
 * retried placements keep their clientOrderId, so a retry can never place twice.
 */
export function patientClient(counts: LoadCounts, patienceMs = 60_000) {
  return async function send<TData>(
    request: () => Promise<GraphQLResponse<TData>>,
  ): Promise<GraphQLResponse<TData>> {
    const deadline = Date.now() + patienceMs;
    for (;;) {
      let answer: GraphQLResponse<TData> | null = null;
      try {
        answer = await request();
      } catch {
        answer = null; // connection refused or reset, or a body that is not JSON: in transit
      }
      const code = answer?.errors?.[0]?.extensions?.code;
      if (code === "INTERNAL_SERVER_ERROR") counts.internalErrors.push(answer!.errors![0]!.message);
      const retry =
        answer === null ||
        (code !== undefined && RETRYABLE.has(code)) ||
        (answer.status >= 500 && !answer.data);
      if (!retry || Date.now() > deadline) {
        return answer ?? { status: 0, errors: [{ message: "no answer before the deadline" }] };
      }
      counts.retries++;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
}

/** Registers a funded trader with a TRADE key (the demo faucet funds it). */
export async function createTrader(
  url: string,
  counts: LoadCounts,
  name: string,
  funds: Record<string, string>,
): Promise<Trader> {
  const client = httpClient(url);
  const send = patientClient(counts);
  const reg = await send(() =>
    client.request(REGISTER, {
      input: { name, email: `${name}@chaos.test`, password: "chaos-password-123" },
    }),
  );
  if (!reg.data) throw new Error(`register ${name}: ${JSON.stringify(reg.errors)}`);
  const bearer = { authorization: `Bearer ${reg.data.register.token}` };
  const key = await send(() =>
    client.request(CREATE_API_KEY, { input: { name: "chaos", permissions: ["TRADE"] } }, bearer),
  );
  if (!key.data) throw new Error(`createApiKey ${name}: ${JSON.stringify(key.errors)}`);
  const headers = { "x-api-key": key.data.createApiKey.secret };
  for (const [asset, amount] of Object.entries(funds)) {
    const deposit = await send(() => client.request(DEPOSIT, { asset, amount }, headers));
    if (!deposit.data) throw new Error(`deposit ${name}: ${JSON.stringify(deposit.errors)}`);
  }
  return { name, userId: reg.data.register.user.id, headers };
}

/**
 * Bots placing limit orders (GTC and IOC) around each market's mid so most of them trade,
 * market sells, and cancels of their own orders, each with a clientOrderId and retried through
 * outages. Every order the API accepted is recorded for the checker.
 */
export function startLoad(
  url: string,
  traders: Trader[],
  markets: LoadMarket[],
  options: { pauseMs: number; seed: number },
) {
  const counts: LoadCounts = { placed: 0, refused: 0, cancels: 0, retries: 0, internalErrors: [] };
  const accepted: AcceptedOrder[] = [];
  const client = httpClient(url);
  const send = patientClient(counts);
  const random = createRandom(options.seed);
  const pick = <T>(items: T[]) => items[Math.floor(random.next() * items.length)]!;
  const between = (low: bigint, high: bigint) =>
    low + BigInt(Math.floor(random.next() * Number(high - low + 1n)));
  let running = true;
  let busy = 0;
  let paused: Promise<void> | null = null;
  let resume: (() => void) | null = null;

  function nextOrder(trader: Trader, n: number): PlaceOrderInput {
    const market = pick(markets);
    const side = random.next() < 0.5 ? "BUY" : "SELL";
    const amount = unitsToDecimal(between(market.minLots, market.maxLots), market.amountDecimals);
    const clientOrderId = `${trader.name}-${n}`;
    if (side === "SELL" && random.next() < 0.08) {
      return { market: market.symbol, side, type: "MARKET", amount, clientOrderId };
    }
    // Buyers lean up and sellers down by two steps, so about half the orders cross.
    const offset = between(-8n, 8n) + (side === "BUY" ? 2n : -2n);
    const price = unitsToDecimal(market.midTicks + offset * market.stepTicks, market.priceDecimals);
    const ioc = random.next() < 0.2;
    return {
      market: market.symbol,
      side,
      type: "LIMIT",
      price,
      amount,
      clientOrderId,
      ...(ioc ? { timeInForce: "IOC" as const } : {}),
    };
  }

  async function bot(trader: Trader): Promise<void> {
    const mine: string[] = [];
    for (let n = 0; running; n++) {
      if (paused) await paused;
      if (!running) break;
      busy++;
      if (mine.length > 0 && random.next() < 0.25) {
        const id = mine.splice(Math.floor(random.next() * mine.length), 1)[0]!;
        await send(() => client.request(CANCEL_ORDER, { id }, trader.headers));
        counts.cancels++;
      } else {
        const input = nextOrder(trader, n);
        const answer = await send(() => client.request(PLACE_ORDER_ID, { input }, trader.headers));
        const id = answer.data?.placeOrder.id;
        if (id) {
          counts.placed++;
          accepted.push({ id, userId: trader.userId, clientOrderId: input.clientOrderId ?? null });
          if (input.type === "LIMIT" && !input.timeInForce) mine.push(id);
          if (mine.length > 30) mine.shift();
        } else {
          counts.refused++;
        }
      }
      busy--;
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  }

  const bots = traders.map((t) => bot(t));
  return {
    counts,
    accepted,
    /** Bots finish the request in hand and wait; resolves when none is mid-request. */
    async pause() {
      paused ??= new Promise<void>((resolve) => (resume = resolve));
      while (busy > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    resume() {
      resume?.();
      paused = null;
      resume = null;
    },
    async stop() {
      running = false;
      this.resume();
      await Promise.all(bots);
    },
  };
}
