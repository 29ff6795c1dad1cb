import type { Candle } from "./types.ts";
import type { SeriesMetadata } from "./format.ts";

const WIDTH = 1200;
const HEIGHT = 640;
const PAD = { top: 48, right: 90, bottom: 48, left: 16 };

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A self-contained HTML page with an inline SVG candlestick chart (dark theme, like the seed's
 * plotly figure): no script, no CDN, no external file. Prices are scaled with floats, which is
 * fine for pixels; the values shown in the tooltips are the exact decimals.
 */
export function renderChartHtml(metadata: SeriesMetadata, candles: readonly Candle[]): string {
  const title = `Synthetic market data: ${metadata.symbol} ${metadata.interval} (${metadata.exchange})`;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const highs = candles.map((c) => Number(c.high));
  const lows = candles.map((c) => Number(c.low));
  const top = candles.length ? Math.max(...highs) : 1;
  const bottom = candles.length ? Math.min(...lows) : 0;
  const span = top - bottom || Math.abs(top) || 1;
  const y = (price: number) => PAD.top + ((top - price) / span) * plotH;
  const step = plotW / Math.max(candles.length, 1);
  const body = Math.max(1, step * 0.7);
  const parts: string[] = [];

  for (let i = 0; i <= 5; i++) {
    const price = bottom + (span * i) / 5;
    const py = y(price).toFixed(1);
    parts.push(
      `<line x1="${PAD.left}" x2="${PAD.left + plotW}" y1="${py}" y2="${py}" class="grid"/>`,
      `<text x="${PAD.left + plotW + 6}" y="${py}" class="axis">${price.toFixed(2)}</text>`,
    );
  }
  const labels = Math.min(6, candles.length);
  for (let i = 0; i < labels; i++) {
    const index = Math.floor((i * (candles.length - 1)) / Math.max(labels - 1, 1));
    const x = (PAD.left + step * (index + 0.5)).toFixed(1);
    const when = candles[index]!.timestamp.replace("T", " ").replace(/:00(\.000)?Z$/, "");
    // The first and last labels hang inward so they are not cut at the edges.
    const anchor = i === 0 ? "start" : i === labels - 1 && labels > 1 ? "end" : "middle";
    parts.push(
      `<text x="${x}" y="${HEIGHT - 20}" class="axis" text-anchor="${anchor}">${when}</text>`,
    );
  }
  candles.forEach((c, i) => {
    const [open, high, low, close] = [c.open, c.high, c.low, c.close].map(Number) as [
      number,
      number,
      number,
      number,
    ];
    const cx = PAD.left + step * (i + 0.5);
    const rising = close >= open;
    const bodyTop = y(Math.max(open, close));
    const bodyHeight = Math.max(1, Math.abs(y(open) - y(close)));
    const tip = `${c.timestamp}\nO ${c.open}  H ${c.high}  L ${c.low}  C ${c.close}\nV ${c.volume}  trades ${c.numberOfTrades}`;
    parts.push(
      `<g class="${rising ? "up" : "down"}"><title>${escape(tip)}</title>` +
        `<line x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${y(high).toFixed(1)}" y2="${y(low).toFixed(1)}"/>` +
        `<rect x="${(cx - body / 2).toFixed(1)}" y="${bodyTop.toFixed(1)}" width="${body.toFixed(1)}" height="${bodyHeight.toFixed(1)}"/></g>`,
    );
  });

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(title)}</title>
<style>
  html, body { margin: 0; background: #111; color: #ddd; font: 13px system-ui, sans-serif; }
  svg { display: block; }
  .grid { stroke: #2a2a2a; }
  .axis { fill: #999; font-size: 11px; dominant-baseline: middle; }
  .up line, .up rect { stroke: #26a69a; fill: #26a69a; }
  .down line, .down rect { stroke: #ef5350; fill: #ef5350; }
  .title { fill: #eee; font-size: 16px; }
</style>
</head>
<body>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escape(title)}">
<text x="${PAD.left}" y="24" class="title">${escape(title)}</text>
<text x="${PAD.left + plotW + 6}" y="${PAD.top - 16}" class="axis">Price</text>
${candles.length ? parts.join("\n") : `<text x="${WIDTH / 2}" y="${HEIGHT / 2}" class="axis" text-anchor="middle">no bars</text>`}
</svg>
</body>
</html>
`;
}
