// npm run generate:history -- --market BTC_USDT --days 30 [--seed 42] [--end <ISO>] [--start-price 64000 | --end-price 65000]
// Without either price, a market that has traded gets history ending at its last trade price.
import { parseArgs } from "node:util";
import { createDependencies } from "../kernel/dependencies.ts";
import { loadConfig } from "../config/config.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { createProgressBar } from "../marketdata/progress.ts";
import { importHistory } from "../services/marketdata-history.service.ts";

const { values } = parseArgs({
  options: {
    market: { type: "string", default: "BTC_USDT" },
    days: { type: "string", default: "30" },
    seed: { type: "string", default: "42" },
    end: { type: "string" },
    "start-price": { type: "string" },
    "end-price": { type: "string" },
  },
});
const days = Number(values.days);
const seed = Number(values.seed);
const end = values.end ? new Date(values.end) : new Date();
if (!(days > 0) || !Number.isInteger(seed) || Number.isNaN(end.getTime())) {
  console.error(
    "usage: generate:history -- --market BTC_USDT --days 30 [--seed 42] [--end <ISO>] [--start-price 64000]",
  );
  process.exit(2);
}

const config = loadConfig();
await migrateDatabase(config.databaseUrl);
const deps = await createDependencies({ ...config, logLevel: "warn" }, "generate-history");
try {
  const copy = createProgressBar(
    process.stderr,
    `${values.market} 1m bars`,
    Math.round(days * 1_440),
  );
  const rollup = createProgressBar(process.stderr, `${values.market} rollups`, 7);
  let rolling = false;
  const result = await importHistory(
    deps,
    {
      market: values.market,
      days,
      seed,
      end,
      startPrice: values["start-price"],
      endPrice: values["end-price"],
    },
    ({ phase, done }) => {
      if (phase === "copy") return copy.update(done);
      if (!rolling) {
        copy.finish();
        rolling = true;
      }
      rollup.update(done, "5m 15m 30m 1h 4h 1d 1w".split(" ")[done - 1] ?? "");
    },
  );
  rollup.finish();
  const seconds = result.copySeconds + result.rollupSeconds;
  console.log(
    `${result.market}: ${result.candles.toLocaleString("en")} one-minute bars ${result.from.toISOString()} → ${result.to.toISOString()} (seed ${seed}); ` +
      `COPY ${result.copySeconds.toFixed(1)} s (${Math.round(result.candles / result.copySeconds).toLocaleString("en")} bars/s), rollups ${result.rollupSeconds.toFixed(1)} s, total ${seconds.toFixed(1)} s`,
  );
} finally {
  await deps.close();
}
