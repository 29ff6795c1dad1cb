import { runApi } from "../api/main.ts";
import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool, redactUrl } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";

/** One command for development and demos: migrate, seed the demo markets, serve. */
const config = loadConfig();
console.log(`migrating ${redactUrl(config.databaseUrl)} …`);
await migrateDatabase(config.databaseUrl);
const pool = createPool(config.databaseUrl, 1);
await seedDemoMarkets(createDatabase(pool));
await pool.end();
console.log("demo markets BTC_USDT, ETH_USDT, ETH_BTC ready");

const api = await runApi();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void api.stop(signal).then(() => process.exit(0)));
}
