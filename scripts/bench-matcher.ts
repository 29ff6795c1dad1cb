import {
  OrderBook as PeerBook,
  Side as PeerSide,
  type LimitOrderOptions as PeerLimitOptions,
} from "nodejs-order-book";
import os from "node:os";
import v8 from "node:v8";
import vm from "node:vm";
import { assertNever } from "../kernel/assert-never.ts";
import { OrderBook, type Command, type MatcherEvent, type TimeInForce } from "../matcher/index.ts";

const SEED = 20_240_601;
const STREAM_COMMANDS = 2_000_000;
const WARMUP_COMMANDS = 300_000;
const LATENCY_COMMANDS = 500_000;
const RESTING_ORDERS = 1_000_000;
const BATCH = 1_024;
const REPETITIONS = 3;

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type PeerTimeInForce = NonNullable<PeerLimitOptions["timeInForce"]>;

/**
 * The peer's TimeInForce enum is not exported from its package; its members are our own strings
 * ("GTC", "IOC", "FOK"), so the one is the other.
 */
const peerTimeInForce = (tif: TimeInForce) => tif as PeerTimeInForce;

/** What the peer is asked to do for each of our commands; market buys are sized in lots. */
type PeerOp =
  | { kind: "limit"; id: string; side: PeerSide; size: number; price: number; tif: TimeInForce }
  | { kind: "market"; side: PeerSide; size: number }
  | { kind: "cancel"; id: string };

interface Stream {
  commands: Command[];
  peer: PeerOp[];
  mix: Record<string, number>;
}

/**
 * Mostly GTC limits a few ticks from a wandering mid, some crossing, cancels of orders the
 * generator still believes live, and a few market orders.
 */
function generateStream(count: number, seed: number, idPrefix: string): Stream {
  const rand = mulberry32(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const users = Array.from({ length: 1_000 }, (_, i) => `user-${i}`);
  const commands = new Array<Command>(count);
  const peer = new Array<PeerOp>(count);
  const mix: Record<string, number> = {};
  const live: string[] = [];
  let mid = 100_000;
  for (let i = 0; i < count; i++) {
    if (int(100) < 2) mid += int(3) - 1;
    const seq = i + 1;
    const ts = 1_700_000_000_000 + (i >> 4);
    const r = int(100);
    let kind: string;
    if (r < 58) {
      const buy = int(2) === 0;
      const side = buy ? "BUY" : "SELL";
      const crossing = int(100) < 8;
      const offset = crossing ? -int(4) : 1 + Math.floor(-Math.log(1 - rand()) * 6);
      const priceTicks = buy ? mid - offset : mid + offset;
      const lots = 1 + int(100);
      const tifRoll = int(100);
      const timeInForce = tifRoll < 94 ? "GTC" : tifRoll < 97 ? "IOC" : "FOK";
      const orderId = `${idPrefix}${i}`;
      commands[i] = {
        type: "limit",
        seq,
        ts,
        orderId,
        userId: users[int(users.length)] as string,
        side,
        priceTicks,
        lots,
        timeInForce,
      };
      peer[i] = {
        kind: "limit",
        id: orderId,
        side: buy ? PeerSide.BUY : PeerSide.SELL,
        size: lots,
        price: priceTicks,
        tif: timeInForce,
      };
      if (timeInForce === "GTC") live.push(orderId);
      kind = `limit ${timeInForce}${crossing ? " crossing" : ""}`;
    } else if (r < 92 && live.length > 0) {
      const k = int(Math.min(live.length, 4_000));
      const index = live.length - 1 - k;
      const orderId = live[index] as string;
      live[index] = live[live.length - 1] as string;
      live.pop();
      commands[i] = { type: "cancel", seq, ts, orderId };
      peer[i] = { kind: "cancel", id: orderId };
      kind = "cancel";
    } else {
      const lots = 1 + int(60);
      const orderId = `${idPrefix}${i}`;
      const userId = users[int(users.length)] as string;
      if (int(2) === 0) {
        commands[i] = {
          type: "market",
          seq,
          ts,
          orderId,
          userId,
          side: "BUY",
          quoteBudget: lots * (mid + 3),
        };
        peer[i] = { kind: "market", side: PeerSide.BUY, size: lots };
        kind = "market buy";
      } else {
        commands[i] = { type: "market", seq, ts, orderId, userId, side: "SELL", lots };
        peer[i] = { kind: "market", side: PeerSide.SELL, size: lots };
        kind = "market sell";
      }
    }
    mix[kind] = (mix[kind] ?? 0) + 1;
  }
  return { commands, peer, mix };
}

function progress(label: string, done: number, total: number): void {
  if (done % 100_000 === 0 || done === total) {
    process.stderr.write(`\r${label}: ${Math.round((done / total) * 100)}%   `);
    if (done === total) process.stderr.write("\n");
  }
}

interface RunStats {
  seconds: number;
  trades: number;
  events: number;
  rejected: number;
}

/** Events go to an array drained per batch, as the matcher process publishes them. */
function runOurs(commands: Command[], label: string): RunStats {
  const book = new OrderBook({ trackChangedLevels: true });
  const sink: MatcherEvent[] = [];
  let events = 0;
  const n = commands.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += BATCH) {
    const end = Math.min(n, i + BATCH);
    for (let j = i; j < end; j++) book.execute(commands[j] as Command, sink);
    events += sink.length;
    sink.length = 0;
    book.drainChangedLevels();
    if (label !== "") progress(label, end, n);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, trades: 0, events, rejected: 0 };
}

/** Untimed: what the stream does to our book. */
function countOurs(commands: Command[]): RunStats {
  const book = new OrderBook();
  const sink: MatcherEvent[] = [];
  let trades = 0;
  let rejected = 0;
  let events = 0;
  for (const command of commands) {
    book.execute(command, sink);
    for (const event of sink) {
      if (event.type === "trade") trades++;
      else if (event.type === "rejected") rejected++;
    }
    events += sink.length;
    sink.length = 0;
  }
  return { seconds: 0, trades, events, rejected };
}

function runPeer(ops: PeerOp[], label: string): RunStats {
  const book = new PeerBook();
  let trades = 0;
  let rejected = 0;
  const n = ops.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i += BATCH) {
    const end = Math.min(n, i + BATCH);
    for (let j = i; j < end; j++) {
      const op = ops[j] as PeerOp;
      switch (op.kind) {
        case "limit": {
          const r = book.limit({
            id: op.id,
            side: op.side,
            size: op.size,
            price: op.price,
            timeInForce: peerTimeInForce(op.tif),
          });
          trades += r.done.length;
          if (r.err !== null) rejected++;
          break;
        }
        case "market": {
          const r = book.market({ side: op.side, size: op.size });
          trades += r.done.length;
          break;
        }
        case "cancel":
          if (book.cancel(op.id) === undefined) rejected++;
          break;
        default:
          assertNever(op);
      }
    }
    if (label !== "") progress(label, end, n);
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return { seconds, trades, events: 0, rejected };
}

function latencies(commands: Command[]): { p50: number; p99: number; p999: number; max: number } {
  const book = new OrderBook({ trackChangedLevels: true });
  const sink: MatcherEvent[] = [];
  const samples = new Float64Array(commands.length);
  for (let i = 0; i < commands.length; i++) {
    const t0 = process.hrtime.bigint();
    book.execute(commands[i] as Command, sink);
    samples[i] = Number(process.hrtime.bigint() - t0);
    if (sink.length > BATCH) sink.length = 0;
    progress("latency pass", i + 1, commands.length);
  }
  samples.sort();
  const at = (q: number) =>
    (samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0) / 1_000;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999), max: at(1) };
}

function memoryWithRestingOrders(count: number) {
  gc();
  gc();
  const before = process.memoryUsage();
  const book = new OrderBook();
  const sink = { push: (_event: MatcherEvent) => 0 };
  const rand = mulberry32(SEED + 7);
  for (let i = 0; i < count; i++) {
    const buy = (i & 1) === 0;
    const offset = 1 + Math.floor(rand() * 5_000);
    book.execute(
      {
        type: "limit",
        seq: i + 1,
        ts: 0,
        orderId: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
        userId: `00000000-0000-4000-9000-${String(i % 10_000).padStart(12, "0")}`,
        side: buy ? "BUY" : "SELL",
        priceTicks: buy ? 100_000 - offset : 100_000 + offset,
        lots: 1 + Math.floor(rand() * 100),
      },
      sink,
    );
    progress("1M resting orders", i + 1, count);
  }
  gc();
  gc();
  const after = process.memoryUsage();
  const resting = book.orderCount;
  const mb = (bytes: number) => Math.round((bytes / 1_048_576) * 10) / 10;
  return {
    resting,
    rssMB: mb(after.rss),
    rssDeltaMB: mb(after.rss - before.rss),
    heapDeltaMB: mb(after.heapUsed - before.heapUsed),
    bytesPerOrder: Math.round((after.heapUsed - before.heapUsed) / resting),
  };
}

const cpu = os.cpus()[0]?.model ?? "unknown cpu";
const machine = `${cpu.trim()}, ${os.cpus().length} cores, node ${process.version}`;
console.log(`machine: ${machine}`);

process.stderr.write("generating streams...\n");
const EMPTY_STREAM: Stream = { commands: [], peer: [], mix: {} };
let warm = generateStream(WARMUP_COMMANDS, SEED + 1, "w");
let main = generateStream(STREAM_COMMANDS, SEED, "o");
console.log(`stream: ${STREAM_COMMANDS.toLocaleString("en")} commands, seed ${SEED}`);
for (const [kind, n] of Object.entries(main.mix).sort((a, b) => b[1] - a[1])) {
  console.log(`  ${kind.padEnd(20)} ${((n / STREAM_COMMANDS) * 100).toFixed(1)}%`);
}

for (let round = 0; round < 2; round++) {
  runOurs(warm.commands, `warm-up eventhub ${round + 1}`);
  runPeer(warm.peer, `warm-up nodejs-order-book ${round + 1}`);
}
// The machine may be shared: interleave repetitions and take each engine's median.
const ourRuns: RunStats[] = [];
const peerRuns: RunStats[] = [];
for (let round = 0; round < REPETITIONS; round++) {
  gc();
  ourRuns.push(runOurs(main.commands, `eventhub matcher ${round + 1}/${REPETITIONS}`));
  gc();
  peerRuns.push(runPeer(main.peer, `nodejs-order-book ${round + 1}/${REPETITIONS}`));
}
const median = (runs: RunStats[]) =>
  [...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)] as RunStats;
const ours = median(ourRuns);
const peer = median(peerRuns);
const counts = countOurs(main.commands);

const rate = (run: RunStats) => Math.round(STREAM_COMMANDS / run.seconds);
const ordersPerSec = rate(ours);
const peerOrdersPerSec = rate(peer);
const ratio = Math.round((ordersPerSec / peerOrdersPerSec) * 100) / 100;
const list = (runs: RunStats[]) => runs.map((r) => rate(r).toLocaleString("en")).join(", ");
console.log(
  `eventhub matcher:  ${ordersPerSec.toLocaleString("en")} commands/s median of [${list(ourRuns)}] ` +
    `(${counts.trades.toLocaleString("en")} trades, ${counts.events.toLocaleString("en")} events, ` +
    `${counts.rejected.toLocaleString("en")} rejected)`,
);
console.log(
  `nodejs-order-book: ${peerOrdersPerSec.toLocaleString("en")} commands/s median of [${list(peerRuns)}] ` +
    `(${peer.trades.toLocaleString("en")} orders done, ${peer.rejected.toLocaleString("en")} errors/not found)`,
);
console.log(`ratio: ${ratio}×`);

gc();
const lat = latencies(main.commands.slice(0, LATENCY_COMMANDS));
const r2 = (x: number) => Math.round(x * 100) / 100;
console.log(
  `latency per command over ${LATENCY_COMMANDS.toLocaleString("en")} (µs): ` +
    `p50 ${r2(lat.p50)}, p99 ${r2(lat.p99)}, p99.9 ${r2(lat.p999)}, max ${r2(lat.max)}`,
);

main = warm = EMPTY_STREAM;
const mem = memoryWithRestingOrders(RESTING_ORDERS);
console.log(
  `memory with ${mem.resting.toLocaleString("en")} resting orders: RSS ${mem.rssMB} MB ` +
    `(+${mem.rssDeltaMB} MB), heap +${mem.heapDeltaMB} MB (${mem.bytesPerOrder} B/order)`,
);

console.log(
  JSON.stringify({
    ordersPerSec,
    peerOrdersPerSec,
    ratio,
    p50us: r2(lat.p50),
    p99us: r2(lat.p99),
    p999us: r2(lat.p999),
    rssMBAt1MResting: mem.rssMB,
    heapDeltaMBAt1MResting: mem.heapDeltaMB,
    machine,
  }),
);
