import { afterEach, describe, expect, it } from "vitest";
import { fundedUser, placeLimit, sleep, startExchange, until, type Exchange } from "./kit/index.ts";

/*
 * The relay's linger (workers/relay.worker.ts, `lingerMs`): after a round that was not full it
 * lets rows gather before taking the next, so commands written close together go out in one
 * round (one take, one commit, one burst of publishes) and reach the matcher as one batch.
 */
let ex: Exchange | null = null;
afterEach(async () => {
  await ex?.stop();
  ex = null;
});

/** The relay's rounds that published something, and the commands they published, so far. */
async function relayRounds(exchange: Exchange): Promise<{ rounds: number; commands: number }> {
  const { values } = await exchange.platform.deps.relay!.metrics.relayBatchSize.get();
  const pick = (suffix: string) =>
    values.find((v) => v.metricName === `eventhub_relay_batch_commands_${suffix}`)?.value ?? 0;
  return { rounds: pick("count"), commands: pick("sum") };
}

/**
 * Places two orders `gapMs` apart while the relay waits for a hint (its idle poll is a minute
 * long, so only the first order's hint wakes it), and answers the rounds that published them.
 */
async function roundsForTwoOrders(lingerMs: number, gapMs: number) {
  ex = await startExchange({ components: ["api", "relay"], relay: { lingerMs, idleMs: 60_000 } });
  const user = await fundedUser(ex, "linger", { USDT: "1000" });
  await sleep(300); // the relay's first round found nothing: it waits for a hint now
  const before = await relayRounds(ex);
  await placeLimit(ex, user.bearer, "BUY", "20000", "0.001");
  await sleep(gapMs);
  await placeLimit(ex, user.bearer, "BUY", "20001", "0.001");
  await until(async () => (await relayRounds(ex!)).commands >= before.commands + 2, 5_000);
  const after = await relayRounds(ex);
  return { rounds: after.rounds - before.rounds, commands: after.commands - before.commands };
}

describe("the relay's linger", () => {
  it("publishes commands written within it after the first in one round", async () => {
    expect(await roundsForTwoOrders(1_000, 150)).toEqual({ rounds: 1, commands: 2 });
  });

  it("without it, publishes each as soon as it is hinted", async () => {
    expect(await roundsForTwoOrders(0, 150)).toEqual({ rounds: 2, commands: 2 });
  });
});
