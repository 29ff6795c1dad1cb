import { createServer } from "node:http";
import { countOutbox } from "../db/outbox.repository.ts";
import { marketProgress } from "../db/settlement.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { writeMetrics, type Metrics } from "../kernel/metrics.ts";
import { SETTLEMENT_CONSUMER } from "../services/settlement.ts";
import type { Component, RunningOf } from "./registry.ts";

/*
 * What a platform adds to the metrics its components count themselves (kernel/metrics.ts): the
 * gauges read from memory at scrape time, the gauges that need a query (polled every
 * POLL_MS, off every request's and message's path), and the /metrics server of a process
 * without an API.
 */

const POLL_MS = 5_000;

type Observer<K extends Component> = (deps: Dependencies, running: RunningOf<K>) => () => void;

/** Per component, what it reports beyond its own counters; returns what stops it. */
const observers: { [K in Component]: Observer<K> } = {
  // Its pool, sockets and requests are counted as they happen.
  api: () => () => {},
  relay: (deps) =>
    poll(deps, "outbox", async () => {
      const { messages, oldestAgeSeconds } = await countOutbox(deps.db);
      deps.metrics.outboxMessages.set(messages);
      deps.metrics.outboxOldestAge.set(oldestAgeSeconds);
    }),
  matcher: (deps, matcher) => {
    const sequences = () => {
      const out = new Map<string, number>();
      for (const market of matcher.owned()) out.set(market, matcher.book(market)?.seq ?? 0);
      return out;
    };
    const unwatch = deps.metrics.watchMatcher(sequences);
    // The matcher knows what it published; settlement's offsets say what was applied.
    const stopPoll = poll(deps, "settlement_lag", async () => {
      const progress = await marketProgress(deps.pool, SETTLEMENT_CONSUMER);
      const settled = new Map(progress.map((m) => [m.market, m.lastSequence]));
      const { settlementLag } = deps.metrics;
      settlementLag.reset();
      for (const [market, seq] of sequences()) {
        settlementLag.set({ market }, Math.max(0, seq - (settled.get(market) ?? 0)));
      }
    });
    return () => {
      stopPoll();
      unwatch();
    };
  },
  settlement: (deps) =>
    poll(deps, "settlement", async () => {
      const progress = await marketProgress(deps.pool, SETTLEMENT_CONSUMER);
      const { settledSequence, marketStopped } = deps.metrics;
      settledSequence.reset();
      marketStopped.reset();
      for (const m of progress) {
        settledSequence.set({ market: m.market }, m.lastSequence);
        marketStopped.set({ market: m.market }, m.problem === null ? 0 : 1);
      }
    }),
  // Its consumer's backlog is polled by the durable consumer itself (bus/durable.ts).
  marketdata: () => () => {},
};

/** Starts what the component reports to /metrics beyond its own counters. */
export function observeComponent<K extends Component>(
  name: K,
  deps: Dependencies,
  running: RunningOf<K>,
): () => void {
  deps.metrics.componentRunning.set({ component: name }, 1);
  const stop = observers[name](deps, running);
  return () => {
    stop();
    deps.metrics.componentRunning.remove({ component: name });
  };
}

/**
 * Runs `read` now and every POLL_MS, one at a time; a success is stamped in
 * `eventhub_poll_success_timestamp_seconds`, a failure keeps the last values and is logged once
 * until the next success.
 */
function poll(deps: Dependencies, name: string, read: () => Promise<void>): () => void {
  let busy = false;
  let failing = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      await read();
      deps.metrics.pollSuccess.set({ poll: name }, Date.now() / 1000);
      failing = false;
    } catch (error) {
      if (!failing) {
        deps.log.warn("metrics poll failed; its gauges keep their last values", {
          poll: name,
          error: (error as Error).message,
        });
      }
      failing = true;
    } finally {
      busy = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * Serves `/metrics` (and nothing else) on its own port, for a process without an API or an
 * operator keeping metrics off the public port. Port 0 picks a free one.
 */
export async function serveMetrics(
  metrics: Metrics,
  port: number,
  host: string,
): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?", 1)[0];
    if (path !== "/metrics") return void res.writeHead(404).end();
    writeMetrics(res, metrics).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen({ port, host }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
