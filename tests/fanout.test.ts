import { crc32 } from "node:zlib";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { sendLive } from "../bus/live.ts";
import { busSubjects, type BookUpdateMessage } from "../bus/subjects.ts";
import { deleteBookMirror, writeBookMirror } from "../db/order-book-mirror.repository.ts";
import { sql } from "drizzle-orm";
import { advanceTapeOffsets, insertNewTicks } from "../db/marketdata.repository.ts";
import { tapeSequence } from "../marketdata/tape.ts";
import type { PublicTrade } from "../marketdata/types.ts";
import { liveHubOf } from "../subscriptions/hub.ts";
import { codeOf, startApi, testMarkets, until, type TestApi } from "./kit/index.ts";

/**
 * The API's live fan-out against real NATS and Redis: one NATS subscription per subject however
 * many sockets, one execution per subscription shape, slow consumers cut with a typed close,
 * gaps answered with a snapshot, bursts of diffs conflated. Each API here has its own namespace,
 * so the diffs this file publishes by hand reach no other test's subscribers.
 */

interface Message {
  id?: string;
  type: string;
  payload?: { data?: Record<string, unknown> | null; errors?: unknown[] } | unknown[];
}
interface Closed {
  code: number;
  reason: string;
}

/** A graphql-transport-ws client in a few lines: raw frames, so tests see exactly what is sent. */
class RawSocket {
  readonly messages: Message[] = [];
  readonly closed: Promise<Closed>;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on("error", () => {});
    ws.on("message", (data: Buffer) => {
      this.messages.push(JSON.parse(data.toString("utf8")) as Message);
      this.wake();
    });
    this.closed = new Promise((resolve) =>
      ws.on("close", (code, reason) => {
        resolve({ code, reason: reason.toString("utf8") });
        this.wake();
      }),
    );
  }

  static async open(api: TestApi): Promise<RawSocket> {
    const ws = new WebSocket(api.url.replace("http", "ws"), "graphql-transport-ws");
    const socket = new RawSocket(ws);
    await new Promise((resolve, reject) => {
      ws.once("open", resolve);
      ws.once("error", reject);
    });
    ws.send(JSON.stringify({ type: "connection_init", payload: {} }));
    await socket.until((all) => all.some((m) => m.type === "connection_ack"));
    return socket;
  }

  subscribe(id: string, query: string): void {
    this.ws.send(JSON.stringify({ id, type: "subscribe", payload: { query } }));
  }

  /** The `data` of every `next` of operation `id` so far. */
  data(id: string): Record<string, unknown>[] {
    return this.messages
      .filter((m) => m.id === id && m.type === "next")
      .map((m) => (m.payload as { data: Record<string, unknown> }).data);
  }

  async until(check: (messages: Message[]) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.messages)) {
      if (Date.now() > deadline) {
        const got = JSON.stringify(this.messages.slice(-3)).slice(0, 2_000);
        throw new Error(
          `not seen within ${timeoutMs} ms; ${this.messages.length} messages, last: ${got}`,
        );
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

interface BookUpdate {
  firstSequence: string;
  lastSequence: string;
  snapshot: boolean;
  bids: { price: string; amount: string }[];
  asks: { price: string; amount: string }[];
}

const BOOK = `subscription { orderBook(market: "BTC_USDT") { firstSequence lastSequence snapshot bids { price amount } asks { price amount } } }`;
const MARKET = "BTC_USDT";

function bookOf(socket: RawSocket, id: string): BookUpdate[] {
  return socket.data(id).map((d) => d.orderBook as BookUpdate);
}

/** An API on a namespace of its own, with an empty mirror of BTC_USDT at sequence `seq`. */
async function isolatedApi(overrides: Record<string, string> = {}, seq = 0) {
  const namespace = `fanout_${randomBytes(4).toString("hex")}`;
  const api = await startApi({ EVENTHUB_NAMESPACE: namespace, ...overrides });
  await deleteBookMirror(api.deps.redis, namespace, MARKET);
  if (seq > 0) {
    await writeBookMirror(api.deps.redis, namespace, MARKET, seq, { bids: [], asks: [] }, true);
  }
  const subject = busSubjects(namespace).bookUpdateSubject(MARKET);
  const publish = (update: Omit<BookUpdateMessage, "market">) => {
    const nc = api.deps.liveNats();
    if (!nc) throw new Error("no NATS");
    sendLive(nc, subject, { market: MARKET, ...update });
  };
  return { api, namespace, subject, publish };
}

const diff = (seq: number, bids: [string, string][], asks: [string, string][] = []) => ({
  firstSeq: seq,
  lastSeq: seq,
  snapshot: false,
  bids,
  asks,
  trades: [],
});

describe("live fan-out", () => {
  let setup: Awaited<ReturnType<typeof isolatedApi>>;
  beforeAll(async () => {
    setup = await isolatedApi();
  });
  afterAll(() => setup.api.stop());

  it("tells an arrival listener of every message without parsing it; payload listeners get only good ones", async () => {
    const { api, subject, publish } = setup;
    const hub = liveHubOf(api.deps);
    const arrivals: number[] = [];
    const payloads: number[] = [];
    const warnings: string[] = [];
    const log = api.deps.log;
    const warn = log.warn.bind(log);
    log.warn = (message: string, fields?: Record<string, unknown>) => {
      if (fields?.subject === subject.subject) warnings.push(message);
      warn(message, fields);
    };
    const nc = api.deps.liveNats()!;
    try {
      // Only an arrival listener: a malformed message reaches it, and nothing parses it.
      const stopArrival = hub.listen(subject, { arrival: () => arrivals.push(Date.now()) });
      await nc.flush();
      nc.publish(subject.subject, "not json");
      publish(diff(1, [["100", "1"]]));
      await nc.flush();
      await until(() => arrivals.length === 2, 5_000);
      expect(warnings).toEqual([]);
      // With a payload listener too: the malformed message is parsed once, logged, and not
      // handed over; the good one reaches both.
      const stopPayload = hub.listen(subject, { payload: (p) => payloads.push(p.lastSeq) });
      await nc.flush();
      nc.publish(subject.subject, "not json");
      publish(diff(2, [["101", "1"]]));
      await nc.flush();
      await until(() => arrivals.length === 4 && payloads.length === 1, 5_000);
      expect(payloads).toEqual([2]);
      expect(warnings).toEqual(["malformed bus message skipped"]);
      stopPayload();
      stopArrival();
    } finally {
      log.warn = warn;
    }
  });

  it("serves 60 subscribers of two shapes from one NATS subscription, each in order", async () => {
    const { api, subject, publish } = setup;
    const sockets = await Promise.all(Array.from({ length: 30 }, () => RawSocket.open(api)));
    const PRICES = `subscription { orderBook(market: "BTC_USDT") { lastSequence bids { price } } }`;
    for (const s of sockets) {
      s.subscribe("full", BOOK);
      s.subscribe("prices", PRICES);
    }
    await Promise.all(sockets.map((s) => s.until(() => s.data("full").length === 1)));
    await Promise.all(sockets.map((s) => s.until(() => s.data("prices").length === 1)));
    // Every stream of the 60 reads the subject through one listener and one NATS subscription.
    const hub = liveHubOf(api.deps);
    expect(hub.listenerCount(subject.subject)).toBe(1);

    for (let seq = 1; seq <= 20; seq++) publish(diff(seq, [[String(100 + seq), "1"]]));
    for (const s of sockets) {
      await s.until(() => s.data("full").length === 21 && s.data("prices").length === 21);
      const full = bookOf(s, "full");
      expect(full[0]).toMatchObject({ snapshot: true, lastSequence: "0", bids: [], asks: [] });
      expect(full.slice(1).map((u) => Number(u.firstSequence))).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      expect(full[20]).toEqual({
        firstSequence: "20",
        lastSequence: "20",
        snapshot: false,
        bids: [{ price: "120", amount: "1" }],
        asks: [],
      });
      // The other shape gets only what it selected.
      expect(s.data("prices")[20]).toEqual({
        orderBook: { lastSequence: "20", bids: [{ price: "120" }] },
      });
    }

    // A subscriber joining now gets the book from memory: 20 bid levels, best first.
    const late = await RawSocket.open(api);
    late.subscribe("full", BOOK);
    await late.until(() => late.data("full").length === 1);
    const snapshot = bookOf(late, "full")[0]!;
    expect(snapshot).toMatchObject({ snapshot: true, lastSequence: "20" });
    expect(snapshot.bids.map((l) => l.price)).toEqual(
      Array.from({ length: 20 }, (_, i) => String(120 - i)),
    );

    for (const s of [...sockets, late]) s.close();
    await late.closed;
    await Promise.all(sockets.map((s) => s.closed));
    for (let i = 0; i < 50 && hub.listenerCount(subject.subject) > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(hub.listenerCount(subject.subject)).toBe(0);
  });

  it("serves each depth its own window from one book: a deep change reaches only deep windows", async () => {
    const { api, subject, publish } = await isolatedApi();
    try {
      const s = await RawSocket.open(api);
      const top2 = (id: string) =>
        `subscription { orderBook(market: "BTC_USDT", depth: 2) { firstSequence lastSequence snapshot checksum bids { price amount } } } # ${id}`;
      s.subscribe("deep", BOOK);
      s.subscribe("a", top2("a"));
      s.subscribe("b", top2("b"));
      await s.until(() => ["deep", "a", "b"].every((id) => s.data(id).length === 1));
      // One NATS listener (the whole book) for both depths.
      expect(liveHubOf(api.deps).listenerCount(subject.subject)).toBe(1);
      publish(
        diff(1, [
          ["100", "1"],
          ["99", "1"],
          ["98", "1"],
        ]),
      );
      publish(diff(2, [["97", "5"]])); // below the top 2: nothing for the shallow window
      publish(diff(3, [["100", "0"]])); // 98 enters the top 2
      await s.until(() => s.data("deep").length === 4 && s.data("a").length === 3);
      const shallow = s.data("a").map((d) => d.orderBook as BookUpdate & { checksum: string });
      expect(shallow.map((u) => [u.firstSequence, u.lastSequence])).toEqual([
        ["0", "0"],
        ["1", "1"],
        ["2", "3"],
      ]);
      expect(shallow[1]!.bids).toEqual([
        { price: "100", amount: "1" },
        { price: "99", amount: "1" },
      ]);
      expect(shallow[2]!.bids).toEqual([
        { price: "98", amount: "1" },
        { price: "100", amount: "0" },
      ]);
      expect(shallow[2]!.checksum).toBe(String(crc32("|99:1,98:1") >>> 0));
      expect(s.data("b")).toEqual(s.data("a"));
    } finally {
      await api.stop();
    }
  });

  it("pushes the whole top N to orderBookTop subscribers, as the query shapes it", async () => {
    const { api, publish } = await isolatedApi();
    try {
      const s = await RawSocket.open(api);
      s.subscribe(
        "top",
        `subscription { orderBookTop(market: "BTC_USDT", depth: 2) { id sequence bids { price amount } asks { price } } }`,
      );
      s.subscribe("bad", `subscription { orderBookTop(market: "BTC_USDT", depth: 101) { id } }`);
      await s.until(() => s.data("top").length === 1);
      publish(
        diff(1, [
          ["100", "1"],
          ["99", "1"],
          ["98", "1"],
        ]),
      );
      await s.until(() => s.data("top").length === 2);
      expect(s.data("top")).toEqual([
        { orderBookTop: { id: "BTC_USDT", sequence: "0", bids: [], asks: [] } },
        {
          orderBookTop: {
            id: "BTC_USDT",
            sequence: "1",
            bids: [
              { price: "100", amount: "1" },
              { price: "99", amount: "1" },
            ],
            asks: [],
          },
        },
      ]);
      expect(JSON.stringify(s.messages.filter((m) => m.id === "bad"))).toContain("BAD_USER_INPUT");
    } finally {
      await api.stop();
    }
  });

  it("answers a gap with a fresh snapshot from the mirror, to every subscriber", async () => {
    const { api, namespace, publish } = await isolatedApi({}, 5);
    try {
      const a = await RawSocket.open(api);
      const b = await RawSocket.open(api);
      for (const s of [a, b]) s.subscribe("book", BOOK);
      await Promise.all([a, b].map((s) => s.until(() => s.data("book").length === 1)));
      expect(bookOf(a, "book")[0]).toMatchObject({ snapshot: true, lastSequence: "5" });
      // The matcher moved on to 9 while this process missed 6–8.
      await writeBookMirror(
        api.deps.redis,
        namespace,
        MARKET,
        9,
        { bids: [["99", "2"]], asks: [["101", "3"]] },
        true,
      );
      publish(diff(9, [["99", "2"]]));
      for (const s of [a, b]) {
        await s.until(() => s.data("book").length === 2);
        expect(bookOf(s, "book")[1]).toEqual({
          firstSequence: "9",
          lastSequence: "9",
          snapshot: true,
          bids: [{ price: "99", amount: "2" }],
          asks: [{ price: "101", amount: "3" }],
        });
      }
      publish(diff(10, [["99", "0"]]));
      await a.until(() => a.data("book").length === 3);
      expect(bookOf(a, "book")[2]).toMatchObject({
        firstSequence: "10",
        bids: [{ price: "99", amount: "0" }],
      });
    } finally {
      await api.stop();
    }
  });

  it("conflates a burst of diffs into one update covering their sequences", async () => {
    const { api, publish } = await isolatedApi({ LIVE_BOOK_CONFLATE_MS: "300" });
    try {
      const s = await RawSocket.open(api);
      s.subscribe("book", BOOK);
      await s.until(() => s.data("book").length === 1);
      publish(diff(1, [["100", "1"]]));
      publish(
        diff(
          2,
          [
            ["100", "3"],
            ["98", "1"],
          ],
          [["105", "2"]],
        ),
      );
      publish(diff(3, [["98", "0"]]));
      await s.until(() => s.data("book").length === 2);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(bookOf(s, "book")).toHaveLength(2);
      const update = bookOf(s, "book")[1]!;
      expect(update).toMatchObject({ firstSequence: "1", lastSequence: "3", snapshot: false });
      // The window's net change: 98 came and went within the burst, so it is not mentioned.
      expect(update.bids).toEqual([{ price: "100", amount: "3" }]);
      expect(update.asks).toEqual([{ price: "105", amount: "2" }]);
    } finally {
      await api.stop();
    }
  });

  it("cuts a subscriber that stops reading with 4413 and a reason; others get everything", async () => {
    const { api, publish } = await isolatedApi({ WS_MAX_BUFFERED_BYTES: "1048576" });
    try {
      const healthy = await RawSocket.open(api);
      const stalled = await RawSocket.open(api);
      for (const s of [healthy, stalled]) s.subscribe("book", BOOK);
      await Promise.all([healthy, stalled].map((s) => s.until(() => s.data("book").length === 1)));
      // The stalled client stops reading: the kernel's buffers fill, then the API's.
      // (ws resumes its socket when its parser drains, so resuming is switched off too.)
      const tcp = (stalled.ws as unknown as { _socket: { pause(): unknown; resume(): unknown } })
        ._socket;
      const resume = tcp.resume.bind(tcp);
      tcp.pause();
      tcp.resume = () => tcp;
      // The subscription keeps the top 100 levels, and a diff carries only what changed in
      // them: every diff changes all 100, with long decimals (about 7.5 KB a diff).
      const levels = (seq: number): [string, string][] =>
        Array.from({ length: 100 }, (_, i) => [
          `${1_000 + i}.${"1".repeat(18)}`,
          `${seq}.${"7".repeat(18)}`,
        ]);
      const DIFFS = 2_000; // about 15 MB to each: past the kernel's buffers and the 1 MiB bound
      for (let seq = 1; seq <= DIFFS; seq++) {
        publish(diff(seq, levels(seq)));
        if (seq % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await healthy.until(() => healthy.data("book").length === DIFFS + 1, 60_000);
      // The stalled client reads again: what was sent before the cut, then why it was cut.
      tcp.resume = resume;
      resume();
      const closed = await stalled.closed;
      expect(closed.code).toBe(4413);
      expect(closed.reason).toMatch(/^Slow consumer/);
      await healthy.until(() => healthy.data("book").length === DIFFS + 1, 60_000);
      const seqs = bookOf(healthy, "book")
        .slice(1)
        .map((u) => Number(u.lastSequence));
      expect(seqs).toEqual(Array.from({ length: DIFFS }, (_, i) => i + 1));
    } finally {
      await api.stop();
    }
  }, 120_000);

  it("still refuses an unknown market with MARKET_NOT_FOUND", async () => {
    const s = await RawSocket.open(setup.api);
    s.subscribe("x", `subscription { trades(market: "NOPE_USDT") { id } }`);
    await s.until((all) =>
      all.some((m) => (m.id === "x" && m.type !== "next" ? true : m.id === "x")),
    );
    expect(JSON.stringify(s.messages.filter((m) => m.id === "x"))).toContain("MARKET_NOT_FOUND");
    s.close();
  });
});

describe("live trades", () => {
  let setup: Awaited<ReturnType<typeof isolatedApi>>;
  let markets: ReturnType<typeof testMarkets>;
  beforeAll(async () => {
    setup = await isolatedApi();
    markets = testMarkets(() => setup.api.deps);
  });
  afterAll(async () => {
    const { db } = setup.api.deps;
    await db.execute(sql`DELETE FROM ticks WHERE market LIKE 'TAPE%'`);
    await db.execute(sql`DELETE FROM consumer_offsets WHERE market LIKE 'TAPE%'`);
    await markets.removeAll();
    await setup.api.stop();
  });

  const trade = (market: string, seq: number, price: string): PublicTrade => {
    const sequence = tapeSequence(seq, 0).toString();
    return {
      id: `${market}:${sequence}`,
      market,
      sequence,
      price,
      amount: "1",
      quoteAmount: price,
      takerSide: "BUY",
      executedAt: new Date().toISOString(),
    };
  };

  /** A fresh market, its live subject, and a publisher of batches carrying trades. */
  async function tape() {
    const market = await markets.create("TAPE");
    const subject = busSubjects(setup.namespace).bookUpdateSubject(market);
    const publish = (seq: number, trades: PublicTrade[], snapshot = false) => {
      const nc = setup.api.deps.liveNats();
      if (!nc) throw new Error("no NATS");
      sendLive(nc, subject, {
        market,
        firstSeq: seq,
        lastSeq: seq,
        snapshot,
        bids: [],
        asks: [],
        trades,
      });
    };
    const query = `subscription { trades(market: "${market}") { sequence price } }`;
    const sequences = (s: RawSocket, id: string) =>
      s.data(id).map((d) => (d.trades as { sequence: string }).sequence);
    return { market, publish, query, sequences };
  }

  it("fills a missed batch from the stored tape, in order, before going on", async () => {
    const { market, publish, query, sequences } = await tape();
    const s = await RawSocket.open(setup.api);
    s.subscribe("t", query);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [a, b, c] = [trade(market, 1, "10"), trade(market, 2, "11"), trade(market, 3, "12")];
    publish(1, [a]);
    await s.until(() => s.data("t").length === 1);
    // Batch 2 never reaches this process; market data stores its trade meanwhile.
    publish(3, [c]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(s.data("t")).toHaveLength(1); // held back: 2 is missing
    const { db } = setup.api.deps;
    await insertNewTicks(db, [
      { ...b, sequence: BigInt(b.sequence), executedAt: new Date(b.executedAt) },
    ]);
    await advanceTapeOffsets(db, [{ market, fromSeq: 1, toSeq: 2 }]);
    await s.until(() => s.data("t").length === 3);
    expect(sequences(s, "t")).toEqual([a.sequence, b.sequence, c.sequence]);
    s.close();
  });

  it("ends the stream with RESYNC_REQUIRED when a missed batch never reaches the tape", async () => {
    const { market, publish, query } = await tape();
    const s = await RawSocket.open(setup.api);
    s.subscribe("t", query);
    await new Promise((resolve) => setTimeout(resolve, 300));
    publish(1, [trade(market, 1, "10")]);
    await s.until(() => s.data("t").length === 1);
    publish(5, [trade(market, 5, "14")]); // 2–4 are lost and market data never records them
    await s.until((all) => all.some((m) => m.id === "t" && m.type === "error"), 10_000);
    const error = s.messages.find((m) => m.id === "t" && m.type === "error");
    expect(JSON.stringify(error?.payload)).toContain("RESYNC_REQUIRED");
    s.close();
  }, 20_000);

  it("resumes after a sequence: from memory, then from the stored tape on a cold process", async () => {
    const { market, publish, query, sequences } = await tape();
    const first = await RawSocket.open(setup.api);
    first.subscribe("t", query);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const trades = [1, 2, 3, 4].map((seq) => trade(market, seq, String(10 + seq)));
    trades.forEach((t, i) => publish(i + 1, [t]));
    await first.until(() => first.data("t").length === 4);

    const resumed = await RawSocket.open(setup.api);
    resumed.subscribe(
      "t",
      `subscription { trades(market: "${market}", after: "${trades[1]!.sequence}") { sequence } }`,
    );
    await resumed.until(() => resumed.data("t").length === 2);
    expect(sequences(resumed, "t")).toEqual([trades[2]!.sequence, trades[3]!.sequence]);
    publish(5, [trade(market, 5, "15")]);
    await resumed.until(() => resumed.data("t").length === 3);

    // Another process never saw them live: the stored tape serves them.
    const { db } = setup.api.deps;
    await insertNewTicks(
      db,
      trades.map((t) => ({
        ...t,
        sequence: BigInt(t.sequence),
        executedAt: new Date(t.executedAt),
      })),
    );
    await advanceTapeOffsets(db, [{ market, fromSeq: 1, toSeq: 4 }]);
    const other = await isolatedApi();
    await writeBookMirror(
      other.api.deps.redis,
      other.namespace,
      market,
      4,
      { bids: [], asks: [] },
      true,
    );
    try {
      const cold = await RawSocket.open(other.api);
      cold.subscribe(
        "t",
        `subscription { trades(market: "${market}", after: "${trades[0]!.sequence}") { sequence } }`,
      );
      await cold.until(() => cold.data("t").length === 3);
      expect(sequences(cold, "t")).toEqual(trades.slice(1).map((t) => t.sequence));
      cold.subscribe("bad", `subscription { trades(market: "${market}", after: "1e9") { id } }`);
      await cold.until((all) => all.some((m) => m.id === "bad" && m.type !== "next"));
      expect(JSON.stringify(cold.messages.filter((m) => m.id === "bad"))).toContain(
        "BAD_USER_INPUT",
      );
    } finally {
      await other.api.stop();
    }
    for (const s of [first, resumed]) s.close();
  });
});

describe("hostile subscribers (found by a hostile review)", () => {
  let setup: Awaited<ReturnType<typeof isolatedApi>>;
  beforeAll(async () => {
    setup = await isolatedApi();
  });
  afterAll(() => setup.api.stop());

  const errorOf = (s: RawSocket, id: string) =>
    JSON.stringify(s.messages.filter((m) => m.id === id && m.type === "error"));

  it("refuses @skip/@include on a subscription's root field, typed, and the socket lives on", async () => {
    const s = await RawSocket.open(setup.api);
    s.subscribe("ok", BOOK);
    await s.until(() => s.data("ok").length === 1);
    s.subscribe(
      "skip",
      `subscription { orderBook(market: "BTC_USDT") @skip(if: true) { lastSequence } }`,
    );
    s.ws.send(
      JSON.stringify({
        id: "var",
        type: "subscribe",
        payload: {
          query: `subscription($w: Boolean = true) { orderBook(market: "BTC_USDT") @include(if: $w) { lastSequence } }`,
          variables: { w: true },
        },
      }),
    );
    await s.until((all) =>
      ["skip", "var"].every((id) => all.some((m) => m.id === id && m.type === "error")),
    );
    expect(errorOf(s, "skip")).toContain("GRAPHQL_VALIDATION_FAILED");
    expect(errorOf(s, "var")).toContain("GRAPHQL_VALIDATION_FAILED");
    setup.publish(diff(1, [["100", "1"]]));
    await s.until(() => s.data("ok").length === 2); // the healthy operation still streams
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.close();
  });

  it("never mixes two operations under a reused id, and leaves no listener behind", async () => {
    const { api, subject } = setup;
    const hub = liveHubOf(api.deps);
    const settle = async (count: number) => {
      for (let i = 0; i < 100 && hub.listenerCount(subject.subject) !== count; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    await settle(0); // the sockets of the tests before have gone
    const before = hub.listenerCount(subject.subject);
    for (let round = 0; round < 5; round++) {
      const s = await RawSocket.open(api);
      s.subscribe("1", `subscription { orderBook(market: "BTC_USDT") { lastSequence snapshot } }`);
      s.ws.send(JSON.stringify({ id: "1", type: "complete" }));
      s.subscribe("1", `subscription { trades(market: "BTC_USDT") { sequence } }`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const kinds = new Set(s.data("1").flatMap((d) => Object.keys(d)));
      expect(kinds.size).toBeLessThanOrEqual(1);
      expect(kinds.has("orderBook")).toBe(false); // completed before anything was sent
      s.close();
      await s.closed;
    }
    await settle(before);
    expect(hub.listenerCount(subject.subject)).toBe(before);
  });

  it("sends nothing for an operation completed before its snapshot", async () => {
    const s = await RawSocket.open(setup.api);
    for (let i = 0; i < 20; i++) {
      s.subscribe(`x${i}`, BOOK);
      s.ws.send(JSON.stringify({ id: `x${i}`, type: "complete" }));
    }
    s.subscribe("last", BOOK);
    await s.until(() => s.data("last").length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s.messages.filter((m) => m.id?.startsWith("x") && m.type === "next")).toEqual([]);
    s.close();
  });

  it("sends a resuming subscriber no live trade at or before `after`", async () => {
    const market = "BTC_USDT";
    const own = await isolatedApi();
    const s = await RawSocket.open(own.api);
    const after = tapeSequence(8, 0).toString();
    s.subscribe(
      "t",
      `subscription { trades(market: "${market}", after: "${after}") { sequence } }`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const publishTrades = (seq: number) =>
      own.publish({
        firstSeq: seq,
        lastSeq: seq,
        snapshot: false,
        bids: [],
        asks: [],
        trades: [
          {
            id: `${market}:${tapeSequence(seq, 0)}`,
            market,
            sequence: tapeSequence(seq, 0).toString(),
            price: "100",
            amount: "1",
            quoteAmount: "100",
            takerSide: "BUY",
            executedAt: new Date().toISOString(),
          },
        ],
      });
    for (let seq = 1; seq <= 9; seq++) publishTrades(seq);
    await s.until(() => s.data("t").length === 1);
    expect(s.data("t")).toEqual([{ trades: { sequence: tapeSequence(9, 0).toString() } }]);
    s.close();
    await own.api.stop();
  });

  it("refuses a subscription over HTTP with a typed BAD_REQUEST (HTTP 400), never a 500", async () => {
    for (const query of [
      `subscription { trades(market: "BTC_USDT") { sequence } }`,
      `subscription($w: Boolean = true) { orderBook(market: "BTC_USDT") @include(if: $w) { lastSequence } }`,
    ]) {
      const res = await setup.api.gql(query, { w: true });
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe("BAD_REQUEST");
    }
  });

  it("refuses a resume cursor ahead of the tape (a reset exchange) instead of waiting silently", async () => {
    const own = await isolatedApi();
    try {
      await writeBookMirror(
        own.api.deps.redis,
        own.namespace,
        MARKET,
        3,
        { bids: [], asks: [] },
        true,
      );
      const s = await RawSocket.open(own.api);
      s.subscribe("t", `subscription { trades(market: "BTC_USDT", after: "99999999999") { id } }`);
      await s.until(
        (all) =>
          all.some((m) => m.id === "t" && m.type !== "next") ||
          s.data("t").length > 0 ||
          all.some((m) => m.id === "t"),
        10_000,
      );
      expect(JSON.stringify(s.messages.filter((m) => m.id === "t"))).toContain("RESYNC_REQUIRED");
      s.close();
    } finally {
      await own.api.stop();
    }
  });

  it("answers trades with SERVICE_UNAVAILABLE within seconds while Redis is unreachable", async () => {
    const api = await startApi({
      EVENTHUB_NAMESPACE: `fanout_${randomBytes(4).toString("hex")}`,
      REDIS_URL: "redis://127.0.0.1:1",
    });
    try {
      const s = await RawSocket.open(api);
      s.subscribe("t", `subscription { trades(market: "BTC_USDT") { sequence } }`);
      await s.until((all) => all.some((m) => m.id === "t" && m.type !== "next"), 10_000);
      expect(JSON.stringify(s.messages.filter((m) => m.id === "t"))).toContain(
        "SERVICE_UNAVAILABLE",
      );
      s.close();
    } finally {
      await api.stop();
    }
  }, 20_000);
});
