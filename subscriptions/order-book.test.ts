import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BookSide, bookChecksum, type Level, type LevelPair } from "./book-levels.ts";
import { Joining } from "./feed.ts";
import {
  OrderBookTopFeed,
  OrderBookWindowFeed,
  type BookChange,
  type OrderBookTopEvent,
  type WholeBook,
} from "./order-book.ts";

/** The whole book in memory, as OrderBookFeed holds it, driven by the test. */
class TestBook implements WholeBook {
  readonly market = "T_T";
  sequence = 0;
  readonly isLoaded = true;
  private readonly bids = new BookSide(true);
  private readonly asks = new BookSide(false);
  private readonly listeners = new Set<{ change(change: BookChange): void }>();

  async ready(): Promise<void> {}

  top(side: "bids" | "asks", depth: number): Level[] {
    return (side === "bids" ? this.bids : this.asks).top(depth);
  }

  listen(listener: { change(change: BookChange): void }): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  apply(bids: LevelPair[], asks: LevelPair[]): void {
    this.bids.apply(bids);
    this.asks.apply(asks);
    this.sequence++;
    for (const l of this.listeners) l.change({ snapshot: false, lastSeq: this.sequence });
  }

  replace(bids: Level[], asks: Level[]): void {
    this.bids.replace(bids);
    this.asks.replace(asks);
    this.sequence++;
    for (const l of this.listeners) l.change({ snapshot: true });
  }
}

/** A client following the documented rule: replace on a snapshot, apply diffs that follow on. */
class Client {
  seq: number | null = null;
  readonly bids = new BookSide(true);
  readonly asks = new BookSide(false);
  readonly problems: string[] = [];

  constructor(private readonly depth: number) {}

  receive(update: {
    snapshot: boolean;
    firstSequence: string;
    lastSequence: string;
    bids: Level[];
    asks: Level[];
    checksum: string;
  }): void {
    if (update.snapshot) {
      this.bids.replace(update.bids);
      this.asks.replace(update.asks);
    } else {
      if (this.seq === null || Number(update.firstSequence) !== this.seq + 1) {
        this.problems.push(`gap: held ${this.seq}, got ${update.firstSequence}`);
      }
      this.bids.apply(update.bids.map((l) => [l.price, l.amount]));
      this.asks.apply(update.asks.map((l) => [l.price, l.amount]));
    }
    this.seq = Number(update.lastSequence);
    // Truncate to the depth (a no-op when the server sends the removals, as it does).
    this.bids.replace(this.bids.top(this.depth));
    this.asks.replace(this.asks.top(this.depth));
    if (bookChecksum(this.bids.top(10), this.asks.top(10)) !== update.checksum) {
      this.problems.push(`checksum mismatch at ${update.lastSequence}`);
    }
  }
}

const price = fc.integer({ min: 1, max: 60 }).map((n) => (n % 3 === 0 ? `${n}.5` : String(n)));
const amount = fc.oneof(
  fc.constant("0"),
  fc.integer({ min: 1, max: 9 }).map((n) => `0.${n}`),
  fc.integer({ min: 1, max: 50 }).map(String),
);
const changes = fc.array(fc.tuple(price, amount), { maxLength: 8 });
const step = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({ kind: fc.constant("diff" as const), bids: changes, asks: changes }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("snapshot" as const),
      bids: fc.array(fc.tuple(price, amount), { maxLength: 30 }),
      asks: fc.array(fc.tuple(price, amount), { maxLength: 30 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("join" as const) }) },
);

const nonZero = (pairs: LevelPair[]): Level[] => {
  const byPrice = new Map<string, string>();
  for (const [p, a] of pairs) byPrice.set(p, a);
  return [...byPrice].filter(([, a]) => a !== "0").map(([p, a]) => ({ price: p, amount: a }));
};

describe("an order-book window stream", () => {
  it("keeps every client that applies snapshot + diffs equal to the true top N after each step", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(1, 2, 3, 5, 10, 20),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        async (depth, steps) => {
          const book = new TestBook();
          const feed = new OrderBookWindowFeed(book, depth);
          const clients: Client[] = [];
          const join = async () => {
            const client = new Client(depth);
            const joining = new Joining(feed, (event) => client.receive(event.orderBook));
            feed.listen({ broadcast: (event) => joining.deliver(event) });
            joining.complete(await feed.initial());
            clients.push(client);
          };
          await join();
          for (const s of steps) {
            if (s.kind === "join") await join();
            else if (s.kind === "snapshot") book.replace(nonZero(s.bids), nonZero(s.asks));
            else book.apply(s.bids, s.asks);
            for (const client of clients) {
              expect(client.problems).toEqual([]);
              expect(client.bids.top(1000)).toEqual(book.top("bids", depth));
              expect(client.asks.top(1000)).toEqual(book.top("asks", depth));
            }
          }
          // Every change is covered by some update: the clients reach the book's sequence
          // whenever the window last changed; none is ever ahead.
          for (const client of clients) expect(client.seq).toBeLessThanOrEqual(book.sequence);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("refills the window from below when the top levels go (the reported 105 → 95 case)", async () => {
    const book = new TestBook();
    book.apply(
      Array.from({ length: 105 }, (_, i): LevelPair => [String(1000 - i), "1"]),
      [],
    );
    const feed = new OrderBookWindowFeed(book, 100);
    const client = new Client(100);
    const joining = new Joining(feed, (event) => client.receive(event.orderBook));
    feed.listen({ broadcast: (event) => joining.deliver(event) });
    joining.complete(await feed.initial());
    expect(client.bids.size).toBe(100);
    // A market sell eats the best 10 bids.
    book.apply(
      Array.from({ length: 10 }, (_, i): LevelPair => [String(1000 - i), "0"]),
      [],
    );
    expect(client.problems).toEqual([]);
    expect(client.bids.size).toBe(95);
    expect(client.bids.top(1000)).toEqual(book.top("bids", 100));
  });

  it("documents the checksum exactly", () => {
    // crc32("2:1.5,3:4|1:0.25") as zlib computes it.
    const bids = [{ price: "1.00", amount: "0.250" }];
    const asks = [
      { price: "2", amount: "1.5" },
      { price: "3", amount: "4" },
    ];
    expect(bookChecksum(bids, asks)).toBe(String(crc32Of("2:1.5,3:4|1:0.25")));
  });
});

describe("a whole top-N stream (orderBookTop)", () => {
  it("pushes the whole window now, then each change, conflated, and nothing for deep changes", async () => {
    const book = new TestBook();
    book.apply(
      [
        ["10", "1"],
        ["9", "1"],
        ["8", "1"],
      ],
      [["11", "2"]],
    );
    const top = new OrderBookTopFeed(new OrderBookWindowFeed(book, 2), () => undefined, 50);
    const pushes: OrderBookTopEvent["orderBookTop"][] = [];
    const joining = new Joining(top, (event) => pushes.push(event.orderBookTop));
    top.listen({ broadcast: (event) => joining.deliver(event) });
    joining.complete(await top.initial());
    expect(pushes).toEqual([
      {
        id: "T_T",
        market: "T_T",
        sequence: "1",
        bids: [
          { price: "10", amount: "1" },
          { price: "9", amount: "1" },
        ],
        asks: [{ price: "11", amount: "2" }],
      },
    ]);
    book.apply([["7", "4"]], []); // below the window: no push
    book.apply([["10", "0"]], []); // pushed at once (nothing pushed for 50 ms)
    book.apply([["9", "3"]], []); // these two within 50 ms: one push, the latest
    book.apply([["11.5", "1"]], [["11", "1"]]);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.bids).toEqual([
      { price: "9", amount: "1" },
      { price: "8", amount: "1" },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(pushes).toHaveLength(3);
    expect(pushes[2]).toMatchObject({
      sequence: String(book.sequence),
      bids: book.top("bids", 2),
      asks: book.top("asks", 2),
    });
  });
});

function crc32Of(text: string): number {
  let crc = ~0;
  for (const byte of Buffer.from(text)) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}
