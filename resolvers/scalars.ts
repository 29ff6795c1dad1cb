import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DecimalError, canonicalDecimal, formatDecimal, parseDecimal } from "../money/decimal.ts";

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

function decimalFromClient(value: unknown): string {
  if (typeof value !== "string") {
    throw badInput(
      'Decimal must be a string such as "0.1", never a JSON number (floats are inexact)',
    );
  }
  try {
    // parseDecimal refuses over-long text before reading it (MAX_DECIMAL_LENGTH).
    return formatDecimal(parseDecimal(value));
  } catch (error) {
    if (error instanceof DecimalError) throw badInput(error.message);
    throw error;
  }
}

export const Decimal = new GraphQLScalarType({
  name: "Decimal",
  description:
    'An exact decimal number carried as a string: digits, an optional leading "-" and an optional fraction, such as "64230.50". Spaces, "+", exponents and JSON numbers are BAD_USER_INPUT, as is more precision than the field allows.',
  serialize: (value) => canonicalDecimal(String(value)),
  parseValue: decimalFromClient,
  parseLiteral: (ast) => {
    // A block string ("""…""") is refused too: GraphQL strips its indentation and blank lines
    // before a scalar sees it, so it would be read as other than it was written.
    if (ast.kind !== Kind.STRING || ast.block)
      throw badInput('Decimal must be a string literal such as "0.1"');
    return decimalFromClient(ast.value);
  },
});

/** Longest DateTime text accepted ("2026-02-22T17:30:00.123456789+05:30" is 35). */
export const MAX_DATETIME_LENGTH = 40;
/** Instants a client may name: PostgreSQL and JavaScript agree on every one of them. */
const EARLIEST_YEAR = 1970;
const LATEST_YEAR = 9999;
const EARLIEST = Date.UTC(EARLIEST_YEAR, 0, 1);
const LATEST = Date.UTC(LATEST_YEAR, 11, 31, 23, 59, 59, 999);
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const DATE_RULE = `DateTime must be an ISO-8601 instant with a zone between ${EARLIEST_YEAR}-01-01 and ${LATEST_YEAR}-12-31, such as 2026-02-22T17:30:00Z`;

/**
 * Reads an ISO-8601 instant strictly (RFC 3339): a calendar date that exists (2026-02-30 is
 * refused, not read as 2 March), a time, and a zone (`Z` or `±hh:mm`; a local time is ambiguous).
 * Fractions beyond milliseconds are truncated. Throws BAD_USER_INPUT.
 */
export function parseDateTime(value: unknown): Date {
  if (typeof value !== "string" || value.length > MAX_DATETIME_LENGTH) throw badInput(DATE_RULE);
  const m = ISO_INSTANT.exec(value);
  if (!m) throw badInput(DATE_RULE);
  const [year, month, day, hour, minute, second = 0] = m.slice(1, 7).map((v) => Number(v ?? 0));
  const millis = Number((m[7] ?? "").padEnd(3, "0").slice(0, 3));
  const offsetMinutes = m[8] ? 0 : (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  const daysInMonth = new Date(Date.UTC(year!, month, 0)).getUTCDate();
  if (
    year! < EARLIEST_YEAR ||
    year! > LATEST_YEAR ||
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysInMonth ||
    hour! > 23 ||
    minute! > 59 ||
    second > 59 ||
    Math.abs(offsetMinutes) > 18 * 60
  ) {
    throw badInput(DATE_RULE);
  }
  const instant = Date.UTC(year!, month! - 1, day, hour, minute, second, millis);
  const utc = instant - offsetMinutes * 60_000;
  // The range holds for the instant, not only for what was written: 9999-12-31T23:59-00:01 is
  // already year 10000 in UTC, which PostgreSQL refuses.
  if (utc < EARLIEST || utc > LATEST) throw badInput(DATE_RULE);
  return new Date(utc);
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An instant, ISO-8601 in UTC.",
  // Already ISO-8601 UTC (as stored bars carry it): passed through without a Date round trip.
  serialize: (value) =>
    typeof value === "string" && ISO_UTC.test(value)
      ? value
      : new Date(value as string | Date).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badInput("DateTime must be a string literal");
    return parseDateTime(ast.value);
  },
});
