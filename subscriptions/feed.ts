import { DomainError, ErrorCode } from "../kernel/errors.ts";

/**
 * A live stream that many subscribers share: one per market (and interval) per process, fed by
 * one NATS subscription (subscriptions/hub.ts). `P` is the subscription's event as graphql-js
 * reads it, `{ <field>: value }`, so it can be executed against any selection of the field.
 */
export interface Feed<P extends object, A = void> {
  /** Identity among the process's feeds: the field and its arguments. */
  readonly key: string;
  /** Starts delivering every broadcast to `listener` (in order); the returned function stops it. */
  listen(listener: FeedListener<P>): () => void;
  /**
   * What a subscriber joining now is sent before the broadcasts (a snapshot, a replay). Anything
   * broadcast while it is computed is held back and delivered after it, except what it already
   * covers by `sequenceOf`. Throws a DomainError a client can act on (MARKET_NOT_FOUND, …).
   */
  initial(args: A): Promise<P[]>;
  /** Position of a payload in the stream, when the feed has one; used to skip repeats. */
  sequenceOf?(payload: P): bigint;
  /**
   * The position a subscriber says it has already seen (trades' `after`): nothing at or below it
   * is sent to it, from `initial` or live. Called after `initial` succeeded.
   */
  floorOf?(args: A): bigint | null;
}

export interface FeedListener<P> {
  broadcast(payload: P): void;
  /** The feed cannot go on for its listeners (they must resubscribe); none follow. */
  end?(error: DomainError): void;
}

/**
 * One subscriber's join: holds back broadcasts until `initial` is done, then hands over the
 * initial payloads and what was held back, in order, leaving out what it has already seen: at or
 * below its floor (trades' `after`) or covered by the initial payloads (by `sequenceOf`). After
 * that, `accepts` says whether a broadcast is new to it (the floor holds until passed).
 */
export class Joining<P extends object> {
  private backlog: P[] | null = [];
  private floor: bigint | null = null;

  constructor(
    private readonly feed: Feed<P, never>,
    private readonly send: (payload: P) => void,
  ) {}

  /** A broadcast for this subscriber: held back while joining, else sent if new to it. */
  deliver(payload: P): void {
    if (this.backlog) this.backlog.push(payload);
    else if (this.accepts(payload)) this.send(payload);
  }

  /** Whether a broadcast is past what the subscriber has seen (once true, always true). */
  accepts(payload: P): boolean {
    if (this.floor === null || !this.feed.sequenceOf) return true;
    if (this.feed.sequenceOf(payload) <= this.floor) return false;
    this.floor = null;
    return true;
  }

  /** The initial payloads have been computed: send them, then the backlog. */
  complete(initial: P[], floor: bigint | null = null): void {
    const held = this.backlog ?? [];
    this.backlog = null;
    this.floor = floor;
    for (const payload of initial) {
      if (!this.accepts(payload)) continue;
      this.send(payload);
      if (this.feed.sequenceOf) this.floor = this.feed.sequenceOf(payload);
    }
    for (const payload of held) this.deliver(payload);
  }
}

/** How many events one subscriber may have waiting before it is cut as a slow consumer. */
export const MAX_QUEUED_EVENTS = 10_000;

export const slowConsumer = (what: string) =>
  new DomainError(
    ErrorCode.SLOW_CONSUMER,
    `Slow consumer: ${what}; reconnect and subscribe again (a book sends a fresh snapshot, trades resume with \`after\`)`,
  );

/**
 * A feed as one subscriber's async iterator (graphql-js's subscribe reads it): the initial
 * payloads, then every broadcast. More than MAX_QUEUED_EVENTS waiting ends it with
 * SLOW_CONSUMER; so does the feed ending. `return()` leaves the feed at once.
 */
export function feedIterator<P extends object, A>(
  feed: Feed<P, A>,
  args: A,
): AsyncIterableIterator<P> {
  const queue: P[] = [];
  let failure: DomainError | null = null;
  let finished = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const joining = new Joining<P>(feed, (payload) => {
    if (finished) return;
    if (queue.length >= MAX_QUEUED_EVENTS) {
      failure ??= slowConsumer(`over ${MAX_QUEUED_EVENTS} events waiting`);
    } else queue.push(payload);
    notify();
  });
  const stop = feed.listen({
    broadcast: (payload) => joining.deliver(payload),
    end: (error) => {
      failure ??= error;
      notify();
    },
  });
  const ready = feed.initial(args).then(
    (initial) => joining.complete(initial, feed.floorOf?.(args) ?? null),
    (error: unknown) => {
      stop();
      throw error;
    },
  );
  void ready.catch(() => undefined); // read by next(); a subscriber that never asks is not a crash
  const finish = (): IteratorResult<P> => {
    finished = true;
    stop();
    notify();
    return { value: undefined, done: true };
  };
  return {
    async next(): Promise<IteratorResult<P>> {
      await ready;
      for (;;) {
        if (finished) return { value: undefined, done: true };
        const value = queue.shift();
        if (value !== undefined) return { value, done: false };
        if (failure) {
          finish();
          throw failure;
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return(): Promise<IteratorResult<P>> {
      return finish();
    },
    async throw(error: unknown): Promise<IteratorResult<P>> {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
