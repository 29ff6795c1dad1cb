import { loadConfig } from "../config/config.ts";
import { stopOnSignal } from "../kernel/process.ts";
import { lowerPriorityOfBatchWorkers } from "./priority.ts";
import { startPlatform } from "./platform.ts";
import { ALL_COMPONENTS, isComponent, type Component } from "./registry.ts";

/**
 * The one entry point of the long-running processes: `tsx workers/main.ts <component…>` runs the
 * named components (all of them when none is named) in this Node process, each on its own
 * connections, until SIGINT or SIGTERM. `npm run api|relay|matcher|settlement|marketdata` is this
 * with one name. MATCHER_MARKETS=BTC_USDT,ETH_USDT limits which markets a matcher may own.
 */
const names = componentsOf(process.argv.slice(2));
const config = loadConfig();
lowerPriorityOfBatchWorkers(names, config.batchWorkerNice);
const matcherMarkets = process.env.MATCHER_MARKETS?.split(",").filter(Boolean);
const platform = await startPlatform(config, {
  components: names,
  matcher: { markets: matcherMarkets },
});
if (names.includes("api")) {
  console.log(
    `\nEventHub GraphQL API: http://localhost:${platform.port}/graphql  (open it in a browser for GraphiQL)`,
  );
}
stopOnSignal((signal) => {
  for (const [name, deps] of Object.entries(platform.deps)) {
    deps.log.info(`${name} stopping`, { signal });
  }
  return platform.stop();
});

/** The components named on the command line, in the registry's order; none named: all. */
function componentsOf(args: string[]): Component[] {
  const unknown = args.filter((name) => !isComponent(name));
  if (unknown.length > 0) {
    console.error(`unknown component ${unknown.join(", ")}; known: ${ALL_COMPONENTS.join(", ")}`);
    process.exit(2);
  }
  return args.length === 0 ? ALL_COMPONENTS : ALL_COMPONENTS.filter((n) => args.includes(n));
}
