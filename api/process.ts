import { loadConfig } from "../config/config.ts";
import { createDependencies, type Dependencies } from "./dependencies.ts";

/** Runs one long-lived component with its own connections until SIGINT/SIGTERM. */
export async function runProcess(
  component: string,
  start: (deps: Dependencies) => Promise<{ stop(): Promise<void> }> | { stop(): Promise<void> },
): Promise<void> {
  const deps = await createDependencies(loadConfig(), component);
  const running = await start(deps);
  deps.log.info(`${component} started`);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      deps.log.info(`${component} stopping`, { signal });
      void running
        .stop()
        .then(() => deps.close())
        .then(() => process.exit(0));
    });
  }
}
