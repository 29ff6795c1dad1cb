/**
 * Group commit: work items that arrive while a batch is being written are written together, in
 * the next batch, as one statement and one commit — the way a database's WAL flush carries every
 * transaction that committed while the previous flush ran. A lone item goes at once (no window
 * to wait out), so latency at low load is one round trip; under load a batch carries everything
 * that queued during the previous one, so round trips and commits per item fall as load rises.
 *
 * Items that must not share a batch (the same wallet, say) name a conflict key: a batch takes at
 * most one item per key, and the others wait for a later batch in arrival order.
 *
 * Pure scheduling: `write` does the I/O. It answers one outcome per item, in the items' order (an
 * item's own refusal is its outcome); when it throws, every item of the batch gets that error.
 */
export interface GroupCommitOptions<T> {
  /** Most items in one batch; with `size`, most units of size (an item larger goes alone). */
  maxBatch: number;
  /** How much of maxBatch an item takes (1 unless given). */
  size?: (item: T) => number;
  /** Batches being written at once (1: each batch waits for the previous to commit). */
  maxInFlight: number;
  /** Items with the same key never share a batch; null for an item that conflicts with none. */
  conflictKey?: (item: T) => string | null;
}

interface Queued<T, R> {
  item: T;
  resolve: (outcome: R) => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T, R> {
  private readonly queue: Queued<T, R>[] = [];
  private inFlight = 0;
  /** Sizes of the batches written, for metrics: [batches, items]. */
  readonly written = { batches: 0, items: 0 };

  constructor(
    private readonly write: (items: T[]) => Promise<R[]>,
    private readonly options: GroupCommitOptions<T>,
  ) {}

  /** Queues `item`; resolves with its outcome once its batch has been written. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /**
   * Queues `items` together, as one caller's (a request's): they go into the same batch when
   * they fit, where submitting them one by one would send the first alone. One outcome each.
   */
  submitAll(items: readonly T[]): Promise<R>[] {
    const outcomes = items.map(
      (item) => new Promise<R>((resolve, reject) => this.queue.push({ item, resolve, reject })),
    );
    this.pump();
    return outcomes;
  }

  /** Items waiting for a batch. */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight && this.queue.length > 0) {
      const batch = this.take();
      this.inFlight++;
      void this.run(batch);
    }
  }

  /**
   * The next batch: queued items in arrival order, skipping any whose key is already in it, up
   * to maxBatch in size (the first item always goes, whatever its size).
   */
  private take(): Queued<T, R>[] {
    const { maxBatch, conflictKey, size } = this.options;
    if (!conflictKey && !size) return this.queue.splice(0, maxBatch);
    const batch: Queued<T, R>[] = [];
    const keys = new Set<string>();
    let used = 0;
    let kept = 0;
    for (let i = 0; i < this.queue.length; i++) {
      const queued = this.queue[i]!;
      const itemSize = size ? size(queued.item) : 1;
      const fits = batch.length === 0 || used + itemSize <= maxBatch;
      const key = fits ? (conflictKey ? conflictKey(queued.item) : null) : undefined;
      if (key !== undefined && (key === null || !keys.has(key))) {
        if (key !== null) keys.add(key);
        batch.push(queued);
        used += itemSize;
      } else {
        this.queue[kept++] = queued;
      }
    }
    this.queue.length = kept;
    return batch;
  }

  private async run(batch: Queued<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.write(batch.map((q) => q.item));
      if (outcomes.length !== batch.length) {
        throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`);
      }
      this.written.batches++;
      this.written.items += batch.length;
      batch.forEach((q, i) => q.resolve(outcomes[i]!));
    } catch (error) {
      for (const q of batch) q.reject(error);
    } finally {
      this.inFlight--;
      this.pump();
    }
  }
}
