import {
  dailyNotionalUsed,
  placeWithinDailyNotional,
  updateApiKeyGuardrails,
  type GuardrailColumns,
} from "../db/api-key-guardrails.repository.ts";
import { recordAudit } from "../db/audit.repository.ts";
import { readLastCachedTradePrice } from "../db/marketdata-cache.repository.ts";
import { readBestPrices } from "../db/order-book-mirror.repository.ts";
import type { ApiKeyRow } from "../db/schema.ts";
import type { BatchPlacementResult } from "../db/orders.repository.ts";
import type pg from "pg";
import { assertNever } from "../kernel/assert-never.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, DomainError, ErrorCode } from "../kernel/errors.ts";
import {
  canonicalDecimal,
  formatDecimal,
  multiplyCeil,
  multiplyExact,
  parseDecimal,
} from "../money/decimal.ts";
import { forgetApiKey, UUID } from "./api-keys.service.ts";
import type { Auth } from "./caller.ts";
import { parseAmount } from "./decimal-input.ts";
import { marketsOf } from "./markets.provider.ts";
import type { ValidOrder } from "./order-validation.ts";
import { readReference } from "./reference-price.service.ts";

/*
 * Guardrails an API key's owner (or an admin) sets on the key, enforced on every order placed
 * with it, over GraphQL and MCP alike: the most notional per order and per UTC day (valued in
 * USDT), the markets it may trade, and dry-run (validate and price, never place).
 */

/** Notional is valued in this asset. */
export const VALUATION_ASSET = "USDT";
const MAX_ALLOWED_MARKETS = 100;

/** A key's guardrails, parsed; null limits and markets mean "none". */
export interface Guardrails {
  maxOrderNotional: bigint | null;
  maxDailyNotional: bigint | null;
  allowedMarkets: readonly string[] | null;
  dryRun: boolean;
}

export function guardrailsOf(key: GuardrailColumns): Guardrails {
  const amount = (v: string | null) => (v === null ? null : parseDecimal(v));
  return {
    maxOrderNotional: amount(key.maxOrderNotional),
    maxDailyNotional: amount(key.maxDailyNotional),
    allowedMarkets: key.allowedMarkets,
    dryRun: key.dryRun,
  };
}

/** Guardrails as a client gives them (decimal strings); all left out: none. */
export interface GuardrailsInput {
  maxOrderNotional?: string | null;
  maxDailyNotional?: string | null;
  allowedMarkets?: readonly string[] | null;
  dryRun?: boolean | null;
}

/**
 * The columns to store for `input`. BAD_USER_INPUT (naming the field) for a limit that is not a
 * positive decimal, an empty market list or more than 100 markets, or a market that does not exist.
 */
export async function validGuardrails(
  deps: Dependencies,
  input: GuardrailsInput,
): Promise<GuardrailColumns> {
  const limit = (value: string | null | undefined, field: string) => {
    if (value == null) return null;
    const units = parseAmount(value, 18, field);
    if (units <= 0n)
      throw badInput(`${field} must be positive (USDT); leave it out for none`, field);
    return formatDecimal(units);
  };
  let allowedMarkets: string[] | null = null;
  if (input.allowedMarkets != null) {
    allowedMarkets = [...new Set(input.allowedMarkets)];
    if (allowedMarkets.length === 0 || allowedMarkets.length > MAX_ALLOWED_MARKETS) {
      throw badInput(
        `allowedMarkets takes 1–${MAX_ALLOWED_MARKETS} markets; leave it out for all`,
        "allowedMarkets",
      );
    }
    const markets = await marketsOf(deps).all();
    const unknown = allowedMarkets.find((m) => !markets.has(m));
    if (unknown !== undefined) throw badInput(`No market "${unknown}"`, "allowedMarkets");
  }
  return {
    maxOrderNotional: limit(input.maxOrderNotional, "maxOrderNotional"),
    maxDailyNotional: limit(input.maxDailyNotional, "maxDailyNotional"),
    allowedMarkets,
    dryRun: input.dryRun ?? false,
  };
}

/** A key's guardrails as the API shows them, with the notional placed today (UTC). */
export async function guardrailsView(deps: Pick<Dependencies, "db">, key: ApiKeyRow) {
  const used = (await dailyNotionalUsed(deps.db, [key.id])).get(key.id) ?? "0";
  const limit = key.maxDailyNotional;
  const remaining = limit === null ? null : parseDecimal(limit) - parseDecimal(used);
  return {
    maxOrderNotional: key.maxOrderNotional,
    maxDailyNotional: limit,
    allowedMarkets: key.allowedMarkets,
    dryRun: key.dryRun,
    dailyNotionalUsed: formatDecimal(parseDecimal(used)),
    dailyNotionalRemaining:
      remaining === null ? null : formatDecimal(remaining < 0n ? 0n : remaining),
    resetsAt: nextUtcMidnight(),
  };
}

/**
 * Replaces the guardrails of key `id` (every field: one left out is "none"). The key's owner with
 * a session, or an admin with a session for any key; recorded in the audit log in the same
 * transaction (actor, `apiKey:<id>`, before and after). No such key of the caller's:
 * BAD_USER_INPUT. Other API processes apply the change within 2 s (their key cache).
 */
export async function setApiKeyGuardrails(
  deps: Dependencies,
  auth: Auth,
  id: string,
  input: GuardrailsInput,
): Promise<ApiKeyRow> {
  const columns = await validGuardrails(deps, input);
  const asAdmin = auth.user.role === "ADMIN";
  const changed = !UUID.test(id)
    ? null
    : await deps.db.transaction(async (tx) => {
        const rows = await updateApiKeyGuardrails(tx, id, asAdmin ? null : auth.user.id, columns);
        if (!rows) return null;
        await recordAudit(tx, {
          actorId: auth.user.id,
          action: "setApiKeyGuardrails",
          target: `apiKey:${id}`,
          before: guardrailColumnsOf(rows.before),
          after: guardrailColumnsOf(rows.after),
        });
        return rows.after;
      });
  if (!changed) {
    throw new DomainError(
      ErrorCode.BAD_USER_INPUT,
      "No active API key with that id on this account (a revoked key cannot be changed)",
      {
        field: "id",
      },
    );
  }
  forgetApiKey(changed.prefix);
  return changed;
}

const guardrailColumnsOf = (key: ApiKeyRow): GuardrailColumns & { keyOwner: string } => ({
  keyOwner: key.userId,
  maxOrderNotional: key.maxOrderNotional === null ? null : canonicalDecimal(key.maxOrderNotional),
  maxDailyNotional: key.maxDailyNotional === null ? null : canonicalDecimal(key.maxDailyNotional),
  allowedMarkets: key.allowedMarkets,
  dryRun: key.dryRun,
});

/**
 * The refusals that need no valuation, for an order about to be placed with a key: FORBIDDEN
 * with `reason: DRY_RUN` (the key only previews) or `reason: MARKET_NOT_ALLOWED` (`market`,
 * `allowedMarkets`).
 */
export function checkKeyMayPlace(guardrails: Guardrails, market: string): void {
  if (guardrails.dryRun) {
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      "This API key is in dry-run mode: it validates and prices orders but never places them; use previewOrder",
      { reason: "DRY_RUN" },
    );
  }
  checkMarketAllowed(guardrails, market);
}

export function checkMarketAllowed(guardrails: Guardrails, market: string): void {
  const allowed = guardrails.allowedMarkets;
  if (allowed === null || allowed.includes(market)) return;
  throw new DomainError(
    ErrorCode.FORBIDDEN,
    `This API key may trade only ${allowed.join(", ")}, not ${market}`,
    { reason: "MARKET_NOT_ALLOWED", market, allowedMarkets: [...allowed] },
  );
}

/** GUARDRAIL_EXCEEDED (`reason: ORDER_NOTIONAL`) when the order is worth more than the key allows. */
export function checkOrderNotional(guardrails: Guardrails, notionalUsdt: bigint): void {
  const limit = guardrails.maxOrderNotional;
  if (limit === null || notionalUsdt <= limit) return;
  throw guardrailExceeded("ORDER_NOTIONAL", limit, notionalUsdt, limit);
}

/** GUARDRAIL_EXCEEDED (`reason: DAILY_NOTIONAL`) unless `requested` fits in what is left today. */
export function checkDailyNotional(
  guardrails: Guardrails,
  requested: bigint,
  usedToday: bigint,
): void {
  const limit = guardrails.maxDailyNotional;
  if (limit === null || usedToday + requested <= limit) return;
  const remaining = limit > usedToday ? limit - usedToday : 0n;
  throw guardrailExceeded("DAILY_NOTIONAL", limit, requested, remaining);
}

function guardrailExceeded(
  reason: "ORDER_NOTIONAL" | "DAILY_NOTIONAL",
  limit: bigint,
  requested: bigint,
  remaining: bigint,
) {
  const show = formatDecimal;
  const what = reason === "ORDER_NOTIONAL" ? "per order" : "per UTC day";
  return new DomainError(
    ErrorCode.GUARDRAIL_EXCEEDED,
    `This API key may place at most ${show(limit)} USDT ${what}; this order is worth ${show(requested)} USDT and ${show(remaining)} USDT remains`,
    {
      reason,
      limit: show(limit),
      requested: show(requested),
      remaining: show(remaining),
      ...(reason === "DAILY_NOTIONAL" ? { resetsAt: nextUtcMidnight() } : {}),
    },
  );
}

/**
 * Places with `place` (one statement: on the pool, where placements are group-committed, or on
 * the transaction's connection). A key
 * with a daily limit places inside a transaction that raises today's notional first, only within
 * the limit (db/api-key-guardrails.repository.ts): concurrent placements never pass it, and an
 * order the statement refuses gives its notional back. Over the limit: GUARDRAIL_EXCEEDED.
 */
export async function placeWithinGuardrails<R extends BatchPlacementResult>(
  deps: Dependencies,
  auth: Auth,
  notionalUsdt: bigint | null,
  place: (executor: pg.Pool | pg.PoolClient) => Promise<R>,
): Promise<R> {
  const guardrails = auth.guardrails;
  const limit = guardrails?.maxDailyNotional ?? null;
  if (!guardrails || limit === null || notionalUsdt === null || !auth.apiKeyId) {
    return place(deps.pool);
  }
  const outcome = await placeWithinDailyNotional(
    deps.pool,
    { apiKeyId: auth.apiKeyId, notional: formatDecimal(notionalUsdt), limit: formatDecimal(limit) },
    place,
    (result) => "placed" in result,
  );
  if ("placed" in outcome) return outcome.placed;
  checkDailyNotional(guardrails, notionalUsdt, parseDecimal(outcome.overDailyLimit.used));
  // The total moved between the refusal and the read: refuse with what the statement saw.
  throw guardrailExceeded("DAILY_NOTIONAL", limit, notionalUsdt, 0n);
}

/** Notional the key placed today (UTC). */
export async function usedToday(deps: Pick<Dependencies, "db">, apiKeyId: string) {
  return parseDecimal((await dailyNotionalUsed(deps.db, [apiKeyId])).get(apiKeyId) ?? "0");
}

/**
 * The order's notional in its quote asset: LIMIT price × amount, MARKET BUY its quoteAmount,
 * MARKET SELL amount × the market's reference price (rounded up). NO_REFERENCE_PRICE for a
 * MARKET SELL on a market with no trade and no bid.
 */
export async function quoteNotional(deps: Dependencies, order: ValidOrder): Promise<bigint> {
  switch (order.command.type) {
    case "LIMIT":
      return multiplyExact(order.price!, order.amount!);
    case "MARKET":
      if (order.quoteAmount !== null) return order.quoteAmount;
      return multiplyCeil(order.amount!, await marketSellReference(deps, order));
    default:
      return assertNever(order.command.type);
  }
}

async function marketSellReference(deps: Dependencies, order: ValidOrder): Promise<bigint> {
  const reference = await readReference(deps, order.spec.symbol, "SELL");
  if (reference) return reference.price;
  throw new DomainError(
    ErrorCode.NO_REFERENCE_PRICE,
    `market ${order.spec.symbol} has no last trade and no bid to value a MARKET SELL; place a LIMIT order`,
    { field: "type", market: order.spec.symbol },
  );
}

/**
 * `amount` of `asset` in USDT: itself for USDT, else × the price of `<ASSET>_USDT`, rounded up.
 * The price is the highest of that market's last trade, best bid and best ask: a limit must not
 * shrink because someone rests a lone low quote there, so the valuation leans high. Null when
 * that market does not exist or has no price at all.
 */
export async function valueInUsdt(
  deps: Dependencies,
  asset: string,
  amount: bigint,
): Promise<bigint | null> {
  if (asset === VALUATION_ASSET) return amount;
  const market = `${asset}_${VALUATION_ASSET}`;
  if (!(await marketsOf(deps).all()).has(market)) return null;
  const { redis, config } = deps;
  const [last, book] = await Promise.all([
    readLastCachedTradePrice(redis, config.namespace, market),
    readBestPrices(redis, config.namespace, market),
  ]);
  let price: bigint | null = null;
  for (const candidate of [last, book.bestBid, book.bestAsk]) {
    if (candidate === null) continue;
    const value = parseDecimal(candidate);
    if (price === null || value > price) price = value;
  }
  return price === null ? null : multiplyCeil(amount, price);
}

/**
 * The order's notional in USDT, for a key with a notional limit; null when the key has none.
 * NO_REFERENCE_PRICE (`market`: the pricing market) when the order's quote cannot be valued.
 */
export async function guardedNotional(
  deps: Dependencies,
  guardrails: Guardrails,
  order: ValidOrder,
): Promise<bigint | null> {
  if (guardrails.maxOrderNotional === null && guardrails.maxDailyNotional === null) return null;
  const notional = await quoteNotional(deps, order);
  const usdt = await valueInUsdt(deps, order.spec.quote, notional);
  if (usdt !== null) return usdt;
  const market = `${order.spec.quote}_${VALUATION_ASSET}`;
  throw new DomainError(
    ErrorCode.NO_REFERENCE_PRICE,
    `This API key's notional limits are in USDT, and ${market} has no price to value ${order.spec.quote} with`,
    { market },
  );
}

/**
 * Every guardrail check of a placement with a key before anything is written: dry-run, market,
 * per-order notional. Returns the order's USDT notional when the key has a daily limit to count
 * it against (else null).
 */
export async function checkGuardrailsBeforePlacing(
  deps: Dependencies,
  auth: Auth,
  order: ValidOrder,
): Promise<bigint | null> {
  const guardrails = auth.guardrails;
  if (!guardrails) return null;
  checkKeyMayPlace(guardrails, order.spec.symbol);
  const notional = await guardedNotional(deps, guardrails, order);
  if (notional === null) return null;
  checkOrderNotional(guardrails, notional);
  return guardrails.maxDailyNotional === null ? null : notional;
}

function nextUtcMidnight(): string {
  const now = new Date();
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1),
  ).toISOString();
}
