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
