import { startDurableEventConsumer } from "../bus/durable.ts";
import { describeMarketDataStorage } from "../db/timescale.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { tradeTickOf } from "../services/market-spec.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import { marketsOf } from "../services/markets.provider.ts";

export interface MarketDataSettings {
  /**
   * Milliseconds from the start of one batch of event messages to the start of the next
   * (bus/durable.ts `lingerMs`): ticks, candles and their caches are up to this much later, and
   * each transaction carries more trades (docs/PERFORMANCE.md, ninth pass).
   */
  lingerMs: number;
}

export const defaults: MarketDataSettings = { lingerMs: 50 };

/**
 * Market-data fan-out, a durable consumer of the matcher's events: every trade becomes a tick and
 * moves every candle (services/marketdata-recording.service.ts `recordTrades`).
 */
export async function start(deps: Dependencies, settings: MarketDataSettings) {
  const markets = marketsOf(deps);
  await logStorage(deps);
  return startDurableEventConsumer(deps, {
    name: "marketdata",
    lingerMs: settings.lingerMs,
    async handle(messages) {
      const ticks: TradeTick[] = [];
      const batches = messages.map((m) => m.payload);
      for (const message of messages) {
        const batch = message.payload;
        const spec = await markets.require(batch.market);
        for (const e of batch.events) if (e.type === "trade") ticks.push(tradeTickOf(spec, e));
      }
      const { waiting } = await recordTrades(deps, ticks, batches);
      // Batches after one that failed and comes back later: again once it is recorded.
      const held = (b: (typeof batches)[number]) =>
        waiting.some((w) => w.market === b.market && b.fromSeq >= w.fromSeq && b.toSeq <= w.toSeq);
      return { soon: messages.filter((m) => held(m.payload)) };
    },
  });
}

/**
 * One line at start saying where ticks and candles live: `market data storage: timescaledb 2.x.y
 * (hypertable ticks, …)` or `market data storage: plain PostgreSQL tables (…)`.
 */
async function logStorage(deps: Dependencies): Promise<void> {
  try {
    deps.log.info(`market data storage: ${await describeMarketDataStorage(deps.pool)}`);
  } catch (error) {
    deps.log.warn("market data storage: unknown (PostgreSQL not reachable at start)", {
      error: (error as Error).message,
    });
  }
}
