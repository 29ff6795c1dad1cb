import { assertNever } from "../kernel/assert-never.ts";
import { isMarketStatus, isSelfTradePrevention, isSide } from "./closed-sets.ts";
import { SnapshotError } from "./errors.ts";
import type { MarketStatus, SelfTradePrevention, Side } from "./types.ts";

export const SNAPSHOT_VERSION = 1;

export interface SnapshotOrder {
  orderId: string;
  userId: string;
  side: Side;
  priceTicks: number;
  remainingLots: number;
  filledLots: number;
  filledQuote: number;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
}

/**
 * Plain JSON. Orders are listed in priority order (bids best first, then asks best first, FIFO
 * within a level), which is all the time priority there is: restoring appends them in that order.
 */
export interface BookSnapshot {
  version: typeof SNAPSHOT_VERSION;
  seq: number;
  maxPriceTicks: number;
  maxLots: number;
  /** The market's status (`setStatus`); absent in snapshots written before it existed: TRADING. */
  status?: MarketStatus;
  orders: SnapshotOrder[];
}

function nonNegativeSafe(value: unknown): boolean {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

export function validateSnapshot(snapshot: BookSnapshot): void {
  if (typeof snapshot !== "object" || snapshot === null) {
    throw new SnapshotError("snapshot must be an object");
  }
  if (snapshot.version !== SNAPSHOT_VERSION) {
    throw new SnapshotError(`unsupported snapshot version ${String(snapshot.version)}`);
  }
  if (!nonNegativeSafe(snapshot.seq)) throw new SnapshotError("bad seq");
  const { maxPriceTicks, maxLots } = snapshot;
  if (
    !nonNegativeSafe(maxPriceTicks) ||
    !nonNegativeSafe(maxLots) ||
    maxPriceTicks === 0 ||
    maxLots === 0 ||
    !Number.isSafeInteger(maxPriceTicks * maxLots)
  ) {
    throw new SnapshotError("bad maxPriceTicks/maxLots");
  }
  if (snapshot.status !== undefined && !isMarketStatus(snapshot.status)) {
    throw new SnapshotError("bad status");
  }
  if (!Array.isArray(snapshot.orders)) throw new SnapshotError("orders must be an array");
  const ids = new Set<string>();
  let lastBid = Infinity;
  let lastAsk = 0;
  let seenAsk = false;
  for (const o of snapshot.orders) {
    if (typeof o !== "object" || o === null) throw new SnapshotError("order must be an object");
    const where = `order ${String(o.orderId)}`;
    if (typeof o.orderId !== "string" || o.orderId === "" || ids.has(o.orderId)) {
      throw new SnapshotError(`${where}: missing or duplicate id`);
    }
    ids.add(o.orderId);
    if (typeof o.userId !== "string" || o.userId === "") {
      throw new SnapshotError(`${where}: bad userId`);
    }
    if (!isSide(o.side)) throw new SnapshotError(`${where}: bad side`);
    if (
      !nonNegativeSafe(o.priceTicks) ||
      o.priceTicks === 0 ||
      o.priceTicks > snapshot.maxPriceTicks
    ) {
      throw new SnapshotError(`${where}: bad priceTicks`);
    }
    if (!nonNegativeSafe(o.remainingLots) || o.remainingLots === 0) {
      throw new SnapshotError(`${where}: bad remainingLots`);
    }
    if (
      !nonNegativeSafe(o.filledLots) ||
      !nonNegativeSafe(o.filledQuote) ||
      o.filledLots + o.remainingLots > snapshot.maxLots
    ) {
      throw new SnapshotError(`${where}: bad filled amounts`);
    }
    if (typeof o.postOnly !== "boolean" || !isSelfTradePrevention(o.selfTradePrevention)) {
      throw new SnapshotError(`${where}: bad flags`);
    }
    switch (o.side) {
      case "BUY":
        if (seenAsk || o.priceTicks > lastBid) throw new SnapshotError(`${where}: out of order`);
        lastBid = o.priceTicks;
        break;
      case "SELL":
        if (o.priceTicks < lastAsk) throw new SnapshotError(`${where}: out of order`);
        seenAsk = true;
        lastAsk = o.priceTicks;
        break;
      default:
        assertNever(o.side);
    }
  }
}
