import { afterEach, describe, expect, it } from "vitest";
import { fundedUser, placeLimit, sleep, startExchange, until, type Exchange } from "./kit/index.ts";

/*
 * The relay's rounds (workers/relay.worker.ts): each one that publishes is one observation of
 * eventhub_relay_batch_commands; a hint after a placement's commit starts a round at once; and
 * stopping never waits out a pause between rounds.
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

/** An exchange of an API and a relay that polls only once a minute: hints drive its rounds. */
async function hintedRelay(): Promise<Exchange> {
  return startExchange({ components: ["api", "relay"], relay: { idleMs: 60_000 } });
}

describe("the relay's rounds", () => {
  it("publish each placement's commands when its hint comes, and are counted with their sizes", async () => {
    ex = await hintedRelay();
    const user = await fundedUser(ex, "rounds", { USDT: "1000" });
    await sleep(300); // the relay's first round found nothing: it waits for a hint now
    const before = await relayRounds(ex);
    await placeLimit(ex, user.bearer, "BUY", "20000", "0.001");
    await until(async () => (await relayRounds(ex!)).commands >= before.commands + 1, 5_000);
    await sleep(150);
    await placeLimit(ex, user.bearer, "BUY", "20001", "0.001");
    await until(async () => (await relayRounds(ex!)).commands >= before.commands + 2, 5_000);
    const after = await relayRounds(ex);
    expect({
      rounds: after.rounds - before.rounds,
      commands: after.commands - before.commands,
    }).toEqual({ rounds: 2, commands: 2 });
  });

  it("stop at once, even when stopped in a round before a minute's pause", async () => {
    ex = await hintedRelay();
    // Stopped while its first round ran, a relay went on into its pause and waited all of it.
    const started = performance.now();
    await ex.stop();
    ex = null;
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
