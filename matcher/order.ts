import type { PriceLevel } from "./price-level.ts";
import type { SelfTradePrevention, Side } from "./types.ts";

/** A live order; prev/next/level make it an intrusive node of its price level's FIFO queue. */
export class Order {
  prev: Order | null = null;
  next: Order | null = null;
  level: PriceLevel | null = null;

  constructor(
    readonly id: string,
    readonly userId: string,
    readonly side: Side,
    public priceTicks: number,
    public remainingLots: number,
    public filledLots: number,
    public filledQuote: number,
    readonly postOnly: boolean,
    readonly selfTradePrevention: SelfTradePrevention,
  ) {}
}
