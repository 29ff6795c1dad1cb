import type { Dependencies } from "../kernel/dependencies.ts";
import type * as api from "./api.worker.ts";
import type * as marketdata from "./marketdata.worker.ts";
import type * as matcher from "./matcher.worker.ts";
import type * as relay from "./relay.worker.ts";
import type * as settlement from "./settlement.worker.ts";

/** A worker module: what `workers/<name>.worker.ts` exports. */
export interface WorkerModule<Settings, Running extends { stop(): Promise<void> }> {
  /** Starts it on connections of its own (the caller closes `deps` after `stop`). */
  start(deps: Dependencies, settings: Settings): Promise<Running>;
  /** What it runs with unless a caller overrides some of it. */
  defaults: Settings;
}

/** One long-running process of the exchange, as the registry knows it. */
export interface ComponentSpec<Settings, Running extends { stop(): Promise<void> }> {
  /**
   * Loads its module when it is started, not before: a process running one component never
   * loads the others (the settlement process starts in about 1.3 s instead of 3.5 s without the
   * API's GraphQL stack — issue 12: a process killed and restarted is back sooner).
   */
  load(): Promise<WorkerModule<Settings, Running>>;
  /** PostgreSQL connections in its pool. */
  poolSize: number;
}

/**
 * Every process, by the name `tsx workers/main.ts <name>`, `npm run <name>`, `npm start`, the
 * benches and the tests start it by. Adding a process: a `workers/<name>.worker.ts` exporting
 * `start(deps, settings) → { stop }` and `defaults`, and one line here.
 */
const components = {
  api: { load: (): Promise<typeof api> => import("./api.worker.ts"), poolSize: 20 },
  relay: { load: (): Promise<typeof relay> => import("./relay.worker.ts"), poolSize: 10 },
  matcher: { load: (): Promise<typeof matcher> => import("./matcher.worker.ts"), poolSize: 10 },
  settlement: {
    load: (): Promise<typeof settlement> => import("./settlement.worker.ts"),
    poolSize: 10,
  },
  marketdata: {
    load: (): Promise<typeof marketdata> => import("./marketdata.worker.ts"),
    poolSize: 10,
  },
};

type Components = typeof components;
export type Component = keyof Components;
type ModuleOf<K extends Component> = Awaited<ReturnType<Components[K]["load"]>>;
/** Per name, its settings and what its `start` resolves to (a plain map, so `K` indexes it). */
type SettingsMap = { [K in Component]: ModuleOf<K>["defaults"] };
type RunningMap = { [K in Component]: Awaited<ReturnType<ModuleOf<K>["start"]>> };
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
export async function startComponent<K extends Component>(
  name: K,
  deps: Dependencies,
  overrides: Partial<SettingsOf<K>> = {},
): Promise<RunningOf<K>> {
  const worker = await registry[name].load();
  return worker.start(deps, withDefaults(worker.defaults, overrides));
}

function withDefaults<T extends object>(defaults: T, overrides: Partial<T>): T {
  const merged = { ...defaults };
  for (const key in overrides) {
    const value = overrides[key];
    if (value !== undefined) merged[key] = value;
  }
  return merged;
}
