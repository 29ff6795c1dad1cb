import { latestCandles } from "../db/marketdata.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { bucketStart } from "../marketdata/intervals.ts";
import { importHistory } from "../services/marketdata-history.service.ts";

const MINUTE = 60_000;

/** The demo markets the bots trade, where a fresh history starts, and each walk's seed. */
export const DEMO_BOT_MARKETS = [
  { symbol: "BTC_USDT", startPrice: "64000", seed: 42 },
  { symbol: "ETH_USDT", startPrice: "3200", seed: 43 },
  { symbol: "ETH_BTC", startPrice: "0.05", seed: 44 },
] as const;

export interface RecentHistory {
  market: string;
  /** 1-minute bars imported now (0: the market's bars were recent already). */
  imported: number;
  /** Close of the market's latest 1-minute bar after the import: where the bots start. */
  lastClose: string | null;
  /** Start (epoch ms) of the minute the history stops before: the bots' first minute. */
  end: number;
}

/**
 * Gives each demo market 1-minute bars up to the current minute: none yet, the last `days`
 * (default 7) from the market's start price; bars that stop earlier, the minutes since the last
 * one (at most `days`), continuing from its close, so the chart has no jump. Bars of minutes
 * with real trades are never replaced (importHistory). A market whose latest bar is at most two
 * minutes old is left alone.
 */
export async function ensureRecentHistory(
  deps: Dependencies,
  options: {
    days?: number;
    now?: number;
    onProgress?: (market: string, done: number, total: number) => void;
  } = {},
): Promise<RecentHistory[]> {
  const now = options.now ?? Date.now();
  const days = options.days ?? 7;
  const end = bucketStart(now, "M1");
  const results: RecentHistory[] = [];
  for (const market of DEMO_BOT_MARKETS) {
    const [latest] = await latestCandles(deps.db, {
      market: market.symbol,
      interval: "M1",
      limit: 1,
    });
    const latestStart = latest ? Date.parse(latest.timestamp) : null;
    const from = Math.max(end - days * 1_440 * MINUTE, (latestStart ?? 0) + MINUTE);
    if (latestStart !== null && latestStart >= end - 2 * MINUTE) {
      results.push({ market: market.symbol, imported: 0, lastClose: latest!.close, end });
      continue;
    }
    const minutes = Math.round((end - from) / MINUTE);
    const result = await importHistory(
      deps,
      {
        market: market.symbol,
        days: minutes / 1_440,
        seed: market.seed,
        end: new Date(end),
        startPrice: latest?.close ?? market.startPrice,
      },
      ({ phase, done, total }) => {
        if (phase === "copy") options.onProgress?.(market.symbol, done, total);
      },
    );
    const [last] = await latestCandles(deps.db, {
      market: market.symbol,
      interval: "M1",
      limit: 1,
    });
    results.push({
      market: market.symbol,
      imported: result.candles,
      lastClose: last?.close ?? null,
      end,
    });
  }
  return results;
}

/**
 * Gives the minutes from the history's end to the current one (exclusive) that the bots left
 * without a trade a synthetic bar, continuing from the history's last close — the bots' first
 * minute when they started in its last seconds and traded only in the next one. Minutes with
 * trades keep their real bars (importHistory). Answers the bars written per market.
 */
export async function fillQuietMinutes(
  deps: Dependencies,
  history: readonly RecentHistory[],
  now = Date.now(),
): Promise<Record<string, number>> {
  const end = bucketStart(now, "M1");
  const written: Record<string, number> = {};
  for (const { market, lastClose, end: from } of history) {
    const seed = DEMO_BOT_MARKETS.find((m) => m.symbol === market)?.seed ?? 42;
    if (end <= from || lastClose === null) continue;
    const result = await importHistory(deps, {
      market,
      days: (end - from) / (1_440 * MINUTE),
      seed: seed * 1_000 + 2,
      end: new Date(end),
      startPrice: lastClose,
    });
    written[market] = result.candles;
  }
  return written;
}
