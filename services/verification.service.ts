import {
  VERIFICATION_LEVELS,
  verificationLevel,
  type VerificationLevel,
} from "../config/verification-levels.ts";
import { recordAudit } from "../db/audit.repository.ts";
import { listAssets } from "../db/markets.repository.ts";
import type { UserRow } from "../db/schema.ts";
import { updateVerificationLevel } from "../db/users.repository.ts";
import { withdrawnToday } from "../db/withdrawals.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput } from "../kernel/errors.ts";
import { formatDecimal, max, parseDecimal } from "../money/decimal.ts";
import { UUID } from "./api-keys.service.ts";
import type { Auth } from "./caller.ts";

/** One asset's daily withdrawal allowance for a user, as `me { verificationLimits }` shows it. */
export interface WithdrawalAllowance {
  asset: string;
  dailyLimit: string;
  usedToday: string;
  remainingToday: string;
  withdrawalFee: string;
}

export interface VerificationLimits {
  level: number;
  canTrade: boolean;
  canWithdraw: boolean;
  withdrawalLimits: WithdrawalAllowance[];
  resetsAt: Date;
}

/** The most of `asset` a user at this level may withdraw per UTC day (0: none), in units. */
export function dailyLimitOf(rules: VerificationLevel | null, asset: string): bigint {
  const limit = rules?.dailyWithdrawalLimits[asset];
  return limit === undefined ? 0n : parseDecimal(limit);
}

/** Whether a level lets its users withdraw anything (a level not in the table: no). */
export function levelCanWithdraw(rules: VerificationLevel | null): boolean {
  return Object.values(rules?.dailyWithdrawalLimits ?? {}).some((l) => parseDecimal(l) > 0n);
}

/** The lowest level above `level` that may withdraw `asset`, or null when none may. */
export function lowestLevelWithdrawing(level: number, asset: string): number | null {
  const above = VERIFICATION_LEVELS.filter((row) => row.level > level);
  return above.find((row) => dailyLimitOf(row, asset) > 0n)?.level ?? null;
}

/**
 * What the user's verification level allows (config/verification-levels.ts), with this UTC
 * day's withdrawals counted: one allowance per listed asset, 0 where the level allows none.
 */
export async function verificationLimitsOf(
  deps: Dependencies,
  user: UserRow,
): Promise<VerificationLimits> {
  const rules = verificationLevel(user.verificationLevel);
  const [assets, today] = await Promise.all([
    listAssets(deps.db),
    withdrawnToday(deps.db, user.id),
  ]);
  const withdrawalLimits = assets.map((asset) => {
    const limit = dailyLimitOf(rules, asset.symbol);
    const used = parseDecimal(today.byAsset.get(asset.symbol) ?? "0");
    return {
      asset: asset.symbol,
      dailyLimit: formatDecimal(limit),
      usedToday: formatDecimal(used),
      remainingToday: formatDecimal(max(0n, limit - used)),
      withdrawalFee: asset.withdrawalFee,
    };
  });
  return {
    level: user.verificationLevel,
    canTrade: rules?.canTrade ?? true,
    canWithdraw: levelCanWithdraw(rules),
    withdrawalLimits,
    resetsAt: today.resetsAt,
  };
}

/**
 * Sets a user's verification level (admin): one of the table's levels, else BAD_USER_INPUT on
 * `level`; an unknown user is BAD_USER_INPUT on `userId`. Audited in the same transaction.
 */
export async function setVerificationLevel(
  deps: Dependencies,
  admin: Auth,
  userId: string,
  level: number,
): Promise<UserRow> {
  if (!UUID.test(userId)) throw badInput("No user with that id", "userId");
  if (!verificationLevel(level)) {
    const levels = VERIFICATION_LEVELS.map((row) => row.level).join(", ");
    throw badInput(`level must be one of ${levels}`, "level");
  }
  return deps.db.transaction(async (tx) => {
    const changed = await updateVerificationLevel(tx, userId, level);
    if (!changed) throw badInput("No user with that id", "userId");
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "setVerificationLevel",
      target: `user:${userId}`,
      before: { verificationLevel: changed.before },
      after: { verificationLevel: level },
    });
    return changed.user;
  });
}
