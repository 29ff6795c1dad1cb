import { busSubjects } from "../bus/subjects.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import type { CandleInterval } from "../marketdata/intervals.ts";
import { requireMarket } from "../services/marketdata.service.ts";
import { liveIterator } from "./live.ts";

/** Each trade of the market as the market-data consumer records it. MARKET_NOT_FOUND if unknown. */
export async function tradeUpdates(deps: Dependencies, market: string) {
  await requireMarket(deps, market);
  const subject = busSubjects(deps.config.namespace).tradeSubject(market);
  return liveIterator(deps, subject, (trade) => [{ trades: trade }]);
}

/** The market's current bar of one interval each time a recorded trade moves it. */
export async function candleUpdates(deps: Dependencies, market: string, interval: CandleInterval) {
  await requireMarket(deps, market);
  const subject = busSubjects(deps.config.namespace).candleSubject(market, interval);
  return liveIterator(deps, subject, (bar) => [{ candles: bar }]);
}
