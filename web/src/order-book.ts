import type { WebOrderBookSubscription } from "../../client/generated/graphql.ts";

/** One message of the `orderBook` subscription, as generated from its document. */
export type BookUpdate = WebOrderBookSubscription["orderBook"];
/** A price level as the API sends it: decimal strings, never numbers. */
export type Level = BookUpdate["bids"][number];

/** The window of the book a subscriber holds: best first on each side, and where it stands. */
export interface BookWindow {
  bids: Level[];
  asks: Level[];
  /** lastSequence of the last message applied. */
  sequence: string;
  depth: number;
}

/** Why a message could not be applied: the subscriber must resubscribe (docs/LIVE.md). */
export type BookFault = "gap" | "checksum";

export type BookStep = { ok: true; book: BookWindow } | { ok: false; fault: BookFault };

/** An empty window before the first snapshot. */
export const emptyBook = (depth: number): BookWindow => ({
  bids: [],
  asks: [],
  sequence: "",
  depth,
});

/**
 * Applies one message by the stream's rules: a snapshot replaces the window; a diff applies only
 * if its firstSequence follows the window's sequence (else a gap), sets each level's absolute
 * amount ("0" removes it), then truncates to depth. Either way the CRC-32 of the result must
 * equal the message's checksum.
 */
export function applyBookUpdate(book: BookWindow, update: BookUpdate): BookStep {
  let next: BookWindow;
  if (update.snapshot) {
    next = { ...book, bids: update.bids, asks: update.asks, sequence: update.lastSequence };
  } else {
    if (BigInt(update.firstSequence) !== BigInt(book.sequence || "0") + 1n) {
      return { ok: false, fault: "gap" };
    }
    next = {
      ...book,
      bids: mergeSide(book.bids, update.bids, "desc").slice(0, book.depth),
      asks: mergeSide(book.asks, update.asks, "asc").slice(0, book.depth),
      sequence: update.lastSequence,
    };
  }
  if (bookChecksum(next) !== update.checksum) return { ok: false, fault: "checksum" };
  return { ok: true, book: next };
}

/** CRC-32 of `ASKS|BIDS` (best 10 a side, `price:amount` joined by `,`), unsigned, in decimal. */
export function bookChecksum(book: Pick<BookWindow, "bids" | "asks">): string {
  const side = (levels: Level[]) =>
    levels
      .slice(0, 10)
      .map((l) => `${l.price}:${l.amount}`)
      .join(",");
  return String(crc32(new TextEncoder().encode(`${side(book.asks)}|${side(book.bids)}`)));
}

function mergeSide(levels: Level[], changes: Level[], order: "asc" | "desc"): Level[] {
  const byPrice = new Map(levels.map((l) => [l.price, l]));
  for (const change of changes) {
    if (isZero(change.amount)) byPrice.delete(change.price);
    else byPrice.set(change.price, change);
  }
  const sorted = [...byPrice.values()].sort((a, b) => compareDecimals(a.price, b.price));
  return order === "asc" ? sorted : sorted.reverse();
}

const isZero = (amount: string) => /^0+(\.0*)?$/.test(amount);

/** Compares two non-negative canonical decimal strings exactly (no float). */
export function compareDecimals(a: string, b: string): number {
  const [ai = "", af = ""] = a.split(".");
  const [bi = "", bf = ""] = b.split(".");
  const scale = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(scale, "0"));
  const y = BigInt(bi + bf.padEnd(scale, "0"));
  return x < y ? -1 : x > y ? 1 : 0;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, zlib's polynomial) of bytes, unsigned. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
