// npm run export:candles -- --market BTC_USDT --interval 1h [--limit 500] [--out file.json]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { createDependencies } from "../kernel/dependencies.ts";
import { loadConfig } from "../config/config.ts";
import { seriesDocument } from "../marketdata/format.ts";
import { parseIntervalName } from "../marketdata/intervals.ts";
import { candleHistory } from "../services/marketdata-history.service.ts";

const { values } = parseArgs({
  options: {
    market: { type: "string", default: "BTC_USDT" },
    interval: { type: "string", default: "1m" },
    limit: { type: "string", default: "500" },
    out: { type: "string" },
  },
});
const interval = parseIntervalName(values.interval);
const limit = Number(values.limit);
if (!interval || !Number.isInteger(limit) || limit < 1) {
  console.error(
    "usage: export:candles -- --market BTC_USDT --interval 1m|5m|15m|30m|1h|4h|1d|1w [--limit N] [--out file]",
  );
  process.exit(2);
}

const deps = await createDependencies({ ...loadConfig(), logLevel: "warn" }, "export-candles");
try {
  const series = await candleHistory(deps, { market: values.market, interval, limit });
  const text = seriesDocument(series.metadata, series.data);
  if (values.out) {
    mkdirSync(dirname(resolve(values.out)), { recursive: true });
    writeFileSync(values.out, text);
    console.error(
      `${series.data.length} bars of ${values.market} ${series.metadata.interval} → ${values.out}`,
    );
  } else {
    process.stdout.write(text);
  }
} finally {
  await deps.close();
}
