import { startDurableEventConsumer } from "../bus/durable.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { tapeSequence } from "../marketdata/tape.ts";
import type { TradeTick } from "../marketdata/types.ts";
import { formatDecimal } from "../money/decimal.ts";
import { lotsToAmount, ticksToPrice, unitsToQuote } from "../services/market-spec.ts";
import { recordTrades } from "../services/marketdata-recording.service.ts";
import { marketsOf } from "../services/markets.provider.ts";

/** The market-data consumer takes no settings of its own. */
export type MarketDataSettings = Record<string, never>;

export const defaults: MarketDataSettings = {};

/**
 * Market-data fan-out, a durable consumer of the matcher's events: every trade becomes a tick and
 * moves every candle (services/marketdata-recording.service.ts `recordTrades`).
 */
export async function start(deps: Dependencies, _settings: MarketDataSettings) {
  const markets = marketsOf(deps);
  return startDurableEventConsumer(deps, {
    name: "marketdata",
    async handle(messages) {
      const ticks: TradeTick[] = [];
      for (const message of messages) {
        const batch = message.payload;
        const spec = await markets.require(batch.market);
        for (const e of batch.events) {
          if (e.type !== "trade") continue;
          ticks.push({
            market: batch.market,
            sequence: tapeSequence(e.seq, e.matchIndex),
            price: formatDecimal(ticksToPrice(spec, e.priceTicks)),
            amount: formatDecimal(lotsToAmount(spec, e.lots)),
            quoteAmount: formatDecimal(unitsToQuote(spec, e.quote)),
            takerSide: e.takerSide,
            executedAt: new Date(e.ts),
          });
        }
      }
      if (ticks.length) await recordTrades(deps, ticks);
      return {};
    },
  });
}
