import type {
  OrderSide,
  OrderType,
  SelfTradePrevention,
  TimeInForce,
} from "../domain/order-kinds.ts";
import type { MarketStatus } from "../domain/market-status.ts";
import type { Candle, PublicTrade, Ticker } from "../marketdata/types.ts";
import type { MatcherEvent } from "../matcher/index.ts";

/**
 * Every NATS stream, subject and payload, declared once. Names carry the deployment's namespace
 * (config.namespace), so test runs and deployments never share a stream or a subject.
 */
export function busNames(namespace: string): BusNames {
  return madeOnce(namesByNamespace, namespace, namesOf);
}

/**
 * One `busNames` / `busSubjects` per namespace, made on first use: the order path asks for them
 * per order and per message, and making them (a dozen closures each) was 1 % of the API's CPU.
 */
const namesByNamespace = new Map<string, BusNames>();
const subjectsByNamespace = new Map<string, BusSubjects>();

function madeOnce<T>(made: Map<string, T>, namespace: string, make: (namespace: string) => T): T {
  let value = made.get(namespace);
  if (value === undefined) {
    if (made.size >= 64) made.clear(); // a process uses one; test runs use a few each
    made.set(namespace, (value = make(namespace)));
  }
  return value;
}

function namesOf(namespace: string) {
  return {
    commandStream: `${namespace}_COMMANDS`,
    eventStream: `${namespace}_EVENTS`,
    leaseBucket: `${namespace}_matcher_leases`,
    commandSubject: (market: string) => `${namespace}.cmd.${market}`,
    allCommands: `${namespace}.cmd.>`,
    eventSubject: (market: string) => `${namespace}.evt.${market}`,
    allEvents: `${namespace}.evt.>`,
    /** Core NATS (not persisted) for subscriptions: a market's book diffs and trades, per batch. */
    bookUpdateSubject: (market: string) => `${namespace}.live.book.${market}`,
    /** A market's bars of one interval as they change (marketdata/types.ts Candle). */
    candleSubject: (market: string, interval: string) =>
      `${namespace}.live.candles.${market}.${interval}`,
    /** A market's 24 h ticker each time market data recomputes it (marketdata/types.ts Ticker). */
    tickerSubject: (market: string) => `${namespace}.live.ticker.${market}`,
    /** What changed for one user (UserUpdateMessage). */
    userSubject: (userId: string) => `${namespace}.live.user.${userId}`,
    /** Core NATS: credentials that stopped working (CredentialsRevokedMessage), to every API. */
    credentialsRevokedSubject: `${namespace}.auth.revoked`,
    /** Core NATS: market rows changed (MarketsChangedMessage); every process reloads its markets. */
    marketsChangedSubject: `${namespace}.markets.changed`,
    /** Core NATS: outbox rows were committed (OutboxWrittenMessage); the relay wakes at once. */
    outboxWrittenSubject: `${namespace}.outbox.written`,
  };
}
export type BusNames = ReturnType<typeof namesOf>;

/** A place command: the order as the matcher needs it, in integer ticks and lots. */
export interface PlaceOrderMessage {
  kind: "place";
  orderId: string;
  userId: string;
  side: OrderSide;
  type: OrderType;
  timeInForce: TimeInForce;
  /** LIMIT only. */
  priceTicks?: number;
  /** LIMIT and MARKET SELL. */
  lots?: number;
  /** MARKET BUY: budget in tick × lot quote units. */
  quoteBudget?: number;
  postOnly: boolean;
  selfTradePrevention: SelfTradePrevention;
}

export interface CancelOrderMessage {
  kind: "cancel";
  orderId: string;
  userId: string;
}

/**
 * An operator's `setMarketStatus`: from here on in the market's command stream, new orders are
 * rejected unless the status is TRADING (cancels always work). Written to the outbox in the
 * transaction that changes `markets.status`, so it is sequenced with the market's orders.
 */
export interface MarketStatusMessage {
  kind: "status";
  status: MarketStatus;
}

export type CommandMessage = PlaceOrderMessage | CancelOrderMessage | MarketStatusMessage;

/**
 * Nats-Msg-Id of an order's command: a re-send of the same command is dropped by the stream. A
 * status command's id is `status:<uuid>`, one per change (db/markets.repository.ts).
 */
export const commandMessageId = (command: PlaceOrderMessage | CancelOrderMessage) =>
  `${command.kind}:${command.orderId}`;

/**
 * What the matcher publishes per batch of commands: the events of market sequences
 * fromSeq..toSeq in order. Batches may overlap after a restart; consumers skip what they applied.
 */
export interface EventBatchMessage {
  market: string;
  fromSeq: number;
  toSeq: number;
  events: MatcherEvent[];
}

export const eventBatchMessageId = (batch: EventBatchMessage) =>
  `${batch.market}:${batch.fromSeq}-${batch.toSeq}`;

/**
 * What one batch of the matcher's commands did to a market, sent live once its events are in
 * JetStream and its book in the Redis mirror: the order-book diff (Binance's rule: absolute amounts
 * per price, "0" removes the level) and the batch's trades on the public tape. It covers market
 * sequences firstSeq..lastSeq, so a listener that sees firstSeq ≠ its last lastSeq + 1 knows it
 * missed one (and with it maybe trades) and resyncs. `snapshot` marks a whole book (a market just
 * opened by a matcher); it carries no trades.
 */
export interface BookUpdateMessage {
  market: string;
  firstSeq: number;
  lastSeq: number;
  snapshot: boolean;
  bids: [price: string, amount: string][];
  asks: [price: string, amount: string][];
  /** The batch's trades, in tape order. */
  trades: PublicTrade[];
}

/** Ids of the user's orders and the assets of the user's wallets that just changed. */
export interface UserUpdateMessage {
  orders: string[];
  assets: string[];
}

/**
 * Credentials that stopped working. Every API process closes the sockets holding them (4403)
 * and drops them from its caches. `apiKey`: one key was revoked. `sessions`: the user's session
 * tokens carrying a version below `sessionVersion` are void (a password change).
 */
export type CredentialsRevokedMessage =
  | { kind: "apiKey"; userId: string; apiKeyId: string; prefix: string }
  | { kind: "sessions"; userId: string; sessionVersion: number };

/** Market rows that changed (added, halted, new fees); every process reloads all its markets. */
export interface MarketsChangedMessage {
  markets: string[];
}

/**
 * Outbox rows committed just now: the relay publishes them at once instead of at its next poll
 * (workers/relay.worker.ts). A hint only: a lost one costs at most one poll interval.
 */
export interface OutboxWrittenMessage {
  /** How many rows the transaction wrote. */
  rows: number;
}

/**
 * What each subject carries, by the name of its `busNames` entry (immich's EventMap): publish
 * and subscribe take a `Subject<K>` and a `SubjectPayloads[K]`, and every message is checked
 * against its payload when it arrives (bus/payloads.ts). A subject added to `busNames` fails to
 * compile until it has its payload here, its builder in `busSubjects` and its decoder.
 */
export interface SubjectPayloads {
  /** JetStream <ns>_COMMANDS, written through the outbox. */
  commandSubject: CommandMessage;
  /** JetStream <ns>_EVENTS, from the matcher. */
  eventSubject: EventBatchMessage;
  bookUpdateSubject: BookUpdateMessage;
  candleSubject: Candle;
  tickerSubject: Ticker;
  userSubject: UserUpdateMessage;
  credentialsRevokedSubject: CredentialsRevokedMessage;
  marketsChangedSubject: MarketsChangedMessage;
  outboxWrittenSubject: OutboxWrittenMessage;
}
export type SubjectName = keyof SubjectPayloads;
/** Subjects of the JetStream streams: stored, acked, replayed. */
export type StreamSubjectName = "commandSubject" | "eventSubject";
/** Subjects of core NATS: fire and forget, for whoever listens now. */
export type LiveSubjectName = Exclude<SubjectName, StreamSubjectName>;

/** A concrete subject and the name of the payload it carries. */
export interface Subject<K extends SubjectName> {
  readonly name: K;
  readonly subject: string;
}

type SubjectEntryName = Extract<keyof BusNames, `${string}Subject`>;
type TypedEntry<K> = K extends SubjectName
  ? Subject<K> | ((...args: never[]) => Subject<K>)
  : `${K & string} has no payload in SubjectPayloads`;

/** The subjects of `busNames`, each typed with its payload. */
export function busSubjects(namespace: string): BusSubjects {
  return madeOnce(subjectsByNamespace, namespace, subjectsOf);
}

type BusSubjects = ReturnType<typeof subjectsOf>;

function subjectsOf(namespace: string) {
  const names = busNames(namespace);
  const typed = <K extends SubjectName>(name: K, subject: string): Subject<K> => ({
    name,
    subject,
  });
  return {
    commandSubject: (market: string) => typed("commandSubject", names.commandSubject(market)),
    eventSubject: (market: string) => typed("eventSubject", names.eventSubject(market)),
    bookUpdateSubject: (market: string) =>
      typed("bookUpdateSubject", names.bookUpdateSubject(market)),
    candleSubject: (market: string, interval: string) =>
      typed("candleSubject", names.candleSubject(market, interval)),
    tickerSubject: (market: string) => typed("tickerSubject", names.tickerSubject(market)),
    userSubject: (userId: string) => typed("userSubject", names.userSubject(userId)),
    credentialsRevokedSubject: typed("credentialsRevokedSubject", names.credentialsRevokedSubject),
    marketsChangedSubject: typed("marketsChangedSubject", names.marketsChangedSubject),
    outboxWrittenSubject: typed("outboxWrittenSubject", names.outboxWrittenSubject),
  } satisfies { [K in SubjectEntryName]: TypedEntry<K> };
}
