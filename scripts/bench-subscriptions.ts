/**
 * npm run bench:subscriptions — live fan-out, measured from outside like clients see it. N
 * graphql-ws sockets on ONE API process (the "fan-out" API), each subscribed to
 * `trades(market: "BTC_USDT")` and `orderBook(market: "BTC_USDT")`, while a load generator makes
 * about R trades a second through a second API process (the "trading" API). The platform runs as
 * separate processes on a scratch database and namespace, like bench:e2e.
 *
 * Per N and run: a baseline with 0 subscribers and the same trade load; connecting N sockets;
 * the measured window (deliveries, loss against the trades table, latency from Trade.executedAt,
 * fan-out API CPU per delivered message, RSS); a slow-reader window (a few sockets stop reading
 * their TCP socket); every socket vanishing at once; then a peer: a plain `ws` server
 * broadcasting pre-serialized messages of the same size at the same rate to N sockets.
 * Subscribers live in child processes speaking graphql-transport-ws over raw `ws` and read only
 * the few fields they need out of each message. Only the public protocol and schema are used.
 *
 * Options: --subscribers 100,1000,10000 --rate 100 --seconds 30 --runs 3 --slow 5
 *          --slow-seconds 10 --clients 2 --port 4400
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Redis } from "ioredis";
import pg from "pg";
import { WebSocket, WebSocketServer } from "ws";
import { deleteStreams } from "../bus/jetstream.ts";
import { busNames } from "../bus/subjects.ts";
import { createDatabase, createPool, ensureDatabase } from "../db/client.ts";
import { migrateDatabase } from "../db/migrate.ts";
import { seedDemoMarkets } from "../db/seed.ts";
import { createProgressBar } from "../marketdata/progress.ts";

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(import.meta.dirname, "..");
const MARKET = "BTC_USDT";
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

// ================================================================ messages between processes
/** Epoch milliseconds, [from, to): trades by executedAt, message counts by arrival. */
interface Window {
  id: number;
  from: number;
  to: number;
}
/** A trade the run produced: tape sequence and executedAt (epoch ms). */
type ExpectedTrade = [sequence: number, executedAt: number];
interface CloseCount {
  count: number;
  reason: string;
}
type CloseHistogram = Record<string, CloseCount>;

interface ConnectFigures {
  acked: number;
  ready: number;
  /** Not acknowledged when the connect phase ended (closed, or still waiting at its timeout). */
  failed: number;
  /** From the first socket opened to the last connection_ack (or close). */
  ackedMs: number;
  /** … to the last first orderBook snapshot: both subscriptions running. */
  readyMs: number;
}

interface SlowSocket {
  port: number;
  pausedAt: number;
  resumedAt: number;
  /** Trades of the window it got (counting what arrived after resuming). */
  delivered: number;
  closedAt: number;
  code: number;
  reason: string;
}

interface WindowSummary {
  /** Well-behaved sockets (not paused on purpose) subscribed before the window opened. */
  sockets: number;
  /** Sockets without a running orderBook subscription when the window opened: not counted. */
  notSubscribed: number;
  expectedPerSocket: number;
  delivered: number;
  /** Missing with a later trade delivered: silent loss. */
  lostGaps: number;
  /** Missing at the end of a socket the server closed (an explicit signal to resync). */
  tailClosed: number;
  /** Missing at the end of a socket still open when collected (lost or later than the drain). */
  tailUndelivered: number;
  unknown: number;
  duplicates: number;
  /** By arrival within the window, every socket. */
  tradeMessages: number;
  bookMessages: number;
  bytes: number;
  bookGaps: number;
  resyncs: number;
  errors: number;
  /** [ms, count] of trade deliveries to well-behaved sockets, by executedAt within the window. */
  latency: [number, number][];
  closes: CloseHistogram;
  slow: SlowSocket[];
}

type ToChild =
  | { type: "connect"; url: string; count: number }
  | { type: "window"; window: Window }
  | { type: "slow"; count: number }
  | { type: "resume" }
  | { type: "collect"; windowId: number; expected: ExpectedTrade[] }
  | { type: "drop" }
  | { type: "broadcast"; tradesPerSec: number; booksPerSec: number; trade: string; book: string }
  | { type: "quiet"; window: Window };

type FromChild =
  | { type: "progress"; acked: number }
  | ({ type: "connected" } & ConnectFigures)
  | { type: "slowed"; ports: number[] }
  | { type: "resumed" }
  | { type: "collected"; summary: WindowSummary }
  | { type: "dropped" }
  | { type: "listening" }
  | { type: "quieted"; sent: ExpectedTrade[] };

function send(message: FromChild) {
  process.send?.(message);
}

// ================================================================ subscriber side
const PROTOCOL = "graphql-transport-ws";
const TRADE_ID = "t";
const BOOK_ID = "b";
const INIT = JSON.stringify({ type: "connection_init", payload: {} });
const PONG = JSON.stringify({ type: "pong" });
const SUBSCRIBE_TRADES = JSON.stringify({
  id: TRADE_ID,
  type: "subscribe",
  payload: {
    query: `subscription { trades(market: "${MARKET}") { id market sequence price amount quoteAmount takerSide executedAt } }`,
  },
});
const SUBSCRIBE_BOOK = JSON.stringify({
  id: BOOK_ID,
  type: "subscribe",
  payload: {
    query: `subscription { orderBook(market: "${MARKET}") { market firstSequence lastSequence snapshot bids { price amount } asks { price amount } } }`,
  },
});
// Needles read straight out of the bytes: no JSON.parse on the hot path.
const NEXT = Buffer.from('"type":"next"');
const ID = Buffer.from('"id":"');
const SEQUENCE = Buffer.from('"sequence":"');
const EXECUTED_AT = Buffer.from('"executedAt":"');
const FIRST_SEQUENCE = Buffer.from('"firstSequence":"');
const LAST_SEQUENCE = Buffer.from('"lastSequence":"');
const SNAPSHOT_TRUE = Buffer.from('"snapshot":true');
const TRADE_BYTE = TRADE_ID.charCodeAt(0);
const BOOK_BYTE = BOOK_ID.charCodeAt(0);
const LATENCY_BINS = 60_001;

/** The decimal digits after `needle`, or -1. */
function numberAfter(data: Buffer, needle: Buffer): number {
  const at = data.indexOf(needle);
  if (at === -1) return -1;
  const start = at + needle.length;
  let value = 0;
  let i = start;
  for (; i < data.length; i++) {
    const c = data[i]!;
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
  }
  return i === start ? -1 : value;
}

function digits(data: Buffer, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 10 + (data[i]! - 48);
  return value;
}

/** The instant after `needle` in epoch ms (fast path for YYYY-MM-DDTHH:MM:SS.mmmZ), or -1. */
function timeAfter(data: Buffer, needle: Buffer): number {
  const at = data.indexOf(needle);
  if (at === -1) return -1;
  const s = at + needle.length;
  if (data[s + 19] === 46 && data[s + 23] === 90) {
    return Date.UTC(
      digits(data, s, 4),
      digits(data, s + 5, 2) - 1,
      digits(data, s + 8, 2),
      digits(data, s + 11, 2),
      digits(data, s + 14, 2),
      digits(data, s + 17, 2),
      digits(data, s + 20, 3),
    );
  }
  const parsed = Date.parse(data.toString("latin1", s, data.indexOf(34, s)));
  return Number.isNaN(parsed) ? -1 : parsed;
}

interface Subscriber {
  ws: WebSocket;
  localPort: number;
  openedAt: number;
  ackedAt: number;
  readyAt: number;
  slow: boolean;
  pausedAt: number;
  resumedAt: number;
  closedAt: number;
  closeCode: number;
  closeReason: string;
  error: string;
  lastBook: number;
  lastTrade: number;
  duplicates: number;
  /** Per window index: tape sequences received whose executedAt falls in the window. */
  received: number[][];
}

interface TrackedWindow extends Window {
  tradeMessages: number;
  bookMessages: number;
  bytes: number;
  bookGaps: number;
  resyncs: number;
  errors: number;
  latency: Uint32Array;
}

/** N raw graphql-transport-ws sockets, each with a trades and an orderBook subscription. */
class SubscriberPool {
  subscribers: Subscriber[] = [];
  windows: TrackedWindow[] = [];
  /** The latest raw trade and book diff seen, for the peer to send the same bytes. */
  samples = { trade: "", book: "" };
  private acked = 0;
  private settled = 0;

  connect(url: string, count: number, onProgress: (acked: number) => void) {
    const concurrency = 256;
    const started = Date.now();
    let next = 0;
    let inFlight = 0;
    const base = this.subscribers.length;
    return new Promise<ConnectFigures>((done) => {
      const timeout = setTimeout(finish, Math.max(30_000, count * 3));
      const progress = setInterval(() => onProgress(this.acked), 200);
      let ended = false;
      const pump = () => {
        // Once the phase has ended no socket is opened any more: nothing connects while measured.
        while (!ended && inFlight < concurrency && next < count) {
          inFlight++;
          next++;
          this.open(url, () => {
            inFlight--;
            pump();
          });
        }
      };
      const check = setInterval(() => {
        if (this.settled >= base + count) finish();
      }, 20);
      function finish() {
        ended = true;
        clearTimeout(timeout);
        clearInterval(progress);
        clearInterval(check);
        done(figures());
      }
      const figures = (): ConnectFigures => {
        const mine = this.subscribers.slice(base);
        const acked = mine.filter((s) => s.ackedAt > 0);
        const ready = mine.filter((s) => s.readyAt > 0);
        const last = (xs: number[]) => (xs.length ? Math.max(...xs) - started : 0);
        onProgress(this.acked);
        return {
          acked: acked.length,
          ready: ready.length,
          failed: count - acked.length,
          ackedMs: last(mine.map((s) => s.ackedAt || s.closedAt)),
          readyMs: last(ready.map((s) => s.readyAt)),
        };
      };
      pump();
    });
  }

  /** One socket; `released` once it is acknowledged or closed, so another may start. */
  private open(url: string, released: () => void) {
    const ws = new WebSocket(url, PROTOCOL, {
      perMessageDeflate: false,
      skipUTF8Validation: true,
      handshakeTimeout: 30_000,
    });
    const sub: Subscriber = {
      ws,
      localPort: 0,
      openedAt: Date.now(),
      ackedAt: 0,
      readyAt: 0,
      slow: false,
      pausedAt: 0,
      resumedAt: 0,
      closedAt: 0,
      closeCode: 0,
      closeReason: "",
      error: "",
      lastBook: -1,
      lastTrade: -1,
      duplicates: 0,
      received: this.windows.map(() => []),
    };
    this.subscribers.push(sub);
    let isReleased = false;
    const release = () => {
      if (isReleased) return;
      isReleased = true;
      released();
    };
    ws.on("upgrade", (response) => (sub.localPort = response.socket.localPort ?? 0));
    ws.on("open", () => ws.send(INIT));
    ws.on("message", (data) => {
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      if (bytes.indexOf(NEXT) !== -1) this.onNext(sub, bytes);
      else if (this.onControl(sub, bytes)) release();
    });
    ws.on("error", (error) => (sub.error = error.message));
    ws.on("close", (code, reason) => {
      sub.closedAt = Date.now();
      sub.closeCode = code;
      sub.closeReason = reason.toString() || sub.error;
      if (sub.readyAt === 0) this.settled++;
      release();
    });
  }

  /** connection_ack, ping, error, complete: rare, so parsed. True on the ack. */
  private onControl(sub: Subscriber, bytes: Buffer): boolean {
    let message: { type?: string };
    try {
      message = JSON.parse(bytes.toString("utf8")) as { type?: string };
    } catch {
      this.countError();
      return false;
    }
    if (message.type === "connection_ack") {
      sub.ackedAt = Date.now();
      this.acked++;
      sub.ws.send(SUBSCRIBE_TRADES);
      sub.ws.send(SUBSCRIBE_BOOK);
      return true;
    }
    if (message.type === "ping") sub.ws.send(PONG);
    else if (message.type !== "pong") this.countError();
    return false;
  }

  private countError() {
    const now = Date.now();
    for (const w of this.windows) if (now >= w.from && now < w.to) w.errors++;
  }

  private onNext(sub: Subscriber, bytes: Buffer) {
    const now = Date.now();
    const idAt = bytes.indexOf(ID);
    const id = idAt === -1 ? 0 : bytes[idAt + ID.length];
    if (id === TRADE_BYTE) this.onTrade(sub, bytes, now);
    else if (id === BOOK_BYTE) this.onBook(sub, bytes, now);
    else this.countError();
  }

  private onTrade(sub: Subscriber, bytes: Buffer, now: number) {
    const sequence = numberAfter(bytes, SEQUENCE);
    const executedAt = timeAfter(bytes, EXECUTED_AT);
    if (sequence < 0 || executedAt < 0) return this.countError();
    if (sequence <= sub.lastTrade) sub.duplicates++;
    else sub.lastTrade = sequence;
    if (this.samples.trade === "") this.samples.trade = bytes.toString("utf8");
    const windows = this.windows;
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i]!;
      if (now >= w.from && now < w.to) {
        w.tradeMessages++;
        w.bytes += bytes.length;
      }
      if (executedAt >= w.from && executedAt < w.to) {
        sub.received[i]!.push(sequence);
        if (!sub.slow) w.latency[Math.min(LATENCY_BINS - 1, Math.max(0, now - executedAt))]!++;
      }
    }
  }

  private onBook(sub: Subscriber, bytes: Buffer, now: number) {
    const first = numberAfter(bytes, FIRST_SEQUENCE);
    const last = numberAfter(bytes, LAST_SEQUENCE);
    if (first < 0 || last < 0) return this.countError();
    const snapshot = bytes.indexOf(SNAPSHOT_TRUE) !== -1;
    let gap = false;
    let resync = false;
    if (snapshot) {
      if (sub.readyAt === 0) {
        sub.readyAt = now;
        this.settled++;
      } else resync = true;
    } else {
      gap = sub.lastBook >= 0 && first !== sub.lastBook + 1;
      if (this.samples.book === "") this.samples.book = bytes.toString("utf8");
    }
    sub.lastBook = last;
    for (const w of this.windows) {
      if (now < w.from || now >= w.to) continue;
      w.bookMessages++;
      w.bytes += bytes.length;
      if (gap) w.bookGaps++;
      if (resync) w.resyncs++;
    }
  }

  addWindow(window: Window) {
    this.windows.push({
      ...window,
      tradeMessages: 0,
      bookMessages: 0,
      bytes: 0,
      bookGaps: 0,
      resyncs: 0,
      errors: 0,
      latency: new Uint32Array(LATENCY_BINS),
    });
    for (const sub of this.subscribers) sub.received.push([]);
  }

  /** Pauses the TCP socket of `count` open sockets: they stop reading; returns their ports. */
  slow(count: number): number[] {
    const chosen = this.subscribers.filter((s) => s.closedAt === 0 && s.readyAt > 0);
    return chosen.slice(0, count).map((sub) => {
      sub.slow = true;
      sub.pausedAt = Date.now();
      sub.ws.pause();
      return sub.localPort;
    });
  }

  resume() {
    for (const sub of this.subscribers) {
      if (!sub.slow || sub.resumedAt) continue;
      sub.resumedAt = Date.now();
      sub.ws.resume();
    }
  }

  /** Compares what each socket got with the trades the run produced in the window. */
  collect(windowId: number, expected: ExpectedTrade[]): WindowSummary {
    const index = this.windows.findIndex((w) => w.id === windowId);
    const w = this.windows[index]!;
    const summary: WindowSummary = {
      sockets: 0,
      notSubscribed: 0,
      expectedPerSocket: expected.length,
      delivered: 0,
      lostGaps: 0,
      tailClosed: 0,
      tailUndelivered: 0,
      unknown: 0,
      duplicates: 0,
      tradeMessages: w.tradeMessages,
      bookMessages: w.bookMessages,
      bytes: w.bytes,
      bookGaps: w.bookGaps,
      resyncs: w.resyncs,
      errors: w.errors,
      latency: [],
      closes: {},
      slow: [],
    };
    for (let ms = 0; ms < LATENCY_BINS; ms++) {
      if (w.latency[ms]) summary.latency.push([ms, w.latency[ms]!]);
    }
    for (const sub of this.subscribers) {
      const got = Float64Array.from(sub.received[index] ?? []).sort();
      sub.received[index] = [];
      const match = matchAgainst(got, expected);
      if (sub.slow && sub.pausedAt < w.to) {
        summary.slow.push({
          port: sub.localPort,
          pausedAt: sub.pausedAt,
          resumedAt: sub.resumedAt,
          delivered: match.matched,
          closedAt: sub.closedAt,
          code: sub.closeCode,
          reason: sub.closeReason,
        });
        continue;
      }
      // Only sockets whose subscriptions ran when the window opened owe it every trade.
      if (sub.readyAt === 0 || sub.readyAt > w.from) {
        summary.notSubscribed++;
        continue;
      }
      summary.sockets++;
      summary.delivered += match.matched;
      summary.lostGaps += match.gaps;
      summary.unknown += match.unknown;
      summary.duplicates += match.duplicates;
      if (sub.closedAt > 0) summary.tailClosed += match.tail;
      else summary.tailUndelivered += match.tail;
      if (sub.closedAt > 0) countClose(summary.closes, sub.closeCode, sub.closeReason);
    }
    return summary;
  }

  /** Every socket vanishes without a close handshake. */
  drop() {
    for (const sub of this.subscribers) sub.ws.terminate();
    this.subscribers = [];
    this.windows = [];
    this.acked = 0;
    this.settled = 0;
  }
}

function countClose(histogram: CloseHistogram, code: number, reason: string, count = 1) {
  const entry = (histogram[String(code)] ??= { count: 0, reason });
  entry.count += count;
}

/** Sorted received sequences against the sorted expected ones. */
function matchAgainst(got: Float64Array, expected: ExpectedTrade[]) {
  let matched = 0;
  let unknown = 0;
  let duplicates = 0;
  let lastMatched = -1;
  let e = 0;
  for (let g = 0; g < got.length; g++) {
    const sequence = got[g]!;
    if (g > 0 && sequence === got[g - 1]) {
      duplicates++;
      continue;
    }
    while (e < expected.length && expected[e]![0] < sequence) e++;
    if (e < expected.length && expected[e]![0] === sequence) {
      matched++;
      lastMatched = e;
    } else unknown++;
  }
  return {
    matched,
    unknown,
    duplicates,
    gaps: lastMatched + 1 - matched,
    tail: expected.length - (lastMatched + 1),
  };
}

function runSubscriberProcess() {
  const pool = new SubscriberPool();
  process.on("disconnect", () => process.exit(0));
  process.on("message", (raw) => {
    const message = raw as ToChild;
    switch (message.type) {
      case "connect":
        void pool
          .connect(message.url, message.count, (acked) => send({ type: "progress", acked }))
          .then((figures) => send({ type: "connected", ...figures }));
        return;
      case "window":
        pool.addWindow(message.window);
        return;
      case "slow":
        send({ type: "slowed", ports: pool.slow(message.count) });
        return;
      case "resume":
        pool.resume();
        send({ type: "resumed" });
        return;
      case "collect":
        send({ type: "collected", summary: pool.collect(message.windowId, message.expected) });
        return;
      case "drop":
        pool.drop();
        send({ type: "dropped" });
        return;
      case "broadcast":
      case "quiet":
        return;
    }
  });
}

// ================================================================ the peer: plain ws broadcast
/**
 * A `ws` server that acknowledges graphql-transport-ws, answers a book subscription with a
 * snapshot, and broadcasts each message serialized once (one Buffer for every socket).
 */
function runPeerProcess() {
  const port = Number(process.env.BENCH_PEER_PORT);
  const wss = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false });
  const tradeSockets = new Set<WebSocket>();
  const bookSockets = new Set<WebSocket>();
  let templates = { trade: "", book: "" };
  let timer: NodeJS.Timeout | undefined;
  let sent: ExpectedTrade[] = [];
  let bookSequence = 1;
  wss.on("listening", () => send({ type: "listening" }));
  wss.on("connection", (ws) => {
    ws.on("message", (data) => {
      const message = JSON.parse((data as Buffer).toString("utf8")) as {
        type?: string;
        payload?: { query?: string };
      };
      if (message.type === "connection_init") ws.send(JSON.stringify({ type: "connection_ack" }));
      else if (message.type === "ping") ws.send(PONG);
      else if (message.type === "subscribe" && message.payload?.query?.includes("orderBook")) {
        bookSockets.add(ws);
        ws.send(bookMessage(true));
      } else if (message.type === "subscribe") tradeSockets.add(ws);
    });
    ws.on("close", () => {
      tradeSockets.delete(ws);
      bookSockets.delete(ws);
    });
  });
  const bookMessage = (snapshot: boolean) =>
    templates.book
      .replace(/"firstSequence":"\d+"/, `"firstSequence":"${bookSequence}"`)
      .replace(/"lastSequence":"\d+"/, `"lastSequence":"${bookSequence}"`)
      .replace(/"snapshot":(true|false)/, `"snapshot":${snapshot}`);
  const broadcast = (sockets: Set<WebSocket>, text: string) => {
    const bytes = Buffer.from(text);
    for (const ws of sockets) ws.send(bytes, { binary: false });
  };
  process.on("disconnect", () => process.exit(0));
  process.on("message", (raw) => {
    const message = raw as ToChild;
    if (message.type === "broadcast") {
      templates = { trade: message.trade, book: message.book };
      const started = performance.now();
      let trades = 0;
      let books = 0;
      let sequence = 1 << 20;
      sent = [];
      timer = setInterval(() => {
        const elapsed = (performance.now() - started) / 1_000;
        for (; trades < Math.floor(elapsed * message.tradesPerSec); trades++) {
          sequence++;
          const at = Date.now();
          sent.push([sequence, at]);
          broadcast(
            tradeSockets,
            templates.trade
              .replace(/"sequence":"\d+"/, `"sequence":"${sequence}"`)
              .replace(/"executedAt":"[^"]*"/, `"executedAt":"${new Date(at).toISOString()}"`),
          );
        }
        for (; books < Math.floor(elapsed * message.booksPerSec); books++) {
          bookSequence++;
          broadcast(bookSockets, bookMessage(false));
        }
      }, 5);
    } else if (message.type === "quiet") {
      clearInterval(timer);
      const { from, to } = message.window;
      send({ type: "quieted", sent: sent.filter(([, at]) => at >= from && at < to) });
    }
  });
}

// ================================================================ main: options and names
const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "100,1000,10000" },
    rate: { type: "string", default: "100" },
    seconds: { type: "string", default: "30" },
    runs: { type: "string", default: "3" },
    slow: { type: "string", default: "5" },
    "slow-seconds": { type: "string", default: "10" },
    clients: { type: "string", default: "2" },
    port: { type: "string", default: "4400" },
  },
});
const SUBSCRIBERS = args.subscribers.split(",").map(Number);
const RATE = Number(args.rate);
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);
const SLOW = Number(args.slow);
const SLOW_SECONDS = Number(args["slow-seconds"]);
const CLIENTS = Math.max(1, Number(args.clients));
const FANOUT_PORT = Number(args.port);
const TRADING_PORT = FANOUT_PORT + 1;
const PEER_PORT = FANOUT_PORT + 2;
const SERVER = process.env.BENCH_DATABASE_SERVER ?? "postgres://postgres@127.0.0.1:5432";
const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";

const runId = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
const database = `eventhub_bench_subs_${runId}`;
const databaseUrl = `${SERVER}/${database}`;
const namespace = `bench_${runId}`;
const benchSecret = randomBytes(32).toString("hex");
const fanoutWs = `ws://127.0.0.1:${FANOUT_PORT}/graphql`;
const tradingHttp = `http://127.0.0.1:${TRADING_PORT}/graphql`;
const tradingWs = `ws://127.0.0.1:${TRADING_PORT}/graphql`;

// ================================================================ platform as processes
type Role = "fanout" | "trading" | "relay" | "matcher" | "settlement" | "marketdata";
const ROLES: Role[] = ["fanout", "trading", "relay", "matcher", "settlement", "marketdata"];
const children: ChildProcess[] = [];
const pids = new Map<Role, number>();
let stopping = false;

/** A node process through bash, its open-file limit raised to the hard limit first. */
function spawnNode(label: string, nodeArgs: string[], env: NodeJS.ProcessEnv, ipc = false) {
  const child = spawn(
    "bash",
    [
      "-c",
      'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$@"',
      "bash",
      process.execPath,
      ...nodeArgs,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "ignore", "inherit", ...(ipc ? (["ipc"] as const) : [])],
    },
  );
  child.on("exit", (code, signal) => {
    if (!stopping) log(`${label} exited (${code ?? signal})`);
  });
  children.push(child);
  return child;
}

function spawnComponent(role: Role) {
  const component = role === "fanout" || role === "trading" ? "api" : role;
  // BENCH_PROFILE=fanout (or another role) writes a CPU profile of it into .cache/profiles/.
  const profile =
    process.env.BENCH_PROFILE === role
      ? ["--cpu-prof", "--cpu-prof-dir", resolve(ROOT, ".cache/profiles")]
      : [];
  const child = spawnNode(role, [...profile, "--import", "tsx", "workers/main.ts", component], {
    DATABASE_URL: databaseUrl,
    EVENTHUB_NAMESPACE: namespace,
    PORT: String(role === "fanout" ? FANOUT_PORT : TRADING_PORT),
    LOG_LEVEL: "error",
    NODE_ENV: "production",
    JWT_SECRET: benchSecret,
    DEMO_FAUCET: "true",
    // All subscribers come from 127.0.0.1; the load is two users placing ~1.1 orders per trade.
    WS_MAX_SOCKETS_PER_IP: "1000000",
    WS_MAX_MESSAGES_PER_SECOND: "1000",
    REGISTRATIONS_PER_IP_HOUR: "1000000",
    ORDER_RATE_PER_SECOND: "1000000",
    ORDER_BURST: "1000000",
    RATE_LIMIT_KEY_WEIGHT_PER_MINUTE: "1000000000",
    RATE_LIMIT_USER_WEIGHT_PER_MINUTE: "1000000000",
    RATE_LIMIT_IP_WEIGHT_PER_MINUTE: "1000000000",
    MAX_OPEN_ORDERS_PER_MARKET: "1000000",
  });
  pids.set(role, child.pid!);
}

function spawnChild(role: "client" | "peer") {
  return spawnNode(
    role,
    ["--max-old-space-size=4096", "--import", "tsx", SELF],
    { BENCH_SUBSCRIPTIONS_ROLE: role, BENCH_PEER_PORT: String(PEER_PORT) },
    true,
  );
}

async function stopAll() {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await sleep(1_500);
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
}

/** Sends `message` and waits for the child's answer of type `reply`. */
function ask<T extends FromChild["type"]>(child: ChildProcess, message: ToChild, reply: T) {
  return new Promise<Extract<FromChild, { type: T }>>((resolveAsk, reject) => {
    const onMessage = (raw: unknown) => {
      const answer = raw as FromChild;
      if (answer.type !== reply) return;
      child.off("message", onMessage);
      child.off("exit", onExit);
      resolveAsk(answer as Extract<FromChild, { type: T }>);
    };
    const onExit = () => reject(new Error(`child ${child.pid} exited`));
    child.on("message", onMessage);
    child.once("exit", onExit);
    child.send(message);
  });
}

// ================================================================ /proc and JetStream probes
const CLOCK_TICKS = 100;

function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

function openFileLimit(): number {
  const match = /Max open files\s+(\d+)/.exec(readFileSync("/proc/self/limits", "utf8"));
  return match ? Number(match[1]) : 0;
}

/** Not the platform, measured beside it: the subscriber processes, nats-server, the machine. */
type Other = "subscribers" | "nats" | "machine";
const OTHERS: Other[] = ["subscribers", "nats", "machine"];
const subscriberPids: number[] = [];
let natsPid = 0;

/** nats-server's pid, found by its command name (read only: it is shared, not ours). */
function findNatsServer(): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === "nats-server")
        return Number(entry);
    } catch {
      /* gone */
    }
  }
  return 0;
}

/** CPU seconds every core spent busy (not idle, not waiting for I/O). */
function machineBusySeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
  const ticks = fields.map(Number);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return (total - ticks[3]! - ticks[4]!) / CLOCK_TICKS;
}

interface Probe {
  at: number;
  cpu: Record<Role | Other, number>;
  commands: number;
  events: number;
}

async function probe(jsm: JetStreamManager): Promise<Probe> {
  const names = busNames(namespace);
  const lastSequence = async (stream: string) =>
    (await jsm.streams.info(stream).catch(() => null))?.state.last_seq ?? 0;
  const cpu = {} as Record<Role | Other, number>;
  for (const role of ROLES) cpu[role] = cpuSeconds(pids.get(role) ?? 0);
  cpu.subscribers = subscriberPids.reduce((a, pid) => a + cpuSeconds(pid), 0);
  cpu.nats = natsPid ? cpuSeconds(natsPid) : NaN;
  cpu.machine = machineBusySeconds();
  return {
    at: Date.now(),
    cpu,
    commands: await lastSequence(names.commandStream),
    events: await lastSequence(names.eventStream),
  };
}

interface Phase {
  seconds: number;
  cpuPercent: Record<Role | Other, number>;
  commandsPerSec: number;
  eventsPerSec: number;
  tradesPerSec: number;
  /** The fan-out API's CPU seconds in the phase. */
  fanoutCpu: number;
}

function phaseOf(a: Probe, b: Probe): Phase {
  const seconds = Math.max(0.001, (b.at - a.at) / 1_000);
  const cpuPercent = {} as Record<Role | Other, number>;
  for (const role of [...ROLES, ...OTHERS]) {
    cpuPercent[role] = ((b.cpu[role] - a.cpu[role]) / seconds) * 100;
  }
  return {
    seconds,
    cpuPercent,
    commandsPerSec: (b.commands - a.commands) / seconds,
    eventsPerSec: (b.events - a.events) / seconds,
    tradesPerSec: 0,
    fanoutCpu: b.cpu.fanout - a.cpu.fanout,
  };
}

/** Server-side TCP state of the given client ports' connections to `serverPort`. */
function serverSideTcp(serverPort: number, clientPorts: Set<number>) {
  const found = new Map<number, { state: number; txQueue: number }>();
  for (const line of readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5) continue;
    const local = parseInt(f[1]!.split(":")[1]!, 16);
    const remote = parseInt(f[2]!.split(":")[1]!, 16);
    if (local !== serverPort || !clientPorts.has(remote)) continue;
    found.set(remote, { state: parseInt(f[3]!, 16), txQueue: parseInt(f[4]!.split(":")[0]!, 16) });
  }
  return found;
}

// ================================================================ GraphQL over HTTP and the load
interface GqlResponse<T> {
  data?: T;
  errors?: { message: string }[];
}
async function gql<T = unknown>(
  query: string,
  headers: Record<string, string> = {},
  variables: object = {},
): Promise<GqlResponse<T>> {
  try {
    const response = await fetch(tradingHttp, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GqlResponse<T>;
  } catch (error) {
    return { errors: [{ message: (error as Error).message }] };
  }
}

async function registerTrader(name: string) {
  const registered = await gql<{ register: { token: string } }>(
    `mutation($i: RegisterInput!) { register(input: $i) { token } }`,
    {},
    { i: { name, email: `${name}-${runId}@bench.test`, password: "bench-password-123" } },
  );
  if (!registered.data) throw new Error(`register: ${JSON.stringify(registered.errors)}`);
  const headers = { authorization: `Bearer ${registered.data.register.token}` };
  const funded = await gql(
    `mutation { a: deposit(input: { asset: "BTC", amount: "100000" }) { asset } b: deposit(input: { asset: "USDT", amount: "10000000000" }) { asset } }`,
    headers,
  );
  if (!funded.data) throw new Error(`deposit: ${JSON.stringify(funded.errors)}`);
  return headers;
}

/**
 * ~RATE trades a second: each cycle a maker rests `levels` sells one level apart (one request,
 * aliased mutations) and a taker sweeps them with one IOC buy, so a cycle is `levels` trades.
 */
class TradeLoad {
  readonly levels = Math.max(1, Math.min(10, Math.round(RATE / 10)));
  readonly periodMs = (this.levels * 1_000) / RATE;
  failures = 0;
  skipped = 0;
  private running = false;
  private inFlight = 0;
  private loop: Promise<void> = Promise.resolve();
  private readonly makerDocument: string;
  private readonly takerDocument: string;

  constructor(
    private readonly maker: Record<string, string>,
    private readonly taker: Record<string, string>,
  ) {
    const order = (fields: string) =>
      `placeOrder(input: { market: "${MARKET}", ${fields} }) { id }`;
    const rests = Array.from(
      { length: this.levels },
      (_, j) =>
        `m${j}: ${order(`side: SELL, type: LIMIT, price: "${(30_000 + j).toFixed(2)}", amount: "0.00100"`)}`,
    );
    this.makerDocument = `mutation { ${rests.join(" ")} }`;
    const top = (30_000 + this.levels - 1).toFixed(2);
    const amount = (this.levels * 0.001).toFixed(5);
    this.takerDocument = `mutation { ${order(`side: BUY, type: LIMIT, timeInForce: IOC, price: "${top}", amount: "${amount}"`)} }`;
  }

  start() {
    this.running = true;
    this.loop = (async () => {
      const started = performance.now();
      for (let i = 0; this.running; i++) {
        await sleep(started + i * this.periodMs - performance.now());
        if (!this.running) break;
        if (this.inFlight >= 4) this.skipped++;
        else void this.cycle();
      }
    })();
  }

  private async cycle() {
    this.inFlight++;
    try {
      const rested = await gql(this.makerDocument, this.maker);
      if (rested.errors) this.failures++;
      const took = await gql(this.takerDocument, this.taker);
      if (took.errors) this.failures++;
    } finally {
      this.inFlight--;
    }
  }

  async stop() {
    this.running = false;
    await this.loop;
    while (this.inFlight > 0) await sleep(20);
  }
}

// ================================================================ one measurement
interface Result {
  subscribers: number;
  run: number;
  connect: ConnectFigures;
  loaded: WindowSummary;
  slowWindow: WindowSummary | null;
  slowServerSide: { port: number; leftEstablishedAfterMs: number; maxTxQueue: number }[];
  latencyP50: number;
  latencyP99: number;
  fanoutCpuPercent: number;
  usPerMessage: number;
  peer: {
    usPerMessage: number;
    sockets: number;
    cpuPercent: number;
    delivered: number;
    expected: number;
    lost: number;
    latencyP50: number;
    latencyP99: number;
  };
  rssMiB: { start: number; peak: number; end: number };
  phases: Record<"baseline" | "connect" | "loaded" | "slow" | "gone", Phase>;
  loadFailures: number;
}

class Bench {
  clients: ChildProcess[] = [];
  peer!: ChildProcess;
  monitor = new SubscriberPool();
  nextWindow = 1;
  constructor(
    readonly db: pg.Client,
    readonly jsm: JetStreamManager,
    readonly load: TradeLoad,
  ) {}

  /** A window starting shortly, told to every subscriber process and the monitor first. */
  window(seconds: number, targets = this.clients): Window {
    const from = Date.now() + 300;
    const window = { id: this.nextWindow++, from, to: from + seconds * 1_000 };
    for (const child of targets) child.send({ type: "window", window } satisfies ToChild);
    this.monitor.addWindow(window);
    return window;
  }

  async collect(window: Window, expected: ExpectedTrade[], targets = this.clients) {
    const summaries = await Promise.all(
      targets.map((child) =>
        ask(child, { type: "collect", windowId: window.id, expected }, "collected"),
      ),
    );
    return mergeSummaries(summaries.map((s) => s.summary));
  }

  async connectAll(url: string, count: number, label: string) {
    const shares = this.clients.map(
      (_, i) => Math.floor(count / this.clients.length) + (i < count % this.clients.length ? 1 : 0),
    );
    const bar = createProgressBar(process.stderr, label, count);
    const acked = shares.map(() => 0);
    const listeners = this.clients.map((child, i) => {
      const listener = (raw: unknown) => {
        const message = raw as FromChild;
        if (message.type !== "progress") return;
        acked[i] = message.acked;
        bar.update(
          acked.reduce((a, b) => a + b, 0),
          "acked",
        );
      };
      child.on("message", listener);
      return listener;
    });
    const figures = await Promise.all(
      this.clients.map((child, i) =>
        ask(child, { type: "connect", url, count: shares[i]! }, "connected"),
      ),
    );
    this.clients.forEach((child, i) => child.off("message", listeners[i]!));
    bar.update(figures.reduce((a, f) => a + f.acked, 0));
    bar.finish();
    return {
      acked: figures.reduce((a, f) => a + f.acked, 0),
      ready: figures.reduce((a, f) => a + f.ready, 0),
      failed: figures.reduce((a, f) => a + f.failed, 0),
      ackedMs: Math.max(...figures.map((f) => f.ackedMs)),
      readyMs: Math.max(...figures.map((f) => f.readyMs)),
    };
  }

  /** Waits out a window with a progress bar, sampling the fan-out API's RSS. */
  async during(window: Window, label: string, rss: { peak: number }) {
    await sleep(window.from - Date.now());
    const before = await probe(this.jsm);
    const seconds = (window.to - window.from) / 1_000;
    const bar = createProgressBar(process.stderr, label, seconds);
    while (Date.now() < window.to) {
      rss.peak = Math.max(rss.peak, rssMiB(pids.get("fanout")!));
      bar.update(Math.floor((Date.now() - window.from) / 1_000));
      await sleep(Math.min(250, window.to - Date.now()));
    }
    bar.update(seconds);
    bar.finish();
    return phaseOf(before, await probe(this.jsm));
  }

  async measure(subscribers: number, run: number): Promise<Result> {
    log(`\n— ${subscribers} subscribers, run ${run}/${RUNS}`);
    const rss = { start: rssMiB(pids.get("fanout")!), peak: 0, end: 0 };
    rss.peak = rss.start;

    const baselineWindow = this.window(SECONDS, []);
    const baseline = await this.during(baselineWindow, "baseline ", rss);

    const connectStart = await probe(this.jsm);
    const connected = await this.connectAll(fanoutWs, subscribers, "connect  ");
    const connectPhase = phaseOf(connectStart, await probe(this.jsm));
    const connectedAt = Date.now();

    const loadedWindow = this.window(SECONDS);
    const loaded = await this.during(loadedWindow, "measure  ", rss);
    const loadedSequence = await matcherSequence();

    const slowCount = Math.min(SLOW, Math.floor(subscribers / this.clients.length));
    const slowWindow = this.window(SLOW_SECONDS);
    await sleep(slowWindow.from - Date.now());
    const { ports } = await ask(this.clients[0]!, { type: "slow", count: slowCount }, "slowed");
    const tracked = trackServerSide(ports);
    const slow = await this.during(slowWindow, "slow     ", rss);
    await ask(this.clients[0]!, { type: "resume" }, "resumed");
    await sleep(3_000); // the paused sockets read their backlog and whatever close came
    tracked.stop();
    const slowSequence = await matcherSequence();
    rss.end = rssMiB(pids.get("fanout")!);

    await waitSettled(this.db, Math.max(loadedSequence, slowSequence), 60_000);
    const loadedSummary = await this.collect(loadedWindow, await tradesIn(this.db, loadedWindow));
    const slowSummary =
      slowCount > 0 ? await this.collect(slowWindow, await tradesIn(this.db, slowWindow)) : null;

    await Promise.all(this.clients.map((child) => ask(child, { type: "drop" }, "dropped")));
    const goneWindow = this.window(3, []);
    const gone = await this.during(goneWindow, "gone     ", rss);

    for (const [phase, window] of [
      [baseline, baselineWindow],
      [loaded, loadedWindow],
      [slow, slowWindow],
      [gone, goneWindow],
    ] as const) {
      phase.tradesPerSec = (await tradesIn(this.db, window)).length / phase.seconds;
    }
    connectPhase.tradesPerSec =
      (await tradesIn(this.db, { id: 0, from: connectStart.at, to: connectedAt })).length /
      connectPhase.seconds;

    const peer = await this.measurePeer(subscribers, loadedWindow, loadedSummary, loaded.seconds);
    const latency = percentiles(loadedSummary.latency);
    const messages = loadedSummary.tradeMessages + loadedSummary.bookMessages;
    return {
      subscribers,
      run,
      connect: connected,
      loaded: loadedSummary,
      slowWindow: slowSummary,
      slowServerSide: tracked.result(),
      latencyP50: latency.p50,
      latencyP99: latency.p99,
      fanoutCpuPercent: loaded.cpuPercent.fanout,
      usPerMessage: messages ? (loaded.fanoutCpu * 1e6) / messages : Infinity,
      peer,
      rssMiB: rss,
      phases: { baseline, connect: connectPhase, loaded, slow, gone },
      loadFailures: this.load.failures,
    };
  }

  /** The same N sockets on a plain ws broadcaster at the message rate our server should send. */
  async measurePeer(subscribers: number, loaded: Window, ours: WindowSummary, seconds: number) {
    // The monitor (one socket on the trading API) counted the book messages one socket gets.
    const reference = this.monitor.windows.find((w) => w.id === loaded.id);
    const tradesPerSec = ours.expectedPerSocket / seconds;
    const booksPerSec = (reference?.bookMessages ?? 0) / seconds;
    // Broadcasting starts first: the peer answers each book subscription from the sample.
    this.peer.send({
      type: "broadcast",
      tradesPerSec,
      booksPerSec,
      trade: this.monitor.samples.trade,
      book: this.monitor.samples.book,
    } satisfies ToChild);
    await this.connectAll(`ws://127.0.0.1:${PEER_PORT}/graphql`, subscribers, "peer     ");
    const window = this.window(SECONDS);
    const peerPid = this.peer.pid!;
    await sleep(window.from - Date.now());
    const cpuBefore = cpuSeconds(peerPid);
    const bar = createProgressBar(process.stderr, "peer     ", SECONDS);
    while (Date.now() < window.to) {
      bar.update(Math.floor((Date.now() - window.from) / 1_000));
      await sleep(Math.min(250, window.to - Date.now()));
    }
    bar.update(SECONDS);
    bar.finish();
    const cpu = cpuSeconds(peerPid) - cpuBefore;
    const { sent } = await ask(this.peer, { type: "quiet", window }, "quieted");
    await sleep(3_000); // deliveries still on their way
    const summary = await this.collect(window, sent);
    await Promise.all(this.clients.map((child) => ask(child, { type: "drop" }, "dropped")));
    const latency = percentiles(summary.latency);
    const messages = summary.tradeMessages + summary.bookMessages;
    return {
      usPerMessage: messages ? (cpu * 1e6) / messages : Infinity,
      sockets: summary.sockets,
      cpuPercent: (cpu / SECONDS) * 100,
      delivered: summary.delivered,
      expected: summary.expectedPerSocket * summary.sockets,
      lost: summary.lostGaps + summary.tailUndelivered + summary.tailClosed,
      latencyP50: latency.p50,
      latencyP99: latency.p99,
    };
  }
}

/** Polls the server side of the slow sockets' connections: when each leaves ESTABLISHED. */
function trackServerSide(ports: number[]) {
  const started = Date.now();
  const watched = new Set(ports);
  const state = new Map(
    ports.map((port) => [port, { port, leftEstablishedAfterMs: -1, maxTxQueue: 0 }]),
  );
  const poll = () => {
    const seen = serverSideTcp(FANOUT_PORT, watched);
    for (const entry of state.values()) {
      const now = seen.get(entry.port);
      if (now) entry.maxTxQueue = Math.max(entry.maxTxQueue, now.txQueue);
      const established = now?.state === 1;
      if (!established && entry.leftEstablishedAfterMs < 0) {
        entry.leftEstablishedAfterMs = Date.now() - started;
      }
    }
  };
  const timer = setInterval(poll, 500);
  return {
    stop: () => clearInterval(timer),
    result: () => [...state.values()],
  };
}

async function matcherSequence(): Promise<number> {
  const res = await gql<{ orderBook: { sequence: string } }>(
    `{ orderBook(market: "${MARKET}", depth: 1) { sequence } }`,
  );
  return Number(res.data?.orderBook.sequence ?? 0);
}

async function waitSettled(db: pg.Client, sequence: number, timeoutMs: number) {
  const started = Date.now();
  for (;;) {
    const { rows } = await db.query<{ applied: string }>(
      `SELECT coalesce(max(last_sequence), 0)::text AS applied FROM consumer_offsets
        WHERE consumer = 'settlement' AND market = $1`,
      [MARKET],
    );
    if (Number(rows[0]?.applied ?? 0) >= sequence) return;
    if (Date.now() - started > timeoutMs) {
      log(`settlement did not reach ${sequence} in ${timeoutMs} ms; comparing with what it has`);
      return;
    }
    await sleep(100);
  }
}

/** The trades the run produced in the window, by tape sequence (sequence × 2^20 + index). */
async function tradesIn(db: pg.Client, window: Window): Promise<ExpectedTrade[]> {
  const { rows } = await db.query<{ tape: string; at: string }>(
    `SELECT (t.sequence * 1048576 + t.match_index)::text AS tape,
            round(extract(epoch FROM t.executed_at) * 1000)::text AS at
       FROM trades t WHERE t.market = $1 AND t.executed_at >= $2 AND t.executed_at < $3
      ORDER BY t.sequence, t.match_index`,
    [MARKET, new Date(window.from), new Date(window.to)],
  );
  return rows.map((r) => [Number(r.tape), Number(r.at)]);
}

function mergeSummaries(summaries: WindowSummary[]): WindowSummary {
  const [first, ...rest] = summaries;
  const merged: WindowSummary = { ...first!, closes: { ...first!.closes } };
  const latency = new Map(first!.latency);
  for (const s of rest) {
    for (const key of [
      "sockets",
      "notSubscribed",
      "delivered",
      "lostGaps",
      "tailClosed",
      "tailUndelivered",
      "unknown",
      "duplicates",
      "tradeMessages",
      "bookMessages",
      "bytes",
      "bookGaps",
      "resyncs",
      "errors",
    ] as const) {
      merged[key] += s[key];
    }
    for (const [ms, count] of s.latency) latency.set(ms, (latency.get(ms) ?? 0) + count);
    for (const [code, c] of Object.entries(s.closes)) {
      countClose(merged.closes, Number(code), c.reason, c.count);
    }
    merged.slow = [...merged.slow, ...s.slow];
  }
  merged.latency = [...latency.entries()].sort((a, b) => a[0] - b[0]);
  return merged;
}

function percentiles(histogram: [number, number][]) {
  const total = histogram.reduce((a, [, c]) => a + c, 0);
  const at = (p: number) => {
    let seen = 0;
    for (const [ms, count] of histogram) {
      seen += count;
      if (seen >= p * total) return ms;
    }
    return NaN;
  };
  return { p50: at(0.5), p99: at(0.99) };
}

// ================================================================ printing
const median = (xs: number[]) => {
  const sorted = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : NaN;
};
const fmt = (x: number, digitsAfter = 0) =>
  Number.isFinite(x)
    ? x.toLocaleString("en", {
        minimumFractionDigits: digitsAfter,
        maximumFractionDigits: digitsAfter,
      })
    : String(x);
const histogramText = (h: CloseHistogram) =>
  Object.entries(h)
    .map(([code, c]) => `${code}×${c.count} "${c.reason.slice(0, 60)}"`)
    .join(", ") || "none";

function printResults(results: Result[]) {
  for (const n of SUBSCRIBERS) {
    const rs = results.filter((r) => r.subscribers === n);
    if (rs.length === 0) continue;
    const m = (pick: (r: Result) => number, digitsAfter = 0) =>
      fmt(median(rs.map(pick)), digitsAfter);
    const each = (pick: (r: Result) => string) => rs.map(pick).join(" | ");
    const lost = (s: WindowSummary) => s.lostGaps + s.tailUndelivered;
    console.log(`\nN = ${fmt(n)} subscribers (median of ${rs.length} run(s); "|" separates runs)`);
    const rows: [string, string][] = [
      ["connected (acked / ready)", `${m((r) => r.connect.acked)} / ${m((r) => r.connect.ready)}`],
      [
        "connect time (ack / ready)",
        `${m((r) => r.connect.ackedMs)} ms / ${m((r) => r.connect.readyMs)} ms`,
      ],
      ["not acked when connect ended", m((r) => r.connect.failed)],
      ["subscribed (counted) in window", m((r) => r.loaded.sockets)],
      ["closed well-behaved (code)", each((r) => histogramText(r.loaded.closes))],
      [
        "trades delivered / expected",
        `${m((r) => r.loaded.delivered)} / ${m((r) => r.loaded.expectedPerSocket * r.loaded.sockets)}`,
      ],
      ["  lost (gaps + open tail)", m((r) => lost(r.loaded))],
      ["  of which open tail", m((r) => r.loaded.tailUndelivered)],
      ["  cut by a close", m((r) => r.loaded.tailClosed)],
      [
        "  duplicates / unknown",
        `${m((r) => r.loaded.duplicates)} / ${m((r) => r.loaded.unknown)}`,
      ],
      [
        "book msgs (gaps / resyncs)",
        `${m((r) => r.loaded.bookMessages)} (${m((r) => r.loaded.bookGaps)} / ${m((r) => r.loaded.resyncs)})`,
      ],
      ["error messages", m((r) => r.loaded.errors)],
      ["latency p50 / p99", `${m((r) => r.latencyP50)} ms / ${m((r) => r.latencyP99)} ms`],
      ["fan-out API CPU", `${m((r) => r.fanoutCpuPercent, 1)} %`],
      ["µs per delivered message", m((r) => r.usPerMessage, 2)],
      ["peer µs per message", m((r) => r.peer.usPerMessage, 2)],
      ["peer sockets subscribed", m((r) => r.peer.sockets)],
      ["ratio (ours / peer)", m((r) => r.usPerMessage / r.peer.usPerMessage, 1)],
      [
        "peer lost; p50 / p99",
        `${m((r) => r.peer.lost)} of ${m((r) => r.peer.expected)}; ${m((r) => r.peer.latencyP50)} / ${m((r) => r.peer.latencyP99)} ms`,
      ],
      [
        "fan-out RSS start / peak / end",
        `${m((r) => r.rssMiB.start)} / ${m((r) => r.rssMiB.peak)} / ${m((r) => r.rssMiB.end)} MiB`,
      ],
      ["load failures (cumulative)", m((r) => r.loadFailures)],
    ];
    for (const [label, value] of rows) console.log(`  ${label.padEnd(30)} ${value}`);

    const phases = ["baseline", "connect", "loaded", "slow", "gone"] as const;
    console.log(`  ${"phase".padEnd(30)} ${phases.map((p) => p.padStart(9)).join("")}`);
    const phaseRow = (label: string, pick: (p: Phase) => number, digitsAfter = 1) =>
      console.log(
        `  ${label.padEnd(30)} ${phases
          .map((p) => fmt(median(rs.map((r) => pick(r.phases[p]))), digitsAfter).padStart(9))
          .join("")}`,
      );
    phaseRow("matcher CPU %", (p) => p.cpuPercent.matcher);
    phaseRow("settlement CPU %", (p) => p.cpuPercent.settlement);
    phaseRow("marketdata CPU %", (p) => p.cpuPercent.marketdata);
    phaseRow("relay CPU %", (p) => p.cpuPercent.relay);
    phaseRow("trading API CPU %", (p) => p.cpuPercent.trading);
    phaseRow("fan-out API CPU %", (p) => p.cpuPercent.fanout);
    phaseRow("subscriber processes CPU %", (p) => p.cpuPercent.subscribers);
    phaseRow("nats-server CPU %", (p) => p.cpuPercent.nats);
    phaseRow(`machine CPU % (of ${os.cpus().length * 100})`, (p) => p.cpuPercent.machine);
    phaseRow("trades/s (trades table)", (p) => p.tradesPerSec);
    phaseRow("commands/s (JetStream)", (p) => p.commandsPerSec);
    phaseRow("event batches/s (JetStream)", (p) => p.eventsPerSec);

    for (const r of rs) {
      const s = r.slowWindow;
      if (!s) continue;
      const latency = percentiles(s.latency);
      console.log(
        `  slow readers, run ${r.run} (${SLOW_SECONDS} s paused): others lost ${fmt(lost(s))} of ${fmt(s.expectedPerSocket * s.sockets)}, p50/p99 ${latency.p50}/${latency.p99} ms, closed ${histogramText(s.closes)}`,
      );
      for (const slow of s.slow) {
        const server = r.slowServerSide.find((t) => t.port === slow.port);
        const left = server?.leftEstablishedAfterMs ?? -1;
        console.log(
          `    port ${slow.port}: ${slow.closedAt ? `closed ${slow.code} "${slow.reason}" at +${((slow.closedAt - slow.pausedAt) / 1_000).toFixed(1)} s after pausing (seen after resuming at +${((slow.resumedAt - slow.pausedAt) / 1_000).toFixed(1)} s)` : "still open"}; server side ${left >= 0 ? `left ESTABLISHED at +${(left / 1_000).toFixed(1)} s` : "stayed ESTABLISHED"}, kernel send queue up to ${fmt((server?.maxTxQueue ?? 0) / 1024)} KiB; got ${fmt(slow.delivered)} of ${fmt(s.expectedPerSocket)} trades`,
        );
      }
    }
  }
}

// ================================================================ main
async function main() {
  const cpus = os.cpus();
  const machine = `${cpus[0]?.model ?? "cpu"} × ${cpus.length}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, open files ${openFileLimit()}`;
  log(`bench:subscriptions — database ${database}, namespace ${namespace}`);
  log(`machine: ${machine}`);
  const biggest = Math.max(...SUBSCRIBERS);
  if (biggest + 1_000 > openFileLimit()) {
    log(`warning: ${biggest} sockets on one API process is near the open-file limit`);
  }
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  const pool = createPool(databaseUrl, 1);
  await seedDemoMarkets(createDatabase(pool));
  await pool.end();

  for (const role of ROLES) spawnComponent(role);
  for (const port of [FANOUT_PORT, TRADING_PORT]) await waitReady(port);
  const db = new pg.Client({ connectionString: databaseUrl });
  db.on("error", (error) => log(`bench database connection: ${error.message}`));
  await db.connect();
  benchDb = db;
  nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);

  const maker = await registerTrader("maker");
  const taker = await registerTrader("taker");
  const load = new TradeLoad(maker, taker);
  const bench = new Bench(db, jsm, load);
  await bench.monitor.connect(tradingWs, 1, () => {});
  bench.clients = Array.from({ length: CLIENTS }, () => spawnChild("client"));
  subscriberPids.push(...bench.clients.map((child) => child.pid!));
  natsPid = findNatsServer();
  bench.peer = spawnChild("peer");
  const listening = new Promise((r) => bench.peer.once("message", r));
  load.start();
  log(`load: ${load.levels} trades per cycle every ${load.periodMs.toFixed(0)} ms; warming up`);
  await Promise.all([listening, sleep(5_000)]);

  const results: Result[] = [];
  for (let run = 1; run <= RUNS; run++) {
    for (const n of SUBSCRIBERS) results.push(await bench.measure(n, run));
  }
  await load.stop();
  bench.monitor.drop();

  console.log(`machine: ${machine}`);
  console.log(
    `trade load: ~${RATE} trades/s on ${MARKET} (${load.levels} per cycle), windows of ${SECONDS} s, ${SLOW} slow readers for ${SLOW_SECONDS} s, ${CLIENTS} subscriber processes`,
  );
  printResults(results);
  console.log(
    JSON.stringify(
      results.map(({ loaded, slowWindow, ...r }) => ({
        ...r,
        loaded: { ...loaded, latency: undefined },
        slow: slowWindow?.slow,
      })),
    ),
  );
}

/** The bench's own connections, closed before the scratch database is dropped. */
let nc: NatsConnection | null = null;
let benchDb: pg.Client | null = null;

async function waitReady(port: number) {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      /* not up yet */
    }
    if (i > 150) throw new Error(`API on ${port} did not become ready`);
    await sleep(200);
  }
}

/** The scratch database, streams and Redis keys go away with the run. */
async function dropScratch() {
  await nc?.close().catch(() => {});
  await benchDb?.end().catch(() => {});
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await admin.end();
  const cleanup = await connect({ servers: NATS_URL });
  await deleteStreams(cleanup, busNames(namespace));
  await cleanup.close();
  const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
}

let cleaningUp = false;
async function cleanUpAndExit(code: number) {
  if (cleaningUp) return;
  cleaningUp = true;
  await stopAll();
  await dropScratch().catch((error: unknown) => log(`cleanup: ${(error as Error).message}`));
  process.exit(code);
}

const role = process.env.BENCH_SUBSCRIPTIONS_ROLE;
if (role === "client") runSubscriberProcess();
else if (role === "peer") runPeerProcess();
else {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping and dropping the scratch database`);
      void cleanUpAndExit(130);
    });
  }
  void main().then(
    () => cleanUpAndExit(0),
    (error: unknown) => {
      console.error(error);
      return cleanUpAndExit(1);
    },
  );
}
