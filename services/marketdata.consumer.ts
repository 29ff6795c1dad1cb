import type { Dependencies } from "../api/dependencies.ts";
import { startDurableEventConsumer } from "../bus/durable.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import { listMarkets } from "../db/markets.repository.ts";
import type { TradeEvent } from "../matcher/index.ts";
import { formatDecimal } from "../money/decimal.ts";
import {
  lotsToAmount,
  marketSpec,
  ticksToPrice,
  unitsToQuote,
  type MarketSpec,
} from "./market-spec.ts";
import { recordTrades } from "./marketdata.service.ts";
import { tapeSequence } from "../marketdata/tape.ts";

/** Market-data fan-out: every trade the matcher reports becomes a tick and moves every candle. */
export function startMarketDataConsumer(deps: Dependencies) {
  let specs: Map<string, MarketSpec> | null = null;
  return startDurableEventConsumer(deps, {
    name: "marketdata",
    async handle(messages) {
      const markets = messages.map((m) => m.json<EventBatchMessage>().market);
      if (!specs || markets.some((market) => !specs!.has(market))) {
        specs = new Map((await listMarkets(deps.db)).map((row) => [row.symbol, marketSpec(row)]));
      }
      const ticks = messages.flatMap((m) => {
        const batch = m.json<EventBatchMessage>();
        const spec = specs!.get(batch.market)!;
        return batch.events
          .filter((e): e is TradeEvent => e.type === "trade")
          .map((e) => ({
            market: batch.market,
            sequence: tapeSequence(e.seq, e.matchIndex),
            price: formatDecimal(ticksToPrice(spec, e.priceTicks)),
            amount: formatDecimal(lotsToAmount(spec, e.lots)),
            quoteAmount: formatDecimal(unitsToQuote(spec, e.quote)),
            takerSide: e.takerSide,
            executedAt: new Date(e.ts),
          }));
      });
      if (ticks.length) await recordTrades(deps, ticks);
      return {};
    },
  });
}
