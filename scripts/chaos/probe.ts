import type pg from "pg";
import { CANCEL_ORDER, ORDER, ORDER_BOOK, PLACE_ORDER_ID, httpClient } from "../../client/index.ts";
import { formatDecimal, parseDecimal } from "../../money/decimal.ts";
import { unitsToDecimal, type LoadCounts, type LoadMarket, type Trader } from "./load.ts";
import { patientClient } from "./load.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Recovery probes: what a user would try to tell whether the exchange works again. Each resolves
 * when the platform passed it and throws when it did not within `timeoutMs`.
 */
export function probes(url: string, pool: pg.Pool, counts: LoadCounts) {
  const client = httpClient(url);
  const send = patientClient(counts, 5_000);

  async function until<T>(
    what: string,
    deadline: number,
    attempt: () => Promise<T | null>,
  ): Promise<T> {
    for (;;) {
      const result = await attempt().catch(() => null);
      if (result !== null) return result;
      if (Date.now() > deadline) throw new Error(`${what}: not within the deadline`);
      await sleep(50);
    }
  }

  async function orderStatus(trader: Trader, id: string): Promise<string | null> {
    const answer = await client.request(ORDER, { id }, trader.headers);
    return answer.data?.order?.status ?? null;
  }

  /**
   * The whole order path on every market: a post-only bid far below the book is placed, is
   * settled as accepted (API → outbox → relay → NATS → matcher → settlement: OPEN, or filled by
   * a bot's market sell), then is cancelled and reaches CANCELLED (or FILLED). Resolves with the
   * time every market's bid was accepted.
   */
  async function orderPath(
    trader: Trader,
    markets: LoadMarket[],
    timeoutMs: number,
    probeId: string,
  ): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const openedAt = await Promise.all(
      markets.map(async (market) => {
        const input = {
          market: market.symbol,
          side: "BUY" as const,
          type: "LIMIT" as const,
          postOnly: true,
          price: unitsToDecimal(market.midTicks / 2n, market.priceDecimals),
          amount: unitsToDecimal(market.minLots, market.amountDecimals),
          clientOrderId: `${probeId}-${market.symbol}`,
        };
        const id = await until(`probe order on ${market.symbol} accepted`, deadline, async () => {
          const answer = await send(() =>
            client.request(PLACE_ORDER_ID, { input }, trader.headers),
          );
          return answer.data?.placeOrder.id ?? null;
        });
        // Settled as accepted: OPEN, or already (partly) filled by a bot's market sell.
        const opened = await until(
          `probe order on ${market.symbol} accepted`,
          deadline,
          async () => {
            const status = await orderStatus(trader, id);
            return status && status !== "PENDING" ? Date.now() : null;
          },
        );
        await until(`probe order on ${market.symbol} cancelled`, deadline, async () => {
          const status = await orderStatus(trader, id);
          if (status === "CANCELLED" || status === "FILLED") return true;
          await client.request(CANCEL_ORDER, { id }, trader.headers);
          return null;
        });
        return opened;
      }),
    );
    return Math.max(...openedAt);
  }

  /** Market data has recorded every market's events as far as settlement had applied them now. */
  async function tapeCaughtUp(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const { rows } = await pool.query<{ market: string; last_sequence: string }>(
      `SELECT market, last_sequence::text FROM consumer_offsets WHERE consumer = 'settlement'`,
    );
    return until("market data caught up with settlement", deadline, async () => {
      const { rows: tape } = await pool.query<{ market: string; last_sequence: string }>(
        `SELECT market, last_sequence::text FROM consumer_offsets WHERE consumer = 'marketdata'`,
      );
      const recorded = new Map(tape.map((r) => [r.market, BigInt(r.last_sequence)]));
      const behind = rows.some((r) => (recorded.get(r.market) ?? 0n) < BigInt(r.last_sequence));
      return behind ? null : Date.now();
    });
  }

  /**
   * Polls `orderBook` (depth 100) on every market until it equals the book of open orders in
   * PostgreSQL (the load must be paused and settled). An answer that is a book but not that one
   * is a partial or stale book presented as whole: counted in `wrongBooks`.
   */
  async function servedBook(
    markets: LoadMarket[],
    timeoutMs: number,
    wrongBooks: string[],
  ): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    const expected = new Map<string, string>();
    for (const market of markets) expected.set(market.symbol, await databaseBook(market.symbol));
    return until("served book equals the open orders", deadline, async () => {
      let all = true;
      for (const market of markets) {
        const answer = await client.request(ORDER_BOOK, { market: market.symbol, depth: 100 });
        const book = answer.data?.orderBook;
        if (!book) {
          all = false; // refused (SERVICE_UNAVAILABLE) while the mirror is rebuilt: allowed
          continue;
        }
        const served = JSON.stringify({
          bids: book.bids.map(normalise),
          asks: book.asks.map(normalise),
        });
        if (served !== expected.get(market.symbol)) {
          all = false;
          wrongBooks.push(
            `${market.symbol} at sequence ${book.sequence}: ${book.bids.length} bids / ${book.asks.length} asks served`,
          );
        }
      }
      return all ? Date.now() : null;
    });
  }

  async function databaseBook(market: string): Promise<string> {
    const side = async (side: "BUY" | "SELL") => {
      const { rows } = await pool.query<{ price: string; amount: string }>(
        `SELECT price::text, sum(amount - filled_amount)::text AS amount FROM orders
          WHERE market = $1 AND side = $2 AND type = 'LIMIT'
            AND status IN ('OPEN', 'PARTIALLY_FILLED')
          GROUP BY price ORDER BY price ${side === "BUY" ? "DESC" : "ASC"} LIMIT 100`,
        [market, side],
      );
      return rows.map(normalise);
    };
    return JSON.stringify({ bids: await side("BUY"), asks: await side("SELL") });
  }

  return { orderPath, tapeCaughtUp, servedBook };
}

function normalise(level: { price: string; amount: string }) {
  return {
    price: formatDecimal(parseDecimal(level.price)),
    amount: formatDecimal(parseDecimal(level.amount)),
  };
}
