import { GraphQLError, GraphQLScalarType, Kind } from "graphql";
import { DecimalError, canonicalDecimal, formatDecimal, parseDecimal } from "../money/decimal.ts";

const badDecimal = (message: string) =>
  new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

function decimalFromClient(value: unknown): string {
  if (typeof value !== "string") {
    throw badDecimal(
      'Decimal must be a string such as "0.1", never a JSON number (floats are inexact)',
    );
  }
  try {
    return formatDecimal(parseDecimal(value));
  } catch (error) {
    if (error instanceof DecimalError) throw badDecimal(error.message);
    throw error;
  }
}

export const Decimal = new GraphQLScalarType({
  name: "Decimal",
  description: "An exact decimal number carried as a string.",
  serialize: (value) => canonicalDecimal(String(value)),
  parseValue: decimalFromClient,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING)
      throw badDecimal('Decimal must be a string literal such as "0.1"');
    return decimalFromClient(ast.value);
  },
});

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function dateFromClient(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}/.test(value as string)) {
    throw badDecimal("DateTime must be an ISO-8601 string such as 2026-02-22T17:30:00Z");
  }
  return date;
}

export const DateTime = new GraphQLScalarType({
  name: "DateTime",
  description: "An instant, ISO-8601 in UTC.",
  // Already ISO-8601 UTC (as stored bars carry it): passed through without a Date round trip.
  serialize: (value) =>
    typeof value === "string" && ISO_UTC.test(value)
      ? value
      : new Date(value as string | Date).toISOString(),
  parseValue: dateFromClient,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badDecimal("DateTime must be a string literal");
    return dateFromClient(ast.value);
  },
});
