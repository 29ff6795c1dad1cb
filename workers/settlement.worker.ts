import type { JsMsg } from "@nats-io/jetstream";
import { startDurableEventConsumer } from "../bus/durable.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import { warnAboutAutovacuum } from "../db/client.ts";
import { listAssets } from "../db/markets.repository.ts";
import { FEE_ACCOUNT_EMAIL } from "../db/seed.ts";
import { findUserByEmail } from "../db/users.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { isUnavailable } from "../kernel/errors.ts";
import { FEE_TIER_RECOMPUTE_MS, startFeeTierRecompute } from "../services/fee-tiers.service.ts";
import { marketsOf } from "../services/markets.provider.ts";
import {
  recordSettlementProblem,
  settleBatches,
  SETTLEMENT_CONSUMER,
  type SettlementSetup,
} from "../services/settlement.ts";

export interface SettlementSettings {
  /** Event messages settled in one transaction at most. */
  maxBatch: number;
  /** How often users' fee tiers are recomputed from their 30-day volume. */
  feeTierRecomputeMs: number;
}

export const defaults: SettlementSettings = {
  maxBatch: 500,
  feeTierRecomputeMs: FEE_TIER_RECOMPUTE_MS,
};

/**
 * The settlement consumer: matcher events → PostgreSQL, in batched transactions (the rules are
 * settlement/plan.ts, applied by services/settlement.ts). Several may run: they share one
 * durable consumer, and each market's events stay in order. It also recomputes users' fee tiers
 * every `feeTierRecomputeMs` (services/fee-tiers.service.ts; one process at a time).
 */
export async function start(deps: Dependencies, settings: SettlementSettings) {
  await warnAboutAutovacuum(deps.pool, deps.log);
  const markets = marketsOf(deps);
  let accounts: Omit<SettlementSetup, "specs"> | null = null;
  async function loadAccounts(): Promise<Omit<SettlementSetup, "specs">> {
    const feeAccount = await findUserByEmail(deps.db, FEE_ACCOUNT_EMAIL);
    if (!feeAccount) throw new Error("fee account missing: run npm run seed");
    return {
      assetDecimals: new Map((await listAssets(deps.db)).map((a) => [a.symbol, a.decimals])),
      feeAccountId: feeAccount.id,
    };
  }
  /** The markets as they are now (a fee change applies from the next batch on). */
  async function setupFor(batches: EventBatchMessage[]): Promise<SettlementSetup> {
    // A market added while running is read at its first event.
    for (const market of new Set(batches.map((b) => b.market))) await markets.get(market);
    const specs = await markets.all();
    const known = (asset: string) => accounts?.assetDecimals.has(asset) === true;
    const newAsset = batches.some((b) => {
      const spec = specs.get(b.market);
      return spec !== undefined && !(known(spec.base) && known(spec.quote));
    });
    if (!accounts || newAsset) accounts = await loadAccounts();
    return { ...accounts, specs };
  }

  const feeTiers = startFeeTierRecompute(deps, settings.feeTierRecomputeMs);
  const consumer = startDurableEventConsumer(deps, {
    name: SETTLEMENT_CONSUMER,
    maxBatch: settings.maxBatch,
    async handle(messages) {
      const batches = messages.map((m) => m.payload);
      const setup = await setupFor(batches);
      const byBatch = new Map(batches.map((b, i) => [b, messages[i]!]));
      const settle = async (group: EventBatchMessage[]): Promise<EventBatchMessage[]> => {
        const result = await settleBatches(deps, setup, group);
        result.updates.publish(deps);
        return result.deferred;
      };
      const unavailable = (error: unknown) =>
        isUnavailable(error) || isUnavailable((error as { cause?: unknown } | null)?.cause);
      try {
        return { soon: (await settle(batches)).map((b) => byBatch.get(b)!) };
      } catch (error) {
        if (unavailable(error)) throw error;
        // A batch that cannot be applied must not hold up the other markets: settle each market
        // on its own and send back only the failing one's messages (it stays stopped — refusing
        // beats diverging — the log says which market and why, and /readyz shows it).
        const soon: JsMsg[] = [];
        const later: JsMsg[] = [];
        for (const market of new Set(batches.map((b) => b.market))) {
          const group = batches.filter((b) => b.market === market);
          try {
            soon.push(...(await settle(group)).map((b) => byBatch.get(b)!));
          } catch (marketError) {
            // PostgreSQL went away meanwhile (chaos run: pg_terminate_backend): the whole
            // delivery comes back in a moment, not this market's in 5 s as if it were broken.
            if (unavailable(marketError)) throw marketError;
            deps.log.error("settlement cannot apply a market's events; it waits", {
              market,
              fromSeq: group[0]!.fromSeq,
              error: marketError,
            });
            later.push(...group.map((b) => byBatch.get(b)!));
            // Visible in /readyz until the market's events next apply.
            await recordSettlementProblem(deps, group, marketError).catch((noteError) =>
              deps.log.warn("could not record a market's settlement problem", {
                market,
                error: (noteError as Error).message,
              }),
            );
          }
        }
        return { soon, later };
      }
    },
  });
  return {
    ...consumer,
    async stop() {
      feeTiers.stop();
      await consumer.stop();
    },
  };
}
