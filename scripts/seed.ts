import { loadConfig } from "../config/config.ts";
import { DEMO_MARKETS, seedDemoMarkets } from "../db/seed.ts";
import { createDependencies } from "../kernel/dependencies.ts";
import { publishMarketsChanged } from "../services/markets.provider.ts";

const deps = await createDependencies({ ...loadConfig(), logLevel: "warn" }, "seed", {
  poolSize: 1,
});
try {
  const added = await seedDemoMarkets(deps.db);
  // Running processes read the new markets at once instead of at their next refresh.
  if (added.markets > 0) {
    await publishMarketsChanged(
      deps,
      DEMO_MARKETS.map((m) => m.symbol),
    );
  }
  console.log(
    `seed: ${added.assets} assets and ${added.markets} markets added (demo markets ready)`,
  );
} finally {
  await deps.close();
}
