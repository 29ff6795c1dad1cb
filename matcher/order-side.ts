import { assertNever } from "../kernel/assert-never.ts";
import { PriceLevel } from "./price-level.ts";
import type { Side } from "./types.ts";

/**
 * The price levels of one side, sorted so that the best price is the last element: the touch,
 * where almost all activity happens, is cheap to reach, insert near, and remove from.
 * Bids ascend (best = highest last), asks descend (best = lowest last).
 */
export class OrderSide {
  readonly levels: PriceLevel[] = [];
  private readonly byPrice = new Map<number, PriceLevel>();
  readonly changed: PriceLevel[] = [];
  private readonly isBid: boolean;

  constructor(
    readonly side: Side,
    private readonly trackChanges: boolean,
  ) {
    switch (side) {
      case "BUY":
        this.isBid = true;
        break;
      case "SELL":
        this.isBid = false;
        break;
      default:
        assertNever(side);
    }
  }

  best(): PriceLevel | undefined {
    return this.levels[this.levels.length - 1];
  }

  get(priceTicks: number): PriceLevel | undefined {
    return this.byPrice.get(priceTicks);
  }

  getOrCreate(priceTicks: number): PriceLevel {
    const existing = this.byPrice.get(priceTicks);
    if (existing !== undefined) return existing;
    const level = new PriceLevel(priceTicks);
    this.byPrice.set(priceTicks, level);
    const levels = this.levels;
    const n = levels.length;
    const last = levels[n - 1];
    if (last === undefined || this.isBetter(priceTicks, last.priceTicks)) {
      levels.push(level);
      return level;
    }
    // First index whose price is worse-or-equal-ranked after priceTicks, by binary search.
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.isBetter(priceTicks, (levels[mid] as PriceLevel).priceTicks)) lo = mid + 1;
      else hi = mid;
    }
    levels.splice(lo, 0, level);
    return level;
  }

  /** Removes an empty level. */
  remove(level: PriceLevel): void {
    this.byPrice.delete(level.priceTicks);
    const levels = this.levels;
    const n = levels.length;
    if (levels[n - 1] === level) {
      levels.pop();
      return;
    }
    let lo = 0;
    let hi = n - 1;
    const price = level.priceTicks;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.isBetter(price, (levels[mid] as PriceLevel).priceTicks)) lo = mid + 1;
      else hi = mid;
    }
    levels.splice(lo, 1);
  }

  /** Whether a taker limited to limitPriceTicks may trade at priceTicks, a price on this side. */
  withinLimit(priceTicks: number, limitPriceTicks: number): boolean {
    return this.isBid ? priceTicks >= limitPriceTicks : priceTicks <= limitPriceTicks;
  }

  markChanged(level: PriceLevel): void {
    if (this.trackChanges && !level.changed) {
      level.changed = true;
      this.changed.push(level);
    }
  }

  /** True when a sits closer to the end of the array than b, i.e. a is the better price. */
  private isBetter(a: number, b: number): boolean {
    return this.isBid ? a > b : a < b;
  }
}
