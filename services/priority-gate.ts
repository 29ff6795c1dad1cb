/** Who waits for a slot: every waiting `urgent` task goes before any waiting `background` one. */
export type GatePriority = "urgent" | "background";

/** The gate's queue for that priority is full; nothing was run. */
export class GateFull extends Error {
  constructor(readonly priority: GatePriority) {
    super(`the ${priority} queue is full`);
  }
}

/**
 * A semaphore of `slots` tasks running at once, with one bounded FIFO queue per priority. A freed
 * slot goes to the oldest urgent waiter, else the oldest background one; a task arriving at a
 * full queue is refused at once with GateFull, so waiting never grows without bound.
 */
export class PriorityGate {
  private running = 0;
  private readonly waiting: Record<GatePriority, (() => void)[]> = { urgent: [], background: [] };

  constructor(
    readonly slots: number,
    readonly queueLimits: Record<GatePriority, number>,
  ) {}

  /** Runs `task` when a slot is free; rejects with GateFull when its queue is full. */
  async run<T>(priority: GatePriority, task: () => Promise<T>): Promise<T> {
    await this.acquire(priority);
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  /** Tasks running and waiting, for a retry hint. */
  load(): { running: number; waiting: number } {
    return {
      running: this.running,
      waiting: this.waiting.urgent.length + this.waiting.background.length,
    };
  }

  private acquire(priority: GatePriority): Promise<void> {
    if (this.running < this.slots) {
      this.running++;
      return Promise.resolve();
    }
    const queue = this.waiting[priority];
    if (queue.length >= this.queueLimits[priority]) throw new GateFull(priority);
    return new Promise((resolve) => queue.push(resolve));
  }

  private release(): void {
    const next = this.waiting.urgent.shift() ?? this.waiting.background.shift();
    // The slot passes straight to the next waiter, so `running` stays the same.
    if (next) next();
    else this.running--;
  }
}
