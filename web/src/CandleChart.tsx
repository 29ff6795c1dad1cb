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
import type { CandleInterval, CandleFieldsFragment } from "../../client/generated/graphql.ts";
import { CANDLES } from "../../client/market-data.ts";
import { CANDLE_STREAM } from "./documents.ts";
import { INTERVAL_LABELS, INTERVALS, pricePrecision, type Market } from "./markets.ts";
import { useSession, useStream } from "./session.tsx";

const UP = "#26a69a";
const DOWN = "#ef5350";

/** The chart draws numbers; the candle's decimal strings are shown as they came. */
const bar = (c: CandleFieldsFragment) => ({
  time: (Date.parse(c.timestamp) / 1000) as UTCTimestamp,
  open: Number(c.open),
  high: Number(c.high),
  low: Number(c.low),
  close: Number(c.close),
});
const volumeBar = (c: CandleFieldsFragment) => ({
  time: (Date.parse(c.timestamp) / 1000) as UTCTimestamp,
  value: Number(c.volume),
  color: Number(c.close) >= Number(c.open) ? `${UP}80` : `${DOWN}80`,
});

/** Below this many bars the chart spreads them over its width instead of drawing them 6 px apart. */
const FEW_BARS = 30;

/** Candlesticks of every interval the API has: the latest 500 bars, then the live bar. */
export function CandleChart({ market }: { market: Market }) {
  const { call } = useSession();
  const [interval, setCandleInterval] = useState<CandleInterval>("M1");
  const [current, setCurrent] = useState<CandleFieldsFragment | null>(null);
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
      // Its last value would sit on the price axis beside the candles' own tag.
      lastValueVisible: false,
      priceLineVisible: false,
    });
    api.priceScale("volume").applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    chart.current = { api, candles, volume };
    return () => {
      chart.current = null;
      api.remove();
    };
  }, []);

  // ETH_BTC moves by 0.00001: the axis and the last-price tag show the market's own decimals.
  useEffect(() => {
    chart.current?.candles.applyOptions({ priceFormat: pricePrecision(market.tickSize) });
  }, [market.tickSize]);

  useEffect(() => {
    let active = true;
    setLoaded(false);
    setCurrent(null);
    call(CANDLES, { market: market.symbol, interval, limit: 500 }).then(
      ({ candles }) => {
        if (!active || !chart.current) return;
        chart.current.candles.setData(candles.data.map(bar));
        chart.current.volume.setData(candles.data.map(volumeBar));
        const time = chart.current.api.timeScale();
        const count = candles.data.length;
        if (count < FEW_BARS) {
          // A few bars (a week's chart may hold one or two) sit mid-chart, a readable width each,
          // not 6 px wide against the price axis.
          const pad = (FEW_BARS - count) / 2;
          time.setVisibleLogicalRange({ from: -pad, to: count - 1 + pad });
        } else {
          time.applyOptions({ barSpacing: 6 });
          time.scrollToRealTime();
        }
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

  const legend = current
    ? `O ${current.open} H ${current.high} L ${current.low} C ${current.close} V ${current.volume} (${current.numberOfTrades} trades)`
    : "no trades in this interval yet";
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
        <span className="candle-current" data-testid="candle-current" title={legend}>
          {legend}
        </span>
      </div>
      <div className="chart" data-testid="chart" ref={container} />
    </div>
  );
}
