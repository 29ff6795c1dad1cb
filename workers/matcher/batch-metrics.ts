import type { JsMsg } from "@nats-io/jetstream";
import type { Metrics } from "../../kernel/metrics.ts";
import { errorName, type MatcherEvent } from "../../matcher/index.ts";

/**
 * What one applied batch of a market's commands adds to /metrics: the commands, the events that
 * count orders and trades, how long the batch took and how old each command was when its events
 * were out. Counted once per batch and kind, so a batch of 500 commands costs a handful of adds.
 */
export function recordBatch(
  metrics: Metrics,
  market: string,
  applied: readonly JsMsg[],
  events: readonly MatcherEvent[],
  startedAt: number,
): void {
  const now = Date.now();
  metrics.matcherBatchDuration.observe({ market }, (performance.now() - startedAt) / 1000);
  if (applied.length === 0) return;
  metrics.matcherCommands.inc({ market }, applied.length);
  const age = metrics.matcherCommandAge.labels({ market });
  for (const message of applied) {
    age.observe(Math.max(0, now - message.info.timestampNanos / 1e6) / 1000);
  }
  let trades = 0;
  let cancelled = 0;
  for (const event of events) {
    switch (event.type) {
      case "trade":
        trades++;
        break;
      case "cancelled":
        cancelled++;
        break;
      case "expired":
        metrics.ordersExpired.inc({ market, reason: event.reason });
        break;
      case "rejected":
        // A refused place is the order's end; a refused cancel (already finished) is not.
        if (event.command === "limit" || event.command === "market") {
          metrics.ordersRejected.inc({ market, stage: "matcher", reason: errorName(event.code) });
        }
        break;
      case "accepted":
      case "rested":
      case "filled":
      case "amended":
        break;
    }
  }
  if (trades > 0) metrics.trades.inc({ market }, trades);
  if (cancelled > 0) metrics.ordersCancelled.inc({ market }, cancelled);
}
