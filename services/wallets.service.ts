import { randomUUID } from "node:crypto";
import { UserUpdates } from "../bus/live.ts";
import { findAsset } from "../db/markets.repository.ts";
import type { LedgerEntryRow, WalletRow } from "../db/schema.ts";
import { changeBalance, listWalletsOfUser, pageLedgerOfUser } from "../db/wallets.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, forbidden } from "../kernel/errors.ts";
import { ONE, formatDecimal, parseDecimal } from "../money/decimal.ts";
import type { Auth } from "./caller.ts";
import { parseAmount } from "./decimal-input.ts";

export async function listWallets(deps: Dependencies, userId: string): Promise<WalletRow[]> {
  return listWalletsOfUser(deps.db, userId);
}

/**
 * Far below numeric(38,18)'s 10^20, so trades, fees and sums over many wallets can never overflow
 * a column after money has come in.
 */
export const MAX_WALLET_BALANCE = 10n ** 15n * ONE;

export async function deposit(
  deps: Dependencies,
  auth: Auth,
  input: { asset: string; amount: string },
): Promise<WalletRow> {
  if (auth.user.role !== "ADMIN" && !deps.config.demoFaucet) {
    throw forbidden("Deposits are made by an admin; the demo faucet is off");
  }
  const asset = await findAsset(deps.db, input.asset);
  if (!asset) throw badInput(`unknown asset "${input.asset}"`, "asset");
  const amount = parseAmount(input.amount, asset.decimals, "amount");
  if (amount <= 0n) throw badInput("amount must be positive", "amount");

  const wallet = await deps.db.transaction(async (tx) => {
    try {
      const after = await changeBalance(tx, {
        userId: auth.user.id,
        asset: asset.symbol,
        availableDelta: formatDecimal(amount),
        lockedDelta: "0",
        reason: "DEPOSIT",
        reference: `deposit:${randomUUID()}`,
      });
      if (parseDecimal(after.available) + parseDecimal(after.locked) > MAX_WALLET_BALANCE) {
        throw badInput(`a wallet may hold at most ${formatDecimal(MAX_WALLET_BALANCE)}`, "amount");
      }
      return after;
    } catch (error) {
      if (
        (error as { cause?: { code?: string } }).cause?.code === "22003" ||
        (error as { code?: string }).code === "22003"
      ) {
        throw badInput("the balance would exceed the largest supported amount", "amount");
      }
      throw error;
    }
  });
  new UserUpdates().add(auth.user.id, { asset: asset.symbol }).publish(deps);
  return wallet;
}

/** A page of the user's ledger, newest first, before `before` (an entry id). */
export function ledgerOfUser(
  deps: Dependencies,
  userId: string,
  query: { asset?: string | null; before: bigint | null; limit: number },
): Promise<LedgerEntryRow[]> {
  return pageLedgerOfUser(deps.db, {
    userId,
    asset: query.asset,
    beforeId: query.before,
    limit: query.limit,
  });
}
