import { canonicalDecimal } from "../money/decimal.ts";

/** A price level as subscribers see it: canonical decimal strings. */
export interface Level {
  price: string;
  amount: string;
}

/** Levels the checksum covers per side. */
export const CHECKSUM_LEVELS = 10;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, zlib's) of the UTF-8 bytes of `text`, unsigned; no Node module needed. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (const byte of new TextEncoder().encode(text)) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The book checksum a subscriber can recompute (docs/LIVE.md): CRC-32 of the UTF-8 text
 * `asks|bids`, where each side is its best 10 levels of the window (asks lowest first, bids
 * highest first) as `price:amount` joined by `,`, both numbers in their canonical form as sent
 * (no trailing zeros, no trailing dot). Unsigned, in decimal. Pure: servers and browsers alike.
 */
export function bookChecksum(bids: readonly Level[], asks: readonly Level[]): string {
  const side = (levels: readonly Level[]) =>
    levels
      .slice(0, CHECKSUM_LEVELS)
      .map((l) => `${canonicalDecimal(l.price)}:${canonicalDecimal(l.amount)}`)
      .join(",");
  return String(crc32(`${side(asks)}|${side(bids)}`));
}
