import { UserUpdates } from "../bus/live.ts";
import { verificationLevel } from "../config/verification-levels.ts";
import { recordAudit } from "../db/audit.repository.ts";
import type { Executor } from "../db/client.ts";
import { findAsset } from "../db/markets.repository.ts";
import type { WithdrawalRow } from "../db/schema.ts";
import { FEE_ACCOUNT_EMAIL } from "../db/seed.ts";
import { findUserByEmail, findUserById } from "../db/users.repository.ts";
import {
  changeBalance,
  changeExistingBalance,
  type BalanceChange,
} from "../db/wallets.repository.ts";
import {
  decidePendingWithdrawal,
  findWithdrawal,
  insertWithdrawal,
  lockWalletForWithdrawal,
  lockWalletsInOrder,
  pageWithdrawals,
  withdrawnToday,
  type WithdrawalStatus,
} from "../db/withdrawals.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  badInput,
  DomainError,
  ErrorCode,
  insufficientFunds,
  verificationRequired,
  withdrawalLimitExceeded,
  withdrawalNotFound,
  withdrawalNotPending,
} from "../kernel/errors.ts";
import { formatDecimal, parseDecimal } from "../money/decimal.ts";
import { UUID } from "./api-keys.service.ts";
import type { Auth } from "./caller.ts";
import { parseAmount } from "./decimal-input.ts";
import { ipAllowed } from "./ip-allow-list.ts";
import { dailyLimitOf, lowestLevelWithdrawing } from "./verification.service.ts";

/**
 * Destination addresses and transaction ids: 1–128 characters of letters, digits and `. _ : -`
 * (every chain's address and txid format fits; a memo or tag goes after a `:`).
 */
const CHAIN_TEXT = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_REASON_LENGTH = 256;

/**
 * Requests a withdrawal of `amount` (to `address`) plus the asset's withdrawal fee. The caller's
 * verification level must allow the asset and the UTC day's PENDING and COMPLETED amounts plus
 * this one must stay within its daily limit; an API key needs WITHDRAW (checked by the resolver)
 * and an IP allow-list holding the caller's address. In one transaction, under a lock on the
 * wallet (so concurrent requests can neither overdraw it nor pass the limit): amount + fee move
 * from available to locked (ledger WITHDRAWAL_LOCK) and the withdrawal is PENDING.
 */
export async function requestWithdrawal(
  deps: Dependencies,
  auth: Auth,
  ip: string,
  input: { asset: string; amount: string; address: string },
): Promise<WithdrawalRow> {
  if (auth.via === "apiKey") checkKeyMayWithdraw(auth, ip);
  const asset = await findAsset(deps.db, input.asset);
  if (!asset) throw badInput(`unknown asset "${input.asset}"`, "asset");
  const amount = parseAmount(input.amount, asset.decimals, "amount");
  if (amount <= 0n) throw badInput("amount must be positive", "amount");
  const address = input.address.trim();
  if (!CHAIN_TEXT.test(address)) {
    throw badInput(
      "address must be 1–128 characters of letters, digits, '.', '_', ':' and '-'",
      "address",
    );
  }
  const fee = parseDecimal(asset.withdrawalFee);
  const userId = auth.user.id;

  const withdrawal = await deps.db.transaction(async (tx) => {
    const wallet = await lockWalletForWithdrawal(tx, userId, asset.symbol);
    // Read under the wallet lock: a level lowered a moment ago applies.
    const level = (await findUserById(tx, userId))?.verificationLevel ?? 0;
    await checkDailyLimit(tx, { userId, level, asset: asset.symbol, amount });
    const needed = amount + fee;
    if (!wallet || parseDecimal(wallet.available) < needed) {
      throw insufficientFunds(asset.symbol, formatDecimal(needed));
    }
    const row = await insertWithdrawal(tx, {
      userId,
      asset: asset.symbol,
      amount: formatDecimal(amount),
      fee: formatDecimal(fee),
      address,
      apiKeyId: auth.apiKeyId ?? null,
    });
    await change(tx, {
      userId,
      asset: asset.symbol,
      availableDelta: formatDecimal(-needed),
      lockedDelta: formatDecimal(needed),
      reason: "WITHDRAWAL_LOCK",
      reference: `withdrawal:${row.id}`,
    });
    return row;
  });
  new UserUpdates().add(userId, { asset: asset.symbol }).publish(deps);
  return withdrawal;
}

/** As on Binance: an API key withdraws only when it is bound to addresses, and from one of them. */
function checkKeyMayWithdraw(auth: Auth, ip: string): void {
  if (!auth.allowedIps?.length) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      "An API key can withdraw only if it has an IP allow-list; create a key with WITHDRAW and allowedIps",
      { reason: "IP_ALLOW_LIST_REQUIRED" },
    );
  }
  // Authentication refused any other address already; this keeps the rule next to its use.
  if (!ipAllowed(auth.allowedIps, ip)) {
    throw new DomainError(ErrorCode.FORBIDDEN, `${ip} is not on this API key's IP allow-list`, {
      reason: "IP_NOT_ALLOWED",
      ip,
    });
  }
}

async function checkDailyLimit(
  tx: Executor,
  request: { userId: string; level: number; asset: string; amount: bigint },
): Promise<void> {
  const rules = verificationLevel(request.level);
  const limit = dailyLimitOf(rules, request.asset);
  if (limit === 0n) {
    const required = lowestLevelWithdrawing(request.level, request.asset);
    if (required !== null) throw verificationRequired(request.level, required);
    throw badInput(
      `${request.asset} cannot be withdrawn at any verification level (config/verification-levels.ts lists the assets each level may withdraw and their daily limits)`,
      "asset",
    );
  }
  const today = await withdrawnToday(tx, request.userId, request.asset);
  const used = parseDecimal(today.byAsset.get(request.asset) ?? "0");
  if (used + request.amount > limit) {
    throw withdrawalLimitExceeded({
      asset: request.asset,
      limit: formatDecimal(limit),
      usedToday: formatDecimal(used),
      remaining: formatDecimal(limit > used ? limit - used : 0n),
      resetsAt: today.resetsAt.toISOString(),
    });
  }
}

/**
 * Approves a PENDING withdrawal (admin): it becomes COMPLETED with `txid`, exactly once — a
 * concurrent approval or rejection of the same id gets WITHDRAWAL_NOT_PENDING. In one
 * transaction: the user's locked balance gives up the amount (ledger WITHDRAWAL: the money
 * leaves the exchange) and the fee (ledger FEE), the fee account receives the fee (FEE_INCOME),
 * and the audit trail records it.
 */
export async function approveWithdrawal(
  deps: Dependencies,
  admin: Auth,
  id: string,
  txidInput: string,
): Promise<WithdrawalRow> {
  if (!UUID.test(id)) throw withdrawalNotFound();
  const txid = txidInput.trim();
  if (!CHAIN_TEXT.test(txid)) {
    throw badInput(
      "txid must be 1–128 characters of letters, digits, '.', '_', ':' and '-'",
      "txid",
    );
  }
  const feeAccount = await findUserByEmail(deps.db, FEE_ACCOUNT_EMAIL);
  if (!feeAccount) throw new Error("fee account missing: run npm run seed");
  const done = await deps.db.transaction(async (tx) => {
    const row = await decide(tx, { id, status: "COMPLETED", decidedBy: admin.user.id, txid });
    const amount = parseDecimal(row.amount);
    const fee = parseDecimal(row.fee);
    const reference = `withdrawal:${row.id}`;
    const user = { userId: row.userId, asset: row.asset };
    const fees = { userId: feeAccount.id, asset: row.asset };
    await lockWalletsInOrder(tx, fee > 0n ? [user, fees] : [user]);
    await change(tx, {
      ...user,
      availableDelta: "0",
      lockedDelta: formatDecimal(-amount),
      reason: "WITHDRAWAL",
      reference,
    });
    if (fee > 0n) {
      const charged = formatDecimal(fee);
      await change(tx, {
        ...user,
        availableDelta: "0",
        lockedDelta: `-${charged}`,
        reason: "FEE",
        reference,
      });
      await changeBalance(tx, {
        ...fees,
        availableDelta: charged,
        lockedDelta: "0",
        reason: "FEE_INCOME",
        reference,
      });
    }
    await audit(tx, admin, "approveWithdrawal", row);
    return row;
  });
  new UserUpdates()
    .add(done.userId, { asset: done.asset })
    .add(feeAccount.id, { asset: done.asset })
    .publish(deps);
  return done;
}

/**
 * Rejects a PENDING withdrawal (admin) with a reason (1–256 characters): it becomes REJECTED,
 * exactly once, and amount + fee go back from locked to available (ledger WITHDRAWAL_UNLOCK),
 * audited, in one transaction. Already decided: WITHDRAWAL_NOT_PENDING.
 */
export async function rejectWithdrawal(
  deps: Dependencies,
  admin: Auth,
  id: string,
  reasonInput: string,
): Promise<WithdrawalRow> {
  if (!UUID.test(id)) throw withdrawalNotFound();
  const reason = reasonInput.trim();
  if (reason.length < 1 || reason.length > MAX_REASON_LENGTH) {
    throw badInput(`reason must be 1–${MAX_REASON_LENGTH} characters`, "reason");
  }
  const done = await deps.db.transaction(async (tx) => {
    const row = await decide(tx, { id, status: "REJECTED", decidedBy: admin.user.id, reason });
    const held = formatDecimal(parseDecimal(row.amount) + parseDecimal(row.fee));
    await change(tx, {
      userId: row.userId,
      asset: row.asset,
      availableDelta: held,
      lockedDelta: `-${held}`,
      reason: "WITHDRAWAL_UNLOCK",
      reference: `withdrawal:${row.id}`,
    });
    await audit(tx, admin, "rejectWithdrawal", row);
    return row;
  });
  new UserUpdates().add(done.userId, { asset: done.asset }).publish(deps);
  return done;
}

/** Changes a wallet the transaction holds (it exists: it was locked, or holds the funds). */
async function change(tx: Executor, balance: BalanceChange): Promise<void> {
  const wallet = await changeExistingBalance(tx, balance);
  if (!wallet) throw new Error(`no ${balance.asset} wallet of user ${balance.userId}`);
}

/** The decided row, or the reason it cannot be decided (no such id, or decided already). */
async function decide(
  tx: Executor,
  decision: Parameters<typeof decidePendingWithdrawal>[1],
): Promise<WithdrawalRow> {
  const row = await decidePendingWithdrawal(tx, decision);
  if (row) return row;
  const existing = await findWithdrawal(tx, decision.id);
  throw existing ? withdrawalNotPending(existing.status) : withdrawalNotFound();
}

function audit(tx: Executor, admin: Auth, action: string, row: WithdrawalRow): Promise<void> {
  const view = {
    userId: row.userId,
    asset: row.asset,
    amount: formatDecimal(parseDecimal(row.amount)),
    fee: formatDecimal(parseDecimal(row.fee)),
    address: row.address,
  };
  return recordAudit(tx, {
    actorId: admin.user.id,
    action,
    target: `withdrawal:${row.id}`,
    before: { ...view, status: "PENDING" },
    after: { ...view, status: row.status, txid: row.txid, reason: row.reason },
  });
}

/** A page of the user's withdrawals, newest first, before `before` (a seq). */
export function withdrawalsOfUser(
  deps: Dependencies,
  userId: string,
  page: { before: bigint | null; limit: number },
): Promise<WithdrawalRow[]> {
  return pageWithdrawals(deps.db, { userId, beforeSeq: page.before, limit: page.limit });
}

/** A page of every user's withdrawals (admin), newest first, optionally of one status. */
export function allWithdrawals(
  deps: Dependencies,
  query: { status?: WithdrawalStatus | null; before: bigint | null; limit: number },
): Promise<WithdrawalRow[]> {
  return pageWithdrawals(deps.db, {
    status: query.status,
    beforeSeq: query.before,
    limit: query.limit,
  });
}
