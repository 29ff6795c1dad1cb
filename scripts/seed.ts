import { loadConfig } from "../config/config.ts";
import { createDatabase, createPool } from "../db/client.ts";
import { seedDemoMarkets } from "../db/seed.ts";

const config = loadConfig();
const pool = createPool(config.databaseUrl, 1);
try {
  const added = await seedDemoMarkets(createDatabase(pool));
  console.log(
    `seed: ${added.assets} assets and ${added.markets} markets added (demo markets ready)`,
  );
} finally {
  await pool.end();
}
