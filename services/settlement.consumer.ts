import type { JsMsg } from "@nats-io/jetstream";
import type { Dependencies } from "../api/dependencies.ts";
import { isUnavailable } from "../api/errors.ts";
import { startDurableEventConsumer } from "../bus/durable.ts";
import type { EventBatchMessage } from "../bus/subjects.ts";
import { listAssets, listMarkets } from "../db/markets.repository.ts";
import { FEE_ACCOUNT_EMAIL } from "../db/seed.ts";
import { findUserByEmail } from "../db/users.repository.ts";
import { marketSpec } from "./market-spec.ts";
import { settleBatches, SETTLEMENT_CONSUMER, type SettlementSetup } from "./settlement.ts";

/** The settlement consumer: matcher events → PostgreSQL, in batched transactions. */
export function startSettlement(deps: Dependencies, options: { maxBatch?: number } = {}) {
  let setup: SettlementSetup | null = null;
  async function load(): Promise<SettlementSetup> {
    const feeAccount = await findUserByEmail(deps.db, FEE_ACCOUNT_EMAIL);
    if (!feeAccount) throw new Error("fee account missing: run npm run seed");
    return {
      specs: new Map((await listMarkets(deps.db)).map((row) => [row.symbol, marketSpec(row)])),
      assetDecimals: new Map((await listAssets(deps.db)).map((a) => [a.symbol, a.decimals])),
      feeAccountId: feeAccount.id,
    };
  }

  return startDurableEventConsumer(deps, {
    name: SETTLEMENT_CONSUMER,
    maxBatch: options.maxBatch,
    async handle(messages: JsMsg[]) {
      const batches = messages.map((m) => m.json<EventBatchMessage>());
      // A market added while running is picked up at its first event.
      if (!setup || batches.some((b) => !setup!.specs.has(b.market))) setup = await load();
      const byBatch = new Map(batches.map((b, i) => [b, messages[i]!]));
      const settle = async (group: EventBatchMessage[]): Promise<EventBatchMessage[]> => {
        const client = await deps.pool.connect();
        try {
          await client.query("BEGIN");
          const result = await settleBatches(client, setup!, group);
          await client.query("COMMIT");
          result.updates.publish(deps);
          return result.deferred;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
      };
      try {
        return { soon: (await settle(batches)).map((b) => byBatch.get(b)!) };
      } catch (error) {
        if (isUnavailable(error) || isUnavailable((error as { cause?: unknown }).cause))
          throw error;
        // A batch that cannot be applied must not hold up the other markets: settle each market
        // on its own and send back only the failing one's messages (it stays stopped — refusing
        // beats diverging — and the log says which market and why).
        const soon: JsMsg[] = [];
        const later: JsMsg[] = [];
        for (const market of new Set(batches.map((b) => b.market))) {
          const group = batches.filter((b) => b.market === market);
          try {
            soon.push(...(await settle(group)).map((b) => byBatch.get(b)!));
          } catch (marketError) {
            deps.log.error("settlement cannot apply a market's events; it waits", {
              market,
              fromSeq: group[0]!.fromSeq,
              error: marketError,
            });
            later.push(...group.map((b) => byBatch.get(b)!));
          }
        }
        return { soon, later };
      }
    },
  });
}
