/**
 * What each verification (KYC) level allows: the one table, read by withdrawals
 * (services/withdrawals.service.ts), by `me { verificationLimits }` and by
 * `setVerificationLevel` (which accepts only the levels listed here). docs/OPERATIONS.md shows it.
 *
 * The rule: per asset, in that asset's own units, the most a user may withdraw in one UTC day
 * (00:00–24:00 UTC), counting the `amount` of every withdrawal requested that day that is PENDING
 * or COMPLETED (a rejected one gives its share back; the fee does not count). An asset a level
 * does not list cannot be withdrawn at that level: list an asset here when you add it.
 * No price conversion: a limit means the same on a quiet day and a volatile one.
 */
export interface VerificationLevel {
  level: number;
  /**
   * Trading (orders, cancels) and the demo faucet. Open at every level; a level that closed
   * trading would need a check at placement, so the type allows only `true`.
   */
  canTrade: true;
  /** Asset symbol → most withdrawn per UTC day, an exact decimal in the asset. */
  dailyWithdrawalLimits: Readonly<Record<string, string>>;
}

export const VERIFICATION_LEVELS: readonly VerificationLevel[] = [
  /** New accounts: trade and use the faucet; no withdrawals. */
  { level: 0, canTrade: true, dailyWithdrawalLimits: {} },
  /** Identity verified. */
  {
    level: 1,
    canTrade: true,
    dailyWithdrawalLimits: { BTC: "2", ETH: "30", USDT: "50000" },
  },
  /** Identity and address verified. */
  {
    level: 2,
    canTrade: true,
    dailyWithdrawalLimits: { BTC: "100", ETH: "1500", USDT: "2500000" },
  },
];

/** The level's row, or null for a level the table does not have. */
export function verificationLevel(level: number): VerificationLevel | null {
  return VERIFICATION_LEVELS.find((row) => row.level === level) ?? null;
}
