import type { Log } from "../kernel/log.ts";
import { assertNever } from "../kernel/assert-never.ts";
import type { Candle, PublicTrade, Ticker } from "../marketdata/types.ts";
import {
  isMarketStatus,
  isSelfTradePrevention,
  isSide,
  isTimeInForce,
} from "../matcher/closed-sets.ts";
import {
  ErrorCode,
  type CommandType,
  type ExpireReason,
  type MatcherEvent,
  type MatcherEventType,
} from "../matcher/index.ts";
import type {
  BookUpdateMessage,
  CommandMessage,
  CredentialsRevokedMessage,
  EventBatchMessage,
  MarketsChangedMessage,
  OutboxWrittenMessage,
  PlaceOrderMessage,
  SubjectName,
  SubjectPayloads,
  UserUpdateMessage,
} from "./subjects.ts";

/*
 * Every message is checked here when it arrives, against the payload its subject carries
 * (SubjectPayloads): each decoder builds the payload field by field, so the compiler checks it
 * against the declared type and nothing unread passes through. A message that is not one is
 * logged and skipped — never cast.
 */

/** A message that is not the payload its subject carries; the message names the first bad field. */
export class MalformedPayload extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MalformedPayload";
  }
}

type Decoder<T> = (value: unknown, path: string) => T;

const decoders: { [K in SubjectName]: Decoder<SubjectPayloads[K]> } = {
  commandSubject: commandMessage,
  eventSubject: eventBatchMessage,
  bookUpdateSubject: bookUpdateMessage,
  candleSubject: candle,
  tickerSubject: ticker,
  userSubject: userUpdateMessage,
  credentialsRevokedSubject: credentialsRevokedMessage,
  marketsChangedSubject: marketsChangedMessage,
  outboxWrittenSubject: outboxWrittenMessage,
};

/** A parsed JSON value as the payload of subject `name`; throws MalformedPayload if it is not. */
export function decodePayload<K extends SubjectName>(name: K, value: unknown): SubjectPayloads[K] {
  return decoders[name](value, name);
}

/**
 * The payload of a message received on a subject named `name`, or undefined — with a warning in
 * the log — when its data is not JSON of that payload.
 */
export function receivePayload<K extends SubjectName>(
  log: Log,
  name: K,
  message: { subject: string; string(): string },
): SubjectPayloads[K] | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message.string());
  } catch {
    log.warn("malformed bus message skipped", { subject: message.subject, error: "not JSON" });
    return undefined;
  }
  return checkPayload(log, name, value, { subject: message.subject });
}

/**
 * A parsed JSON value (a message's, or an outbox row's) as the payload of `name`, or undefined
 * — with a warning in the log, naming `where` it came from — when it is not one.
 */
export function checkPayload<K extends SubjectName>(
  log: Log,
  name: K,
  value: unknown,
  where: Record<string, unknown>,
): SubjectPayloads[K] | undefined {
  try {
    return decodePayload(name, value);
  } catch (error) {
    if (!(error instanceof MalformedPayload)) throw error;
    log.warn("malformed bus message skipped", { ...where, error: error.message });
    return undefined;
  }
}

// ---------------------------------------------------------------------------------- payloads

function commandMessage(value: unknown, path: string): CommandMessage {
  const f = new Fields(value, path);
  const kind = f.member("kind", isCommandKind);
  switch (kind) {
    case "cancel":
      return { kind, orderId: f.string("orderId"), userId: f.string("userId") };
    case "status":
      return { kind, status: f.member("status", isMarketStatus) };
    case "place":
      return {
        kind,
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        type: f.member("type", isPlaceOrderType),
        timeInForce: f.member("timeInForce", isTimeInForce),
        priceTicks: f.optionalNumber("priceTicks"),
        lots: f.optionalNumber("lots"),
        quoteBudget: f.optionalNumber("quoteBudget"),
        postOnly: f.boolean("postOnly"),
        selfTradePrevention: f.member("selfTradePrevention", isSelfTradePrevention),
      };
    default:
      return assertNever(kind);
  }
}

function eventBatchMessage(value: unknown, path: string): EventBatchMessage {
  const f = new Fields(value, path);
  return {
    market: f.string("market"),
    fromSeq: f.number("fromSeq"),
    toSeq: f.number("toSeq"),
    events: f.list("events", matcherEvent),
  };
}

function matcherEvent(value: unknown, path: string): MatcherEvent {
  // Written out per type, with no closures or spreads, though the shared fields repeat: this runs
  // for every event settlement, market data and the API take. Helper closures (named one by one
  // at each call by the TypeScript loader) made decoding cost 12× the JSON parse; spreading
  // shared-field objects into each case still cost 4× what this does (40-event messages).
  const f = new Fields(value, path);
  const type = f.member("type", isMatcherEventType);
  switch (type) {
    case "accepted":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        type,
        orderType: f.member("orderType", isPlaceOrderType),
        timeInForce: f.member("timeInForce", isTimeInForce),
        priceTicks: f.number("priceTicks"),
        lots: f.number("lots"),
        quoteBudget: f.number("quoteBudget"),
        postOnly: f.boolean("postOnly"),
        selfTradePrevention: f.member("selfTradePrevention", isSelfTradePrevention),
      };
    case "rested":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        filledLots: f.number("filledLots"),
        filledQuote: f.number("filledQuote"),
        type,
        priceTicks: f.number("priceTicks"),
        remainingLots: f.number("remainingLots"),
      };
    case "trade":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        type,
        matchIndex: f.number("matchIndex"),
        makerOrderId: f.string("makerOrderId"),
        takerOrderId: f.string("takerOrderId"),
        makerUserId: f.string("makerUserId"),
        takerUserId: f.string("takerUserId"),
        takerSide: f.member("takerSide", isSide),
        priceTicks: f.number("priceTicks"),
        lots: f.number("lots"),
        quote: f.number("quote"),
        makerRemainingLots: f.number("makerRemainingLots"),
      };
    case "filled":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        filledLots: f.number("filledLots"),
        filledQuote: f.number("filledQuote"),
        type,
      };
    case "cancelled":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        filledLots: f.number("filledLots"),
        filledQuote: f.number("filledQuote"),
        type,
        priceTicks: f.number("priceTicks"),
        remainingLots: f.number("remainingLots"),
      };
    case "expired":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        filledLots: f.number("filledLots"),
        filledQuote: f.number("filledQuote"),
        type,
        reason: f.member("reason", isExpireReason),
        remainingLots: f.number("remainingLots"),
        unspentQuote: f.number("unspentQuote"),
      };
    case "amended":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        orderId: f.string("orderId"),
        userId: f.string("userId"),
        side: f.member("side", isSide),
        type,
        oldPriceTicks: f.number("oldPriceTicks"),
        priceTicks: f.number("priceTicks"),
        oldRemainingLots: f.number("oldRemainingLots"),
        remainingLots: f.number("remainingLots"),
        amountLots: f.number("amountLots"),
        priorityKept: f.boolean("priorityKept"),
      };
    case "rejected":
      return {
        seq: f.number("seq"),
        ts: f.number("ts"),
        type,
        command: f.member("command", isRejectedCommand),
        orderId: f.string("orderId"),
        code: f.member("code", isErrorCode),
        message: f.string("message"),
      };
    default:
      return assertNever(type);
  }
}

function bookUpdateMessage(value: unknown, path: string): BookUpdateMessage {
  const f = new Fields(value, path);
  return {
    market: f.string("market"),
    firstSeq: f.number("firstSeq"),
    lastSeq: f.number("lastSeq"),
    snapshot: f.boolean("snapshot"),
    bids: f.list("bids", priceLevel),
    asks: f.list("asks", priceLevel),
    trades: f.list("trades", publicTrade),
  };
}

function priceLevel(value: unknown, path: string): [price: string, amount: string] {
  if (!Array.isArray(value) || value.length !== 2) throw wrong(path, "a [price, amount] pair");
  const pair: readonly unknown[] = value;
  const [price, amount] = pair;
  if (typeof price !== "string") throw wrong(`${path}[0]`, "a string");
  if (typeof amount !== "string") throw wrong(`${path}[1]`, "a string");
  return [price, amount];
}

function publicTrade(value: unknown, path: string): PublicTrade {
  const f = new Fields(value, path);
  return {
    id: f.string("id"),
    market: f.string("market"),
    sequence: f.string("sequence"),
    price: f.string("price"),
    amount: f.string("amount"),
    quoteAmount: f.string("quoteAmount"),
    takerSide: f.member("takerSide", isSide),
    executedAt: f.string("executedAt"),
  };
}

function candle(value: unknown, path: string): Candle {
  const f = new Fields(value, path);
  return {
    timestamp: f.string("timestamp"),
    open: f.string("open"),
    high: f.string("high"),
    low: f.string("low"),
    close: f.string("close"),
    volume: f.string("volume"),
    quoteAssetVolume: f.string("quoteAssetVolume"),
    numberOfTrades: f.number("numberOfTrades"),
  };
}

function ticker(value: unknown, path: string): Ticker {
  const f = new Fields(value, path);
  return {
    market: f.string("market"),
    open: f.optionalString("open"),
    high: f.optionalString("high"),
    low: f.optionalString("low"),
    last: f.optionalString("last"),
    volume: f.string("volume"),
    quoteVolume: f.string("quoteVolume"),
    change: f.optionalString("change"),
    changePercent: f.optionalString("changePercent"),
    numberOfTrades: f.number("numberOfTrades"),
    openTime: f.string("openTime"),
    closeTime: f.string("closeTime"),
    stale: f.boolean("stale"),
  };
}

function userUpdateMessage(value: unknown, path: string): UserUpdateMessage {
  const f = new Fields(value, path);
  return { orders: f.list("orders", string), assets: f.list("assets", string) };
}

function credentialsRevokedMessage(value: unknown, path: string): CredentialsRevokedMessage {
  const f = new Fields(value, path);
  const kind = f.member("kind", isRevocationKind);
  switch (kind) {
    case "apiKey":
      return {
        kind,
        userId: f.string("userId"),
        apiKeyId: f.string("apiKeyId"),
        prefix: f.string("prefix"),
      };
    case "sessions":
      return { kind, userId: f.string("userId"), sessionVersion: f.number("sessionVersion") };
    default:
      return assertNever(kind);
  }
}

function marketsChangedMessage(value: unknown, path: string): MarketsChangedMessage {
  return { markets: new Fields(value, path).list("markets", string) };
}

function outboxWrittenMessage(value: unknown, path: string): OutboxWrittenMessage {
  return { rows: new Fields(value, path).number("rows") };
}

// ----------------------------------------------------------------------------- closed sets

/**
 * A guard for the members of a closed set, from an object with exactly one key per member:
 * the compiler refuses the object while a member is missing or an extra key is there.
 */
function membersOf<T extends string>(members: Record<T, true>): (value: unknown) => value is T {
  return (value: unknown): value is T => typeof value === "string" && Object.hasOwn(members, value);
}

const isCommandKind = membersOf<CommandMessage["kind"]>({
  place: true,
  cancel: true,
  status: true,
});
const isPlaceOrderType = membersOf<PlaceOrderMessage["type"]>({ LIMIT: true, MARKET: true });
const isRevocationKind = membersOf<CredentialsRevokedMessage["kind"]>({
  apiKey: true,
  sessions: true,
});
const isMatcherEventType = membersOf<MatcherEventType>({
  accepted: true,
  rested: true,
  trade: true,
  filled: true,
  cancelled: true,
  expired: true,
  amended: true,
  rejected: true,
});
const isExpireReason = membersOf<ExpireReason>({
  IOC_REMAINDER: true,
  FOK_NOT_FILLABLE: true,
  SELF_TRADE: true,
  MARKET_NO_LIQUIDITY: true,
  MARKET_BUDGET: true,
  MAX_MAKERS: true,
});
const isRejectedCommand = membersOf<CommandType | "unknown">({
  limit: true,
  market: true,
  cancel: true,
  amend: true,
  unknown: true,
});
const errorCodes: readonly unknown[] = Object.values(ErrorCode);
function isErrorCode(value: unknown): value is ErrorCode {
  return errorCodes.includes(value);
}

// --------------------------------------------------------------------------------- reading

function wrong(path: string, expected: string): MalformedPayload {
  return new MalformedPayload(`${path} is not ${expected}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function string(value: unknown, path: string): string {
  if (typeof value !== "string") throw wrong(path, "a string");
  return value;
}

/** Typed reads of one JSON object's fields; each throws MalformedPayload naming the field. */
class Fields {
  private readonly value: Record<string, unknown>;

  constructor(
    value: unknown,
    private readonly path: string,
  ) {
    if (!isRecord(value)) throw wrong(path, "an object");
    this.value = value;
  }

  // Each read names its field (this.at) only when it throws: a path string per field read cost
  // more than the reads.
  string(key: string): string {
    const value = this.value[key];
    if (typeof value !== "string") throw wrong(this.at(key), "a string");
    return value;
  }

  /** Null (or absent) is null. */
  optionalString(key: string): string | null {
    return this.value[key] == null ? null : this.string(key);
  }

  number(key: string): number {
    const value = this.value[key];
    if (typeof value !== "number" || !Number.isFinite(value)) throw wrong(this.at(key), "a number");
    return value;
  }

  /** Absent (or null, which JSON makes of nothing else here) is undefined. */
  optionalNumber(key: string): number | undefined {
    return this.value[key] == null ? undefined : this.number(key);
  }

  boolean(key: string): boolean {
    const value = this.value[key];
    if (typeof value !== "boolean") throw wrong(this.at(key), "a boolean");
    return value;
  }

  member<T>(key: string, isMember: (value: unknown) => value is T): T {
    const value = this.value[key];
    if (!isMember(value)) throw wrong(this.at(key), "one of its closed set");
    return value;
  }

  list<T>(key: string, item: Decoder<T>): T[] {
    const value = this.value[key];
    if (!Array.isArray(value)) throw wrong(this.at(key), "a list");
    const path = this.at(key);
    return value.map((entry: unknown, i) => item(entry, `${path}[${i}]`));
  }

  private at(key: string): string {
    return `${this.path}.${key}`;
  }
}
