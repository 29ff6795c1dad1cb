import type { Dependencies } from "../kernel/dependencies.ts";
import * as api from "./api.worker.ts";
import * as marketdata from "./marketdata.worker.ts";
import * as matcher from "./matcher.worker.ts";
import * as relay from "./relay.worker.ts";
import * as settlement from "./settlement.worker.ts";

/** One long-running process of the exchange, as the registry knows it. */
export interface ComponentSpec<Settings, Running extends { stop(): Promise<void> }> {
  /** Starts it on connections of its own (the caller closes `deps` after `stop`). */
  start(deps: Dependencies, settings: Settings): Promise<Running>;
  /** What it runs with unless a caller overrides some of it. */
  defaults: Settings;
  /** PostgreSQL connections in its pool. */
  poolSize: number;
}

/**
 * Every process, by the name `tsx workers/main.ts <name>`, `npm run <name>`, `npm start`, the
 * benches and the tests start it by. Adding a process: a `workers/<name>.worker.ts` exporting
 * `start(deps, settings) → { stop }` and `defaults`, and one line here.
 */
const components = {
  api: { start: api.start, defaults: api.defaults, poolSize: 20 },
  relay: { start: relay.start, defaults: relay.defaults, poolSize: 10 },
  matcher: { start: matcher.start, defaults: matcher.defaults, poolSize: 10 },
  settlement: { start: settlement.start, defaults: settlement.defaults, poolSize: 10 },
  marketdata: { start: marketdata.start, defaults: marketdata.defaults, poolSize: 10 },
};

type Components = typeof components;
export type Component = keyof Components;
/** Per name, its settings and what its `start` resolves to (a plain map, so `K` indexes it). */
type SettingsMap = { [K in Component]: Components[K]["defaults"] };
type RunningMap = { [K in Component]: Awaited<ReturnType<Components[K]["start"]>> };
export type SettingsOf<K extends Component> = SettingsMap[K];
export type RunningOf<K extends Component> = RunningMap[K];

/** The same table, typed so that a generic name keeps its own settings and handle. */
export const registry: { [K in Component]: ComponentSpec<SettingsOf<K>, RunningOf<K>> } =
  components;

/** Every component's name, in the order the platform starts them. */
export const ALL_COMPONENTS: Component[] = Object.keys(registry).filter(isComponent);

export function isComponent(name: string): name is Component {
  return Object.hasOwn(registry, name);
}

/**
 * Starts one component with its defaults, `overrides` laid over them (an undefined value keeps
 * the default). Returns what its worker returns: at least `stop`.
 */
export function startComponent<K extends Component>(
  name: K,
  deps: Dependencies,
  overrides: Partial<SettingsOf<K>> = {},
): Promise<RunningOf<K>> {
  const spec = registry[name];
  return spec.start(deps, withDefaults(spec.defaults, overrides));
}

function withDefaults<T extends object>(defaults: T, overrides: Partial<T>): T {
  const merged = { ...defaults };
  for (const key in overrides) {
    const value = overrides[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
