import type { Order } from "./order.ts";

/** One price with its orders in arrival order (intrusive doubly-linked list, O(1) removal). */
export class PriceLevel {
  head: Order | null = null;
  tail: Order | null = null;
  totalLots = 0;
  count = 0;
  changed = false;

  constructor(readonly priceTicks: number) {}

  append(order: Order): void {
    order.level = this;
    order.next = null;
    order.prev = this.tail;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.totalLots += order.remainingLots;
    this.count++;
  }

  /** Unlinks the order; the caller has already taken its remaining lots off totalLots. */
  unlink(order: Order): void {
    const prev = order.prev;
    const next = order.next;
    if (prev === null) this.head = next;
    else prev.next = next;
    if (next === null) this.tail = prev;
    else next.prev = prev;
    order.prev = null;
    order.next = null;
    order.level = null;
    this.count--;
  }
}
