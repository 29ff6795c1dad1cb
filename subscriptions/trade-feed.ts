import type { BookUpdateMessage } from "../bus/subjects.ts";
import { busSubjects } from "../bus/subjects.ts";
import { readBookMirrorSequence } from "../db/order-book-mirror.repository.ts";
import { tapeOffset, ticksAfter } from "../db/marketdata.repository.ts";
import type { Dependencies } from "../kernel/dependencies.ts";
import { badInput, DomainError, ErrorCode, serviceUnavailable } from "../kernel/errors.ts";
import {
  isTapeSequence,
  publicTrade,
  TAPE_SEQUENCE_RULE,
  tapeSequence,
} from "../marketdata/tape.ts";
import type { PublicTrade } from "../marketdata/types.ts";
import type { Feed, FeedListener } from "./feed.ts";
import { liveHubOf } from "./hub.ts";

export type TradeEvent = { trades: PublicTrade };

/** How long a resume may wait for this process to see the trade `after` names, made elsewhere. */
const AHEAD_WAIT_MS = 2_000;

/** Most trades a resuming subscriber is sent; further back, it reads the `trades` query. */
export const MAX_RESUME_TRADES = 1_000;
/** Trades each feed keeps in memory for subscribers that resume. */
const RING_SIZE = 1_000;
/** Most trades a gap is filled with from the stored tape; a bigger gap ends in a resync. */
const MAX_GAP_TRADES = 10_000;
/** How long to wait for market data to record trades a feed or a resume needs. */
const TAPE_WAIT_MS = 5_000;
const TAPE_POLL_MS = 100;
/** How long a subscriber waits for a feed to start (it needs Redis) before SERVICE_UNAVAILABLE. */
const START_WAIT_MS = 3_000;

async function within(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(serviceUnavailable("Live trades (Redis)")), ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const resyncRequired = (message: string) => new DomainError(ErrorCode.RESYNC_REQUIRED, message, {});

/** The tape sequence text a client sends as `after`, as a number. BAD_USER_INPUT otherwise. */
export function parseTapeSequence(text: string): bigint {
  if (!isTapeSequence(text)) throw badInput(TAPE_SEQUENCE_RULE, "after");
  return BigInt(text);
}

/**
 * A market's trades for this process's subscribers, straight from the matcher: each batch's
 * trades ride on its live book update (bus/subjects.ts BookUpdateMessage), so a trade reaches
 * subscribers without waiting for market data to store it. Batches carry contiguous market
 * sequences, so a missed one is noticed; its trades are then read from the stored tape (once
 * market data has them) and sent in order, or — if that fails — every subscriber is ended with
 * RESYNC_REQUIRED, never left with a silent hole.
 *
 * The last RING_SIZE trades stay in memory, so a subscriber that reconnects with `after` (the
 * last tape sequence it saw) is sent what it missed: from memory, and from the stored tape for
 * older ones, at most MAX_RESUME_TRADES.
 */
export class TradeFeed implements Feed<TradeEvent, { after?: string | null }> {
  readonly key: string;
  private readonly listeners = new Set<FeedListener<TradeEvent>>();
  private unlisten: (() => void) | null = null;
  /** Market sequence of the last batch applied; null until started. */
  private lastSeq: number | null = null;
  private starting: Promise<void> | null = null;
  /** Updates held while starting or filling a gap, applied in order after. */
  private held: BookUpdateMessage[] = [];
  private filling = false;
  private readonly ring: PublicTrade[] = [];
  /** Every trade with a tape sequence above this is in `ring`; older ones are in `ticks`. */
  private ringFloor = 0n;
  private lastTape = -1n;
  private generation = 0;

  constructor(
    private readonly deps: Dependencies,
    readonly market: string,
    private readonly onIdle: () => void,
  ) {
    this.key = `trades|${market}`;
  }

  sequenceOf(event: TradeEvent): bigint {
    return BigInt(event.trades.sequence);
  }

  floorOf(args: { after?: string | null }): bigint | null {
    return args.after == null ? null : parseTapeSequence(args.after);
  }

  listen(listener: FeedListener<TradeEvent>): () => void {
    this.listeners.add(listener);
    if (!this.unlisten) {
      const subject = busSubjects(this.deps.config.namespace).bookUpdateSubject(this.market);
      this.unlisten = liveHubOf(this.deps).listen(subject, {
        payload: (update) => this.receive(update),
        // NATS was away: batches may be missing, found by the next one's sequence, or now.
        reset: () => void this.catchUp(),
      });
      this.starting = this.start();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.unlisten?.();
      this.unlisten = null;
      this.reset();
      this.onIdle();
    };
  }

  async initial(args: { after?: string | null }): Promise<TradeEvent[]> {
    const after = this.floorOf(args);
    if (this.starting) await within(this.starting, START_WAIT_MS);
    if (after === null) return [];
    // A cursor ahead of the tape: this process may be a moment behind another one (wait a
    // little), or the tape was reset since (refuse rather than wait silently for ever).
    const command = Number(after >> 20n);
    for (let waited = 0; this.lastSeq !== null && command > this.lastSeq; waited += 100) {
      if (waited >= AHEAD_WAIT_MS) {
        throw resyncRequired(
          `after (${after}) is ahead of the tape (its market is at command ${this.lastSeq}): was the exchange reset? Read the trades query and subscribe without after`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const fromRing = this.ring.filter((t) => BigInt(t.sequence) > after);
    let older: PublicTrade[] = [];
    if (after < this.ringFloor) {
      const needed = this.ringFloor;
      await this.waitForTape(Number(needed >> 20n));
      const ticks = await ticksAfter(
        this.deps.db,
        this.market,
        after,
        needed + 1n,
        MAX_RESUME_TRADES + 1,
      );
      older = ticks.map(publicTrade);
    }
    if (older.length + fromRing.length > MAX_RESUME_TRADES) {
      throw resyncRequired(
        `More than ${MAX_RESUME_TRADES} trades since ${after}: read them with the trades query (after) and subscribe again with the last one`,
      );
    }
    return [...older, ...fromRing].map((trades) => ({ trades }));
  }

  /**
   * Where the live stream takes over: the mirror's sequence (the matcher writes it before each
   * send). Retried each second while Redis is unreachable; updates wait in `held` meanwhile.
   */
  private async start(): Promise<void> {
    const generation = this.generation;
    let seq: number;
    for (;;) {
      try {
        seq = await readBookMirrorSequence(
          this.deps.redis,
          this.deps.config.namespace,
          this.market,
        );
        break;
      } catch (error) {
        if (generation !== this.generation) return;
        this.deps.log.warn("live trades cannot start (Redis); retrying", {
          market: this.market,
          error: error instanceof Error ? error.message : String(error),
        });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
    if (generation !== this.generation) return;
    this.lastSeq = seq;
    this.ringFloor = tapeSequence(seq + 1, 0) - 1n;
    this.lastTape = this.ringFloor;
    this.starting = null;
    this.drainHeld();
  }

  private receive(update: BookUpdateMessage): void {
    if (this.lastSeq === null || this.filling) {
      this.held.push(update);
      return;
    }
    if (update.lastSeq <= this.lastSeq) return;
    if (update.snapshot) {
      // A matcher (re)opened the market at lastSeq: whatever came before it is on the tape.
      void this.fillGap(update.lastSeq);
      return;
    }
    if (update.firstSeq > this.lastSeq + 1) {
      // Batches lastSeq+1..firstSeq-1 never arrived.
      this.held.push(update);
      void this.fillGap(update.firstSeq - 1);
      return;
    }
    this.apply(update.lastSeq, update.trades);
  }

  private apply(lastSeq: number, trades: readonly PublicTrade[]): void {
    for (const trade of trades) {
      const sequence = BigInt(trade.sequence);
      if (sequence <= this.lastTape) continue;
      this.lastTape = sequence;
      this.ring.push(trade);
      if (this.ring.length > RING_SIZE) this.ringFloor = BigInt(this.ring.shift()!.sequence);
      for (const listener of this.listeners) listener.broadcast({ trades: trade });
    }
    this.lastSeq = Math.max(this.lastSeq ?? 0, lastSeq);
  }

  /** Reads the trades of batches up to `toSeq` from the stored tape, then carries on. */
  private async fillGap(toSeq: number): Promise<void> {
    if (this.filling || this.lastSeq === null) return;
    this.filling = true;
    const generation = this.generation;
    try {
      await this.waitForTape(toSeq);
      const missed = await ticksAfter(
        this.deps.db,
        this.market,
        this.lastTape,
        tapeSequence(toSeq + 1, 0),
        MAX_GAP_TRADES + 1,
      );
      if (missed.length > MAX_GAP_TRADES) {
        throw resyncRequired(`Over ${MAX_GAP_TRADES} trades were missed`);
      }
      if (generation !== this.generation) return;
      this.apply(toSeq, missed.map(publicTrade));
      this.filling = false;
      this.drainHeld();
    } catch (error) {
      if (generation !== this.generation) return;
      this.deps.log.warn("live trades lost messages it could not fill in; subscribers resync", {
        market: this.market,
        error: error instanceof Error ? error.message : String(error),
      });
      const ended = resyncRequired(
        "The live trade stream missed messages: read the trades query and subscribe again with `after` set to the last sequence you saw",
      );
      for (const listener of [...this.listeners]) listener.end?.(ended);
      this.reset();
    }
  }

  /** After a NATS reconnect: anything newer than what was applied is filled in from the tape. */
  private async catchUp(): Promise<void> {
    if (this.lastSeq === null || this.filling) return;
    const seq = await readBookMirrorSequence(
      this.deps.redis,
      this.deps.config.namespace,
      this.market,
    ).catch(() => 0);
    if (seq > (this.lastSeq ?? seq)) await this.fillGap(seq);
  }

  private drainHeld(): void {
    const held = this.held;
    this.held = [];
    for (const update of held) {
      this.receive(update);
      if (this.filling) {
        // Wait for the fill; what is left goes after it, in order.
        this.held.push(...held.slice(held.indexOf(update) + 1));
        return;
      }
    }
  }

  /** Waits until market data has stored every trade of commands up to `seq`. */
  private async waitForTape(seq: number): Promise<void> {
    const deadline = Date.now() + TAPE_WAIT_MS;
    while ((await tapeOffset(this.deps.db, this.market)) < seq) {
      if (Date.now() > deadline) {
        throw resyncRequired("Market data is behind; read the trades query and subscribe again");
      }
      await new Promise((resolve) => setTimeout(resolve, TAPE_POLL_MS));
    }
  }

  private reset(): void {
    this.generation++;
    this.lastSeq = null;
    this.starting = null;
    this.held = [];
    this.filling = false;
    this.ring.length = 0;
    this.lastTape = -1n;
    this.ringFloor = 0n;
  }
}
