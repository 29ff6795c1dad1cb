import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { stopOnSignal } from "../kernel/process.ts";
import { startPlatform } from "../workers/platform.ts";

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
  GraphQL + GraphiQL: http://localhost:${platform.port}/graphql  (open it in a browser)
  Health:             http://localhost:${platform.port}/readyz
Stop with Ctrl+C.`);
stopOnSignal(() => platform.stop());
