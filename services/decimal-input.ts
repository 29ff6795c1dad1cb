import { badInput } from "../kernel/errors.ts";
import { DecimalError, parseDecimal } from "../money/decimal.ts";

/**
 * A decimal from a client, at most `decimals` places: malformed, over-precise or too large is
 * BAD_USER_INPUT on `field`.
 */
export function parseAmount(text: string, decimals: number, field: string): bigint {
  try {
    return parseDecimal(text, decimals);
  } catch (error) {
    if (error instanceof DecimalError) throw badInput(`${field}: ${error.message}`, field);
    throw error;
  }
}
