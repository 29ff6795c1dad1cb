// npm run chart -- --market BTC_USDT --interval 1h [--limit 120] [--out chart.html]
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDependencies } from "../kernel/dependencies.ts";
import { loadConfig } from "../config/config.ts";
import { renderChartHtml } from "../marketdata/chart.ts";
import { parseIntervalName } from "../marketdata/intervals.ts";
import { candleHistory } from "../services/marketdata-history.service.ts";

const { values } = parseArgs({
  options: {
    market: { type: "string", default: "BTC_USDT" },
    interval: { type: "string", default: "1m" },
    limit: { type: "string", default: "120" },
    out: { type: "string" },
  },
});
const interval = parseIntervalName(values.interval);
const limit = Number(values.limit);
if (!interval || !Number.isInteger(limit) || limit < 1) {
  console.error(
    "usage: chart -- --market BTC_USDT --interval 1m|…|1w [--limit 120] [--out file.html]",
  );
  process.exit(2);
}
const out = resolve(values.out ?? `${values.market}-${values.interval}.html`);

const deps = await createDependencies({ ...loadConfig(), logLevel: "warn" }, "chart");
try {
  const series = await candleHistory(deps, { market: values.market, interval, limit });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, renderChartHtml(series.metadata, series.data));
  console.log(`${series.data.length} bars → ${out}`);
} finally {
  await deps.close();
}

const browser = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
  (path) => existsSync(path),
);
if (browser) {
  const png = out.replace(/\.html?$/, "") + ".png";
  execFileSync(
    browser,
    [
      "--headless",
      "--disable-gpu",
      "--no-sandbox",
      `--screenshot=${png}`,
      "--window-size=1200,640",
      `file://${out}`,
    ],
    { stdio: "ignore" },
  );
  console.log(`PNG → ${png}`);
} else {
  console.log(
    "no headless browser found (/usr/bin/chromium); PNG skipped — open the HTML file instead",
  );
}
