export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Reads until `done` holds for what was read, every `intervalMs`; past `timeoutMs` throws with
 * `failure` of the last reading. Answers that reading.
 */
export async function poll<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: { timeoutMs: number; intervalMs?: number; failure?: (last: T) => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(options.failure?.(value) ?? `not true within ${options.timeoutMs} ms`);
    await sleep(options.intervalMs ?? 20);
  }
}

/** Waits until `check` holds, checking every 20 ms; throws after `timeoutMs`. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  await poll(async () => check(), Boolean, { timeoutMs });
}
