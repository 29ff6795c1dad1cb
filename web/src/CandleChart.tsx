import {
  CandlestickSeries,
  ColorType,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useRef, useState } from "react";
import type { CandleInterval, WebCandleFragment } from "../../client/generated/graphql.ts";
import { CANDLE_STREAM, WEB_CANDLES } from "./documents.ts";
import { INTERVAL_LABELS, INTERVALS, type Market } from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

const UP = "#26a69a";
const DOWN = "#ef5350";

/** The chart draws numbers; the candle's decimal strings are shown as they came. */
const bar = (c: WebCandleFragment) => ({
  time: (Date.parse(c.timestamp) / 1000) as UTCTimestamp,
  open: Number(c.open),
  high: Number(c.high),
  low: Number(c.low),
  close: Number(c.close),
});
const volumeBar = (c: WebCandleFragment) => ({
  time: (Date.parse(c.timestamp) / 1000) as UTCTimestamp,
  value: Number(c.volume),
  color: Number(c.close) >= Number(c.open) ? `${UP}80` : `${DOWN}80`,
});

/** Candlesticks of every interval the API has: the latest 500 bars, then the live bar. */
export function CandleChart({ market }: { market: Market }) {
  const { call } = useSession();
  const [interval, setCandleInterval] = useState<CandleInterval>("M1");
  const [current, setCurrent] = useState<WebCandleFragment | null>(null);
  // Candles that arrive before the history is drawn wait here, then are drawn after it.
  const [loaded, setLoaded] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<{
    api: IChartApi;
    candles: ISeriesApi<"Candlestick">;
    volume: ISeriesApi<"Histogram">;
  }>(null);

  useEffect(() => {
    const api = createChart(container.current!, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: "#12161c" },
        textColor: "#8a94a6",
        fontSize: 11,
      },
      grid: { vertLines: { color: "#1e242c" }, horzLines: { color: "#1e242c" } },
      timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#2a313b" },
      rightPriceScale: { borderColor: "#2a313b" },
    });
    const candles = api.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderVisible: false,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    const volume = api.addSeries(HistogramSeries, {
      priceScaleId: "volume",
      priceFormat: { type: "volume" },
    });
    api.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chart.current = { api, candles, volume };
    return () => {
      chart.current = null;
      api.remove();
    };
  }, []);

  useEffect(() => {
    let active = true;
    setLoaded(false);
    setCurrent(null);
    call(WEB_CANDLES, { market: market.symbol, interval, limit: 500 }).then(
      ({ candles }) => {
        if (!active || !chart.current) return;
        chart.current.candles.setData(candles.data.map(bar));
        chart.current.volume.setData(candles.data.map(volumeBar));
        chart.current.api.timeScale().scrollToRealTime();
        setCurrent(candles.data.at(-1) ?? null);
        setLoaded(true);
      },
      () => {},
    );
    return () => {
      active = false;
    };
  }, [call, market.symbol, interval]);

  useStream(
    CANDLE_STREAM,
    loaded ? { market: market.symbol, interval } : null,
    ({ candles: candle }) => {
      if (!chart.current) return;
      const last = chart.current.candles.data().at(-1);
      // A bar older than the last drawn one (a late message after a reconnect) is not redrawn.
      if (last && (last.time as number) > Date.parse(candle.timestamp) / 1000) return;
      chart.current.candles.update(bar(candle));
      chart.current.volume.update(volumeBar(candle));
      setCurrent(candle);
    },
  );

  return (
    <div className="chart-wrap">
      <div className="toolbar">
        {INTERVALS.map((i) => (
          <button
            key={i}
            data-testid={`interval-${i}`}
            className={i === interval ? "active" : ""}
            onClick={() => setCandleInterval(i)}
          >
            {INTERVAL_LABELS[i]}
          </button>
        ))}
        <span className="candle-current" data-testid="candle-current">
          {current
            ? `O ${current.open} H ${current.high} L ${current.low} C ${current.close} V ${current.volume} (${current.numberOfTrades} trades)`
            : "no trades in this interval yet"}
        </span>
      </div>
      <div className="chart" data-testid="chart" ref={container} />
    </div>
  );
}
