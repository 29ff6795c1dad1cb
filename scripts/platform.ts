import { createDependencies, type Dependencies } from "../api/dependencies.ts";
import { createApiServer } from "../api/server.ts";
import type { Config } from "../config/config.ts";
import { startMatcher, type MatcherOptions } from "../matcher/process.ts";
import { startMarketDataConsumer } from "../services/marketdata.consumer.ts";
import { startOutboxRelay, type RelayOptions } from "../services/outbox-relay.ts";
import { startSettlement } from "../services/settlement.consumer.ts";

export type Component = "api" | "relay" | "matcher" | "settlement" | "marketdata";
export const ALL_COMPONENTS: Component[] = ["api", "relay", "matcher", "settlement", "marketdata"];

/**
 * Every process of the exchange in this one Node process, each with its own connections, as
 * `npm start` runs it. Each component can also run alone (npm run api|relay|matcher|…).
 */
export async function startPlatform(
  config: Config,
  options: { components?: Component[]; matcher?: MatcherOptions; relay?: RelayOptions } = {},
) {
  const components = options.components ?? ALL_COMPONENTS;
  const stops: { name: string; stop(): Promise<void> }[] = [];
  const deps: Partial<Record<Component, Dependencies>> = {};
  const make = async (name: Component) =>
    (deps[name] = await createDependencies(config, name, { poolSize: name === "api" ? 20 : 10 }));
  let port = 0;
  let matcher: Awaited<ReturnType<typeof startMatcher>> | null = null;

  for (const name of components) {
    const d = await make(name);
    if (name === "api") {
      const server = await createApiServer(d);
      port = await server.listen(config.port, config.host);
      stops.push({ name, stop: () => server.stop() });
    } else if (name === "relay") {
      stops.push({ name, ...startOutboxRelay(d, options.relay) });
    } else if (name === "matcher") {
      matcher = await startMatcher(d, options.matcher);
      stops.push({ name, stop: () => matcher!.stop() });
    } else if (name === "settlement") {
      stops.push({ name, ...startSettlement(d) });
    } else {
      stops.push({ name, ...startMarketDataConsumer(d) });
    }
  }
  return {
    port,
    deps,
    matcher: () => matcher,
    /** The API first, so nothing new comes in while the rest drains. */
    async stop() {
      const api = stops.filter((s) => s.name === "api");
      for (const { stop } of [...api, ...stops.filter((s) => s.name !== "api")]) await stop();
      await Promise.all(Object.values(deps).map((d) => d.close()));
    },
  };
}
