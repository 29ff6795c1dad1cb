import { badInput } from "../../kernel/errors.ts";
import type { SubscriptionResolvers } from "../../schema/generated/resolvers-types.ts";

async function* ticks(
  intervalMs: number,
  signal?: AbortSignal,
): AsyncGenerator<{ heartbeat: Date }> {
  while (!signal?.aborted) {
    yield { heartbeat: new Date() };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export const heartbeat: SubscriptionResolvers["heartbeat"] = {
  subscribe: (_parent, { intervalSeconds }) => {
    const seconds = intervalSeconds ?? 1;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 60) {
      throw badInput("intervalSeconds must be 1–60", "intervalSeconds");
    }
    return ticks(seconds * 1000);
  },
};
