import type { Level } from "../marketdata/book-checksum.ts";
import { parseDecimal } from "../money/decimal.ts";

/** One price level as the bus carries it: exact decimal strings; amount "0" removes the level. */
export type LevelPair = [price: string, amount: string];

/** A run of book changes covering market sequences firstSeq..lastSeq. */
export interface BookDiff {
  firstSeq: number;
  lastSeq: number;
  bids: LevelPair[];
  asks: LevelPair[];
}

/**
 * One side of a book kept in memory: price → amount, exact strings. Sorting happens only when a
 * snapshot is asked for, and the result is kept until the side changes.
 */
export class BookSide {
  private readonly levels = new Map<string, string>();
  private sorted: { price: string; amount: string }[] | null = null;

  constructor(private readonly descending: boolean) {}

  replace(levels: readonly { price: string; amount: string }[]): void {
    this.levels.clear();
    for (const { price, amount } of levels) this.levels.set(price, amount);
    this.sorted = null;
  }

  apply(changes: readonly LevelPair[]): void {
    for (const [price, amount] of changes) {
      if (isZero(amount)) this.levels.delete(price);
      else this.levels.set(price, amount);
    }
    if (changes.length > 0) this.sorted = null;
  }

  /** The best `depth` levels, best first. */
  top(depth: number): { price: string; amount: string }[] {
    this.sorted ??= [...this.levels]
      .map(([price, amount]) => ({ price, amount, key: parseDecimal(price) }))
      .sort((a, b) => (a.key === b.key ? 0 : a.key < b.key === this.descending ? 1 : -1))
      .map(({ price, amount }) => ({ price, amount }));
    return this.sorted.slice(0, depth);
  }

  get size(): number {
    return this.levels.size;
  }
}

function isZero(amount: string): boolean {
  return /^0(\.0*)?$/.test(amount);
}

/**
 * Two diffs that follow on (b.firstSeq = a.lastSeq + 1) as one covering both: per price, the later
 * amount wins. Used to send a burst of changes as one update (conflation).
 */
export function mergeDiffs(a: BookDiff, b: BookDiff): BookDiff {
  const merge = (x: LevelPair[], y: LevelPair[]): LevelPair[] => {
    const byPrice = new Map<string, string>(x);
    for (const [price, amount] of y) byPrice.set(price, amount);
    return [...byPrice];
  };
  return {
    firstSeq: a.firstSeq,
    lastSeq: b.lastSeq,
    bids: merge(a.bids, b.bids),
    asks: merge(a.asks, b.asks),
  };
}

// Pure (no node:zlib), so the typed client in client/ verifies books with the same code.
export { bookChecksum, CHECKSUM_LEVELS, type Level } from "../marketdata/book-checksum.ts";
/**
 * What a subscriber holding `before` (one side's top N, best first) must apply to hold `after`
 * (the same side's new top N): every level of `after` that is new or whose amount changed, and
 * `"0"` for every price of `before` no longer in `after` (removed, or pushed out of the window).
 * O(N).
 */
export function windowDiff(before: readonly Level[], after: readonly Level[]): Level[] {
  const old = new Map<string, string>();
  for (const { price, amount } of before) old.set(price, amount);
  const changes: Level[] = [];
  for (const level of after) {
    const previous = old.get(level.price);
    if (previous !== level.amount) changes.push(level);
    old.delete(level.price);
  }
  for (const price of old.keys()) changes.push({ price, amount: "0" });
  return changes;
}
