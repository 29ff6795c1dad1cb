import os from "node:os";
import type { Component } from "./registry.ts";

/**
 * Settlement and market data apply the matcher's events in batches, and a batch carries more
 * when it starts later; the API, relay and matcher stand between a client and its answer. A
 * process running only the former lowers its own scheduling priority to `nice` (BATCH_WORKER_NICE),
 * so where they share cores the order-entry path runs first: measured on two cores at 1,000
 * orders/s, placeOrders p99 35–57 → 25–26 ms, placement → settled p99 unchanged (60–76 ms),
 * docs/PERFORMANCE.md, seventh pass. Lowering needs no privilege; a process running other
 * components too is left as it is.
 */
export function lowerPriorityOfBatchWorkers(components: readonly Component[], nice: number): void {
  const batchWorkers: readonly Component[] = ["settlement", "marketdata"];
  if (nice === 0 || !components.every((name) => batchWorkers.includes(name))) return;
  try {
    os.setPriority(Math.max(os.getPriority(), nice));
  } catch (error) {
    console.warn(`could not lower this process's priority: ${(error as Error).message}`);
  }
}
