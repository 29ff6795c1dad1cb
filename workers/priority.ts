import { readdirSync } from "node:fs";
import os from "node:os";
import type { Component } from "./registry.ts";

/**
 * Settlement and market data apply the matcher's events in batches, behind the order-entry path
 * (the API, relay and matcher: what stands between a client and its answer). A process running
 * only settlement and/or market data lowers the scheduling priority of each of its threads to
 * `nice` (BATCH_WORKER_NICE), so where they share cores the order-entry path gets the larger
 * share of the CPU: measured on two cores at 1,000 orders/s, placeOrders p99 28–56 → 17–18 ms,
 * placement → settled p99 unchanged (39–50 ms): docs/PERFORMANCE.md, seventh pass. Lowering
 * needs no privilege; a process running other components too is left as it is. The cost: with
 * every core saturated, a nice-5 process gets about a quarter of a contended core (CFS weights
 * 335 against 1024), so settlement falls behind while orders are still accepted (PENDING grows;
 * the open-order cap bounds each user's share). Where settlement lag matters more than order
 * latency, BATCH_WORKER_NICE=0.
 */
export function lowerPriorityOfBatchWorkers(components: readonly Component[], nice: number): void {
  const batchWorkers: readonly Component[] = ["settlement", "marketdata"];
  if (nice === 0 || !components.every((name) => batchWorkers.includes(name))) return;
  try {
    const lowered = Math.max(os.getPriority(), nice);
    os.setPriority(lowered);
    // On Linux a priority is a thread's: the threads already running (V8's garbage collector
    // and compiler, libuv's pool) are lowered one by one; threads made later inherit it.
    for (const thread of threadsOfThisProcess()) {
      os.setPriority(thread, Math.max(os.getPriority(thread), lowered));
    }
  } catch (error) {
    console.warn(`could not lower this process's priority: ${(error as Error).message}`);
  }
}

/** This process's thread ids (Linux: /proc/self/task); none where there is no /proc. */
function threadsOfThisProcess(): number[] {
  try {
    return readdirSync("/proc/self/task").map(Number).filter(Number.isInteger);
  } catch {
    return [];
  }
}
