import type { ExchangeClient } from "../client/exchange-client.ts";
import { DEPOSIT, WALLETS } from "../client/operations.ts";
import { formatDecimal, parseDecimal, roundDown } from "../money/decimal.ts";

/** Where a bot writes one line (never a secret). */
export type BotLog = (line: string) => void;

/** What a bot keeps in its wallets: a target per asset, and what the faucet gave since start. */
export interface Funding {
  targets: Record<string, bigint>;
  deposited: Map<string, bigint>;
}

export function funding(targets: Record<string, bigint>): Funding {
  return { targets, deposited: new Map() };
}

/**
 * Brings every asset whose available balance is under half its target back to the target,
 * through the demo faucet (`deposit`: a DEPOSIT ledger row each). Amounts keep 8 decimals, what
 * every demo asset allows.
 */
export async function topUp(client: ExchangeClient, plan: Funding): Promise<void> {
  const { wallets } = await client.request(WALLETS);
  for (const [asset, target] of Object.entries(plan.targets)) {
    const available = parseDecimal(wallets.find((w) => w.asset === asset)?.available ?? "0");
    if (available * 2n >= target) continue;
    const amount = roundDown(target - available, 8);
    if (amount <= 0n) continue;
    await client.request(DEPOSIT, { asset, amount: formatDecimal(amount) });
    plan.deposited.set(asset, (plan.deposited.get(asset) ?? 0n) + amount);
  }
}
