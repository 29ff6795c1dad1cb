import type {
  AssetRow,
  MarketSettingsChange,
  NewAsset,
  NewMarket,
} from "../db/markets.repository.ts";
import type { MarketRow } from "../db/schema.ts";
import type { MarketStatus } from "../domain/market-status.ts";
import type { SameMembers } from "../domain/same-members.ts";
import { badInput } from "../kernel/errors.ts";
import { DEFAULT_MAX_LOTS, DEFAULT_MAX_PRICE_TICKS } from "../matcher/index.ts";
import { ONE, SCALE, canonicalDecimal, formatDecimal } from "../money/decimal.ts";
import { parseAmount } from "./decimal-input.ts";
import { MAX_WALLET_BALANCE } from "./wallets.service.ts";

/*
 * The rules an admin's new asset, new market or market change must pass, pure: every refusal is
 * BAD_USER_INPUT naming its field, and what passes comes back as the row values to write.
 */

/** The PostgreSQL enum market_status (db/schema.ts) is the domain's set, member for member. */
export const marketStatusColumnMatchesTheDomain: SameMembers<MarketRow["status"], MarketStatus> =
  true;

const SYMBOL = /^[A-Z0-9]{2,16}$/;
/** markets.symbol is varchar(32). */
const MAX_MARKET_SYMBOL = 32;
const HUNDRED = 100n * ONE;

export interface AssetRequest {
  symbol: string;
  name: string;
  decimals: number;
  withdrawalFee: string;
}

export interface MarketRequest {
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  lotSize: string;
  minNotional: string;
  makerFee: string;
  takerFee: string;
  priceBandPercent?: string | null;
}

/** Absent (undefined) leaves a setting as it is; null is refused except for the price band. */
export interface MarketUpdateRequest {
  symbol: string;
  makerFee?: string | null;
  takerFee?: string | null;
  minNotional?: string | null;
  priceBandPercent?: string | null;
}

/** An asset symbol: 2–16 characters of A–Z and 0–9. */
export function validSymbol(symbol: string, field: string): string {
  if (!SYMBOL.test(symbol)) {
    throw badInput(`${field} must be 2–16 characters of A–Z and 0–9`, field);
  }
  return symbol;
}

export function validAsset(input: AssetRequest): NewAsset {
  const symbol = validSymbol(input.symbol, "symbol");
  const name = input.name.trim();
  if (name.length < 1 || name.length > 64) throw badInput("name must be 1–64 characters", "name");
  const { decimals } = input;
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > SCALE) {
    throw badInput(`decimals must be a whole number from 0 to ${SCALE}`, "decimals");
  }
  const withdrawalFee = parseAmount(input.withdrawalFee, decimals, "withdrawalFee");
  if (withdrawalFee < 0n) throw badInput("withdrawalFee must not be negative", "withdrawalFee");
  if (withdrawalFee > MAX_WALLET_BALANCE) {
    throw badInput("withdrawalFee is larger than a wallet may hold", "withdrawalFee");
  }
  return { symbol, name, decimals, withdrawalFee: formatDecimal(withdrawalFee) };
}

/**
 * A new market on listed assets (`assetOf` answers null for one that is not listed): the symbol
 * is BASE_QUOTE; prices carry at most the quote's decimals and amounts the base's, and so does
 * tickSize × lotSize (the quote of one tick × lot), so every trade's quote amount is exact.
 */
export function validMarket(
  input: MarketRequest,
  assetOf: (symbol: string) => Pick<AssetRow, "symbol" | "decimals"> | null,
): NewMarket {
  const baseSymbol = validSymbol(input.base, "base");
  const quoteSymbol = validSymbol(input.quote, "quote");
  if (baseSymbol === quoteSymbol) throw badInput("base and quote must differ", "quote");
  const symbol = `${baseSymbol}_${quoteSymbol}`;
  if (input.symbol !== symbol) throw badInput(`symbol must be ${symbol} (BASE_QUOTE)`, "symbol");
  if (symbol.length > MAX_MARKET_SYMBOL) {
    throw badInput(`symbol must be at most ${MAX_MARKET_SYMBOL} characters`, "symbol");
  }
  const base = assetOf(baseSymbol);
  if (!base) throw badInput(`asset ${baseSymbol} is not listed`, "base");
  const quote = assetOf(quoteSymbol);
  if (!quote) throw badInput(`asset ${quoteSymbol} is not listed`, "quote");

  const tickSize = step(input.tickSize, quote.decimals, DEFAULT_MAX_PRICE_TICKS, "tickSize");
  const lotSize = step(input.lotSize, base.decimals, DEFAULT_MAX_LOTS, "lotSize");
  // tickSize × lotSize is at 36 decimals; it must need no more than the quote's.
  if ((tickSize * lotSize) % 10n ** BigInt(2 * SCALE - quote.decimals) !== 0n) {
    throw badInput(
      `tickSize × lotSize needs more than the ${quote.decimals} decimals of ${quoteSymbol}`,
      "tickSize",
    );
  }
  return {
    symbol,
    base: baseSymbol,
    quote: quoteSymbol,
    tickSize: formatDecimal(tickSize),
    lotSize: formatDecimal(lotSize),
    minNotional: minNotional(input.minNotional, quote.decimals),
    makerFee: feeRate(input.makerFee, "makerFee"),
    takerFee: feeRate(input.takerFee, "takerFee"),
    priceBandPercent: priceBand(input.priceBandPercent ?? null),
  };
}

/**
 * What to change on `market` (whose quote asset has `quoteDecimals`): only the fields given, at
 * least one of them. Tick and lot sizes are not among them: resting orders are held in whole
 * ticks and lots, so changing either would re-price the book.
 */
export function validMarketUpdate(
  input: MarketUpdateRequest,
  quoteDecimals: number,
): MarketSettingsChange {
  const change: MarketSettingsChange = {};
  const given = <T>(value: T | null | undefined, field: string): value is T => {
    if (value === undefined) return false;
    if (value === null) throw badInput(`${field} cannot be null; leave it out to keep it`, field);
    return true;
  };
  if (given(input.makerFee, "makerFee")) change.makerFee = feeRate(input.makerFee, "makerFee");
  if (given(input.takerFee, "takerFee")) change.takerFee = feeRate(input.takerFee, "takerFee");
  if (given(input.minNotional, "minNotional")) {
    change.minNotional = minNotional(input.minNotional, quoteDecimals);
  }
  if (input.priceBandPercent !== undefined) {
    change.priceBandPercent = priceBand(input.priceBandPercent);
  }
  if (Object.keys(change).length === 0) {
    throw badInput(
      "give at least one of makerFee, takerFee, minNotional, priceBandPercent",
      "symbol",
    );
  }
  return change;
}

/** A market row as the audit log keeps it: JSON-safe, decimals as strings. */
export function marketForAudit(row: MarketRow) {
  return {
    symbol: row.symbol,
    base: row.base,
    quote: row.quote,
    tickSize: canonicalDecimal(row.tickSize),
    lotSize: canonicalDecimal(row.lotSize),
    minNotional: canonicalDecimal(row.minNotional),
    makerFee: canonicalDecimal(row.makerFee),
    takerFee: canonicalDecimal(row.takerFee),
    priceBandPercent: row.priceBandPercent === null ? null : canonicalDecimal(row.priceBandPercent),
    status: row.status,
  };
}

export function assetForAudit(row: AssetRow) {
  return {
    symbol: row.symbol,
    name: row.name,
    decimals: row.decimals,
    withdrawalFee: canonicalDecimal(row.withdrawalFee),
  };
}

/** A tick or lot size: positive, within the asset's decimals, `maxSteps` of it fit a wallet. */
function step(text: string, decimals: number, maxSteps: number, field: string): bigint {
  const value = parseAmount(text, decimals, field);
  if (value <= 0n) throw badInput(`${field} must be positive`, field);
  if (value * BigInt(maxSteps) > MAX_WALLET_BALANCE) {
    throw badInput(
      `${field} is too large: ${maxSteps} of it must stay within ${formatDecimal(MAX_WALLET_BALANCE)}`,
      field,
    );
  }
  return value;
}

function minNotional(text: string, quoteDecimals: number): string {
  const value = parseAmount(text, quoteDecimals, "minNotional");
  if (value < 0n) throw badInput("minNotional must not be negative", "minNotional");
  if (value > MAX_WALLET_BALANCE) {
    throw badInput("minNotional is larger than a wallet may hold", "minNotional");
  }
  return formatDecimal(value);
}

/** A fee rate, 0 to 1 (0.001 = 0.1 %). */
function feeRate(text: string, field: string): string {
  const value = parseAmount(text, SCALE, field);
  if (value < 0n || value > ONE) throw badInput(`${field} must be from 0 to 1`, field);
  return formatDecimal(value);
}

/** A percent-price band, 0 < p ≤ 100, or null for none. */
function priceBand(text: string | null): string | null {
  if (text === null) return null;
  const value = parseAmount(text, SCALE, "priceBandPercent");
  if (value <= 0n || value > HUNDRED) {
    throw badInput("priceBandPercent must be above 0 and at most 100", "priceBandPercent");
  }
  return formatDecimal(value);
}
