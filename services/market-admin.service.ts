import { randomUUID } from "node:crypto";
import { outboxWritten } from "../bus/live.ts";
import { busNames } from "../bus/subjects.ts";
import { recordAudit } from "../db/audit.repository.ts";
import {
  findAsset,
  insertAsset,
  insertMarket,
  listAssets,
  lockMarket,
  updateMarketSettings,
  updateMarketStatus,
  type AssetRow,
} from "../db/markets.repository.ts";
import type { MarketRow } from "../db/schema.ts";
import type { MarketStatus } from "../domain/market-status.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { alreadyExists, marketNotFound } from "../kernel/errors.ts";
import type { Auth } from "./caller.ts";
import {
  assetForAudit,
  marketForAudit,
  validAsset,
  validMarket,
  validMarketUpdate,
  type AssetRequest,
  type MarketRequest,
  type MarketUpdateRequest,
} from "./market-settings.ts";
import { publishMarketsChanged } from "./markets.provider.ts";

/*
 * Operators' changes to assets and markets (issue 13). Each one changes its rows and records
 * its audit entry in one transaction; once committed, a market change is published
 * (`publishMarketsChanged`) so every process — placement, matcher, settlement, market data —
 * reads it without a restart. The caller is an admin (resolvers call `requireAdmin`).
 */

/** Lists an asset. BAD_USER_INPUT (`field`); ALREADY_EXISTS when the symbol is listed. */
export async function createAsset(
  deps: Dependencies,
  admin: Auth,
  input: AssetRequest,
): Promise<AssetRow> {
  const asset = validAsset(input);
  // Nothing to publish: settlement re-reads the assets when a market names one it does not know.
  return deps.db.transaction(async (tx) => {
    const row = await insertAsset(tx, asset);
    if (!row) throw alreadyExists(`Asset ${asset.symbol}`, "symbol");
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "createAsset",
      target: `asset:${row.symbol}`,
      before: null,
      after: assetForAudit(row),
    });
    return row;
  });
}

/** Opens a market, TRADING. BAD_USER_INPUT (`field`); ALREADY_EXISTS when the symbol is taken. */
export async function createMarket(
  deps: Dependencies,
  admin: Auth,
  input: MarketRequest,
): Promise<MarketRow> {
  const assets = new Map((await listAssets(deps.db)).map((a) => [a.symbol, a]));
  const market = validMarket(input, (symbol) => assets.get(symbol) ?? null);
  const row = await deps.db.transaction(async (tx) => {
    const created = await insertMarket(tx, market);
    if (!created) throw alreadyExists(`Market ${market.symbol}`, "symbol");
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "createMarket",
      target: `market:${created.symbol}`,
      before: null,
      after: marketForAudit(created),
    });
    return created;
  });
  await publishMarketsChanged(deps, [row.symbol]);
  return row;
}

/**
 * Changes a market's fees, minimum notional or price band. Every process reloads its markets on
 * the message published once this commits, settlement included, so trades matched after this
 * returns settle with the new fees. BAD_USER_INPUT (`field`); MARKET_NOT_FOUND.
 */
export async function updateMarket(
  deps: Dependencies,
  admin: Auth,
  input: MarketUpdateRequest,
): Promise<MarketRow> {
  const row = await deps.db.transaction(async (tx) => {
    const before = await lockMarket(tx, input.symbol);
    if (!before) throw marketNotFound(input.symbol);
    const quote = await findAsset(tx, before.quote);
    if (!quote) throw new Error(`market ${before.symbol}: quote asset ${before.quote} missing`);
    const after = await updateMarketSettings(
      tx,
      before.symbol,
      validMarketUpdate(input, quote.decimals),
    );
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "updateMarket",
      target: `market:${after.symbol}`,
      before: marketForAudit(before),
      after: marketForAudit(after),
    });
    return after;
  });
  await publishMarketsChanged(deps, [row.symbol]);
  return row;
}

/**
 * Sets a market's status and, in the same transaction, queues the status command on the
 * market's command subject, so the matcher applies it in order with the orders around it: orders
 * written before it may still match, orders written after it meet the new status. Returns once
 * committed and published (every API process then refuses placements at once); it does not wait
 * for the matcher, which needs no waiting for: whatever order is written after this commit comes
 * after the command in the stream. MARKET_NOT_FOUND.
 */
export async function setMarketStatus(
  deps: Dependencies,
  admin: Auth,
  symbol: string,
  status: MarketStatus,
): Promise<MarketRow> {
  const row = await deps.db.transaction(async (tx) => {
    const before = await lockMarket(tx, symbol);
    if (!before) throw marketNotFound(symbol);
    const after = await updateMarketStatus(tx, {
      symbol: before.symbol,
      status,
      subject: busNames(deps.config.namespace).commandSubject(before.symbol),
      messageId: `status:${randomUUID()}`,
    });
    await recordAudit(tx, {
      actorId: admin.user.id,
      action: "setMarketStatus",
      target: `market:${after.symbol}`,
      before: marketForAudit(before),
      after: marketForAudit(after),
    });
    return after;
  });
  outboxWritten(deps, 1);
  await publishMarketsChanged(deps, [row.symbol]);
  return row;
}
