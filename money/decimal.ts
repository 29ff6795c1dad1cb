/**
 * Exact decimal money. Every amount in code is a `bigint` of units at one fixed scale
 * (`SCALE` = 18 decimal places), stored in PostgreSQL as numeric(38,18) and carried
 * in GraphQL/JSON as a decimal string. No float ever touches a price or an amount.
 */
export const SCALE = 18;
export const ONE = 10n ** BigInt(SCALE);

/** Hard limit on digits before the point, so a value always fits numeric(38,18). */
const MAX_INTEGER_DIGITS = 20;
/**
 * Longest decimal text accepted, checked before any parsing: room for a sign, 20 integer and 18
 * fractional digits plus generous leading/trailing zeros. Longer input is refused unread.
 */
export const MAX_DECIMAL_LENGTH = 100;
const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

export class DecimalError extends Error {
  override name = "DecimalError";
}

/**
 * Parses a plain decimal string ("64230.50", "-1", "0.00000001") into units.
 * `maxDecimals` is the precision the value may carry: more significant fractional
 * digits than that is an error, never a silent rounding. Trailing zeros are fine; anything
 * else around the digits — a space, a tab, a newline, a plus sign — is an error (DecimalError),
 * so an amount is read exactly as it was written or not at all.
 */
export function parseDecimal(text: string, maxDecimals: number = SCALE): bigint {
  if (maxDecimals < 0 || maxDecimals > SCALE) throw new RangeError(`maxDecimals out of range`);
  if (text.length > MAX_DECIMAL_LENGTH) {
    throw new DecimalError(`a decimal has at most ${MAX_DECIMAL_LENGTH} characters`);
  }
  const match = DECIMAL_PATTERN.exec(text);
  if (!match) throw new DecimalError(`"${truncate(text)}" is not a decimal number`);
  const [, sign, integerDigits = "", fractionDigits = ""] = match;
  const fraction = withoutTrailingZeros(fractionDigits);
  if (fraction.length > maxDecimals) {
    throw new DecimalError(
      `"${truncate(text)}" has more than ${maxDecimals} decimal place${maxDecimals === 1 ? "" : "s"}`,
    );
  }
  const integer = integerDigits.replace(/^0+(?=\d)/, "");
  if (integer.length > MAX_INTEGER_DIGITS)
    throw new DecimalError(`"${truncate(text)}" is too large`);
  const units = BigInt(integer) * ONE + BigInt(fraction.padEnd(SCALE, "0") || "0");
  return sign ? -units : units;
}

/** Canonical decimal string of units: no exponent, no trailing fractional zeros. */
export function formatDecimal(units: bigint): string {
  const negative = units < 0n;
  const magnitude = negative ? -units : units;
  const integer = magnitude / ONE;
  const fraction = withoutTrailingZeros((magnitude % ONE).toString().padStart(SCALE, "0"));
  const text = fraction ? `${integer}.${fraction}` : integer.toString();
  return negative ? `-${text}` : text;
}

/** Number of decimal places a step such as a tick size (0.01 → 2) carries. */
export function decimalsOf(units: bigint): number {
  const text = formatDecimal(units < 0n ? -units : units);
  const point = text.indexOf(".");
  return point < 0 ? 0 : text.length - point - 1;
}

/** How many whole `step`s `value` is; an error when it is not an exact multiple. */
export function toSteps(value: bigint, step: bigint, what = "value"): bigint {
  if (step <= 0n) throw new RangeError("step must be positive");
  if (value % step !== 0n) {
    throw new DecimalError(
      `${what} ${formatDecimal(value)} is not a multiple of ${formatDecimal(step)}`,
    );
  }
  return value / step;
}

/** a × b, exact: an error if the product needs more than SCALE decimal places. */
export function multiplyExact(a: bigint, b: bigint): bigint {
  const product = a * b;
  if (product % ONE !== 0n) throw new DecimalError("product exceeds the supported precision");
  return product / ONE;
}

/** a × b rounded toward zero to SCALE places (and then to `decimals` places). */
export function multiplyFloor(a: bigint, b: bigint, decimals: number = SCALE): bigint {
  return roundDown((a * b) / ONE, decimals);
}

/** a × b rounded away from zero to `decimals` places (for amounts owed to the exchange). */
export function multiplyCeil(a: bigint, b: bigint, decimals: number = SCALE): bigint {
  const product = a * b;
  const quotient = product / ONE;
  const exact = product % ONE === 0n ? quotient : quotient + (product > 0n ? 1n : -1n);
  return roundUp(exact, decimals);
}

/** Drops digits beyond `decimals` places, toward zero. */
export function roundDown(units: bigint, decimals: number): bigint {
  const step = 10n ** BigInt(SCALE - decimals);
  return units - (units % step);
}

/** Rounds to `decimals` places away from zero. */
export function roundUp(units: bigint, decimals: number): bigint {
  const step = 10n ** BigInt(SCALE - decimals);
  const remainder = units % step;
  if (remainder === 0n) return units;
  return units - remainder + (units > 0n ? step : -step);
}

export function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}

export function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** Linear, unlike /0+$/, which V8 retries from every position of a long run of zeros. */
function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end--;
  return digits.slice(0, end);
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * True when `text` has the form formatDecimal prints: an optional "-", an integer part without
 * leading zeros, an optional fraction of at least one digit whose last digit is not 0, and not
 * "-0". Form only: the digit limits (20 integer digits, 18 decimals) are not checked. One pass
 * over the characters, no allocation ("64230.5", "0.001", "-7": true; "064", "1.50", "1.", ".5",
 * "-0", "1e5": false).
 */
export function isCanonicalDecimal(text: string): boolean {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0; // "-"
  const integerStart = i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  const integerDigits = i - integerStart;
  if (integerDigits === 0) return false;
  if (integerDigits > 1 && text.charCodeAt(integerStart) === 48) return false; // leading zero
  if (i === n) return !(integerStart === 1 && integerDigits === 1 && text.charCodeAt(1) === 48);
  if (text.charCodeAt(i) !== 46) return false; // "."
  const fractionStart = ++i;
  while (i < n && isDigit(text.charCodeAt(i))) i++;
  return i === n && i > fractionStart && text.charCodeAt(n - 1) !== 48;
}

const isDigit = (code: number) => code >= 48 && code <= 57;

const CANONICAL_PATTERN = /^(-?)0*(\d+?)(?:\.(\d*?)0*)?$/;

/**
 * formatDecimal(parseDecimal(text)) for a plain decimal string, without the bigint round trip:
 * the hot path of serialising numeric columns (PostgreSQL returns "64230.500000000000000000").
 * Text already canonical comes back as it is, and other plain decimals are trimmed, without
 * parseDecimal's digit limits (a numeric(38,18) column stays inside them); anything else, and
 * text over MAX_DECIMAL_LENGTH, goes through parseDecimal and throws as it does.
 */
export function canonicalDecimal(text: string): string {
  if (text.length > MAX_DECIMAL_LENGTH) return formatDecimal(parseDecimal(text));
  if (isCanonicalDecimal(text)) return text; // trim_scale'd columns: one pass, no allocation
  const match = CANONICAL_PATTERN.exec(text);
  if (!match) return formatDecimal(parseDecimal(text));
  const [, sign, integer, fraction] = match;
  const body = fraction ? `${integer}.${fraction}` : integer!;
  return sign && body !== "0" ? `-${body}` : body;
}
