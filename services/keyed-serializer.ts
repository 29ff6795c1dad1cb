/**
 * Runs tasks that share a key one after another, in arrival order, within this process; tasks of
 * different keys run side by side. Holds one promise per busy key and nothing for idle ones.
 */
export class KeyedSerializer {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `task` once every earlier task of `key` has settled; its result or error is the task's. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    let finished!: () => void;
    const tail = new Promise<void>((resolve) => (finished = resolve));
    this.tails.set(key, tail);
    try {
      await previous;
      return await task();
    } finally {
      finished();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting. */
  get busyKeys(): number {
    return this.tails.size;
  }
}
