import { randomUUID } from "node:crypto";
import type { Auth } from "../api/context.ts";
import { UserUpdates } from "../bus/live.ts";
import { busNames, type UserUpdateMessage } from "../bus/subjects.ts";
import { liveIterator } from "../subscriptions/live.ts";
import type { Dependencies } from "../api/dependencies.ts";
import { badInput, forbidden } from "../api/errors.ts";
import { connection, decodeCursor, encodeCursor, pageSize } from "../api/pagination.ts";
import { findAsset } from "../db/markets.repository.ts";
import type { LedgerEntryRow, WalletRow } from "../db/schema.ts";
import { changeBalance, listWalletsOfUser, pageLedgerOfUser } from "../db/wallets.repository.ts";
import { DecimalError, ONE, formatDecimal, parseDecimal } from "../money/decimal.ts";

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

/** A decimal from a client: malformed, over-precise or too large is BAD_USER_INPUT. */
export function parseAmount(text: string, decimals: number, field: string): bigint {
  try {
    return parseDecimal(text, decimals);
  } catch (error) {
    if (error instanceof DecimalError) throw badInput(`${field}: ${error.message}`, field);
    throw error;
  }
}

export async function ledgerPage(
  deps: Dependencies,
  userId: string,
  args: { asset?: string | null; first?: number | null; after?: string | null },
) {
  const limit = pageSize(args.first);
  const after = decodeCursor("ledger", args.after);
  if (after !== null && !/^\d{1,19}$/.test(after))
    throw badInput("after is not a valid cursor", "after");
  const rows = await pageLedgerOfUser(deps.db, {
    userId,
    asset: args.asset,
    beforeId: after === null ? null : BigInt(after),
    limit: limit + 1,
  });
  return connection<LedgerEntryRow>(rows, limit, (row) => encodeCursor("ledger", row.id));
}

/** The caller's wallets as their balances change. */
export function myWalletUpdates(deps: Dependencies, auth: Auth) {
  return liveIterator<UserUpdateMessage, WalletRow>(
    deps,
    busNames(deps.config.namespace).userSubject(auth.user.id),
    async (update) => {
      if (update.assets.length === 0) return [];
      const wallets = await listWalletsOfUser(deps.db, auth.user.id);
      return wallets.filter((w) => update.assets.includes(w.asset));
    },
  );
}
