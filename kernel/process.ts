/**
 * Keeps a long-lived process until SIGINT or SIGTERM, then runs `stop` once (a second signal
 * while stopping changes nothing) and exits 0. `stop` drains what is running and closes the
 * connections; the process's open handles would otherwise keep it alive.
 */
export function stopOnSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      void stop(signal).then(() => process.exit(0));
    });
  }
}
