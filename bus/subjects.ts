import type { MatcherEvent } from "../matcher/index.ts";

/**
 * Every NATS stream, subject and payload, declared once. Names carry the deployment's namespace
 * (config.namespace), so test runs and deployments never share a stream or a subject.
 */
export function busNames(namespace: string) {
  return {
    commandStream: `${namespace}_COMMANDS`,
    eventStream: `${namespace}_EVENTS`,
    leaseBucket: `${namespace}_matcher_leases`,
    commandSubject: (market: string) => `${namespace}.cmd.${market}`,
    allCommands: `${namespace}.cmd.>`,
    eventSubject: (market: string) => `${namespace}.evt.${market}`,
    allEvents: `${namespace}.evt.>`,
    /** Core NATS (not persisted): live order-book diffs for subscriptions. */
    bookUpdateSubject: (market: string) => `${namespace}.live.book.${market}`,
  };
}
export type BusNames = ReturnType<typeof busNames>;

/** A place command: the order as the matcher needs it, in integer ticks and lots. */
export interface PlaceOrderMessage {
  kind: "place";
  orderId: string;
  userId: string;
  side: "BUY" | "SELL";
  type: "LIMIT" | "MARKET";
  timeInForce: "GTC" | "IOC" | "FOK";
  /** LIMIT only. */
  priceTicks?: number;
  /** LIMIT and MARKET SELL. */
  lots?: number;
  /** MARKET BUY: budget in tick × lot quote units. */
  quoteBudget?: number;
  postOnly: boolean;
  selfTradePrevention: "EXPIRE_TAKER" | "EXPIRE_MAKER" | "EXPIRE_BOTH" | "NONE";
}

export interface CancelOrderMessage {
  kind: "cancel";
  orderId: string;
  userId: string;
}

export type CommandMessage = PlaceOrderMessage | CancelOrderMessage;

/** Nats-Msg-Id of a command: a re-send of the same command is dropped by the stream. */
export const commandMessageId = (command: CommandMessage) => `${command.kind}:${command.orderId}`;

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

/** Live order-book diff (Binance rule: absolute quantities, 0 removes the level). */
export interface BookUpdateMessage {
  market: string;
  firstSeq: number;
  lastSeq: number;
  bids: [priceTicks: number, lots: number][];
  asks: [priceTicks: number, lots: number][];
}
