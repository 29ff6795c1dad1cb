import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { stopOnSignal } from "../kernel/process.ts";
import { startPlatform } from "../workers/platform.ts";
import { startDemoMarkets } from "../bots/demo.ts";

/** One command for development and demos: migrate, seed the demo markets, run every process. */
const config = loadConfig();
console.log(`migrating ${redactUrl(config.databaseUrl)} …`);
await migrateDatabase(config.databaseUrl);
const pool = createPool(config.databaseUrl, 1);
await seedDemoMarkets(createDatabase(pool));
await pool.end();
console.log("demo markets BTC_USDT, ETH_USDT, ETH_BTC ready");

const platform = await startPlatform(config);
console.log(`
EventHub is running: API, outbox relay, matcher, settlement and market data.
  Trading page:       http://localhost:${platform.port}/
  GraphQL + GraphiQL: http://localhost:${platform.port}/graphql  (open it in a browser)
  Health:             http://localhost:${platform.port}/readyz
Stop with Ctrl+C.`);
// Development: recent history and bots through the public API, so the demo markets move.
if (config.demoBots)
  console.log("demo bots: 1 market maker + 2 noise takers per demo market (DEMO_BOTS=off: none)");
const bots = config.demoBots
  ? await startDemoMarkets(platform.deps.api!, {
      url: `http://127.0.0.1:${platform.port}/graphql`,
      log: (line) => console.log(line),
      progress: process.stderr,
    })
  : null;
stopOnSignal(async (signal) => {
  console.log(`${signal}: stopping the bots, then every process (a few seconds) …`);
  await bots?.stop();
  await platform.stop();
  console.log("stopped");
});
