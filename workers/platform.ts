import type { Config } from "../config/config.ts";
import { createDependencies, type Dependencies } from "../kernel/dependencies.ts";
import { createMetrics } from "../kernel/metrics.ts";
import { observeComponent, serveMetrics } from "./observability.ts";
import {
  ALL_COMPONENTS,
  registry,
  startComponent,
  type Component,
  type RunningOf,
  type SettingsOf,
} from "./registry.ts";

export type { Component } from "./registry.ts";

/** Per component, settings laid over its defaults. */
type Overrides = { [K in Component]?: Partial<SettingsOf<K>> };
/**
 * Which components to run (default all) and, per component, settings over its defaults.
 * `metricsPort` replaces `config.metricsPort` for this platform (0 picks a free port, null none).
 */
export type PlatformOptions = Overrides & { components?: Component[]; metricsPort?: number | null };

/**
 * Components of the exchange in this one Node process, each with its own connections, as
 * `npm start` and the entry point (workers/main.ts) run them. They share one metrics registry
 * (kernel/metrics.ts), which the API serves at `/metrics` and, when `METRICS_PORT` is set, a
 * server of its own on that port (`metricsPort`; 0 without one). Returns the API's port (0
 * without an API), each component's dependencies, the matcher's handle (null without one), and
 * `stop`, which stops the API first, so nothing new comes in while the rest drains, then closes
 * every connection.
 */
export async function startPlatform(config: Config, options: PlatformOptions = {}) {
  const names = options.components ?? ALL_COMPONENTS;
  const metrics = createMetrics();
  const deps: Partial<Record<Component, Dependencies>> = {};
  const handles: Handles = {};
  const unobserve: (() => void)[] = [];
  for (const name of names) {
    const own = await createDependencies(config, name, {
      poolSize: registry[name].poolSize,
      metrics,
    });
    deps[name] = own;
    unobserve.push(await startInto(handles, name, own, options));
    own.log.info(`${name} started`);
  }
  const metricsPort =
    options.metricsPort === undefined ? config.metricsPort || null : options.metricsPort;
  const metricsServer =
    metricsPort === null ? null : await serveMetrics(metrics, metricsPort, config.host);

  return {
    port: handles.api?.port ?? 0,
    metricsPort: metricsServer?.port ?? 0,
    deps,
    metrics,
    matcher: () => handles.matcher ?? null,
    /** What a running component's worker returned (tests read its state). */
    handle: <K extends Component>(name: K): RunningOf<K> | null => handles[name] ?? null,
    async stop() {
      for (const stop of unobserve) stop();
      await metricsServer?.close();
      const apiFirst = [...names.filter((n) => n === "api"), ...names.filter((n) => n !== "api")];
      for (const name of apiFirst) await handles[name]?.stop();
      await Promise.all(Object.values(deps).map((d) => d.close()));
    },
  };
}

/** What each running component's worker returned, by name. */
type Handles = Partial<{ [K in Component]: RunningOf<K> }>;

/**
 * Starts one component with its overrides and what it reports to /metrics; generic, so each name
 * keeps its own types. Returns what stops the reporting.
 */
async function startInto<K extends Component>(
  handles: Handles,
  name: K,
  deps: Dependencies,
  overrides: Overrides,
): Promise<() => void> {
  const running = await startComponent(name, deps, overrides[name]);
  handles[name] = running;
  return observeComponent(name, deps, running);
}
