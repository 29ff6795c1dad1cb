import type { CancelOrderMessage, CommandMessage, PlaceOrderMessage } from "../../bus/subjects.ts";
import { assertNever } from "../../kernel/assert-never.ts";
import type { Command, EventSink, OrderBook, OrderCommand } from "../../matcher/index.ts";

/**
 * Applies one bus command to the book at the next market sequence and the given time: an order's
 * command through the core's `execute`, a status command through `setStatus` (no sequence, no
 * event: its place in the command stream orders it, and the snapshot keeps it).
 */
export function applyCommand(
  message: CommandMessage,
  ts: number,
  book: OrderBook,
  sink: EventSink,
): void {
  switch (message.kind) {
    case "status":
      book.setStatus(message.status);
      return;
    case "place":
    case "cancel": {
      const command = toCoreCommand(message, book.seq + 1, ts, book);
      if (command) book.execute(command, sink);
      return;
    }
    default:
      return assertNever(message);
  }
}

/** An order's bus message as a core command at the given market sequence and time. */
export function toCoreCommand(
  message: PlaceOrderMessage | CancelOrderMessage,
  seq: number,
  ts: number,
  book: OrderBook,
): Command | null {
  switch (message.kind) {
    case "cancel": {
      const resting = book.getOrder(message.orderId);
      // Only the owner may cancel; the API checks too, this keeps the matcher honest on its own.
      if (resting && resting.userId !== message.userId) return null;
      return { type: "cancel", seq, ts, orderId: message.orderId };
    }
    case "place":
      return toOrderCommand(message, seq, ts);
    default:
      return assertNever(message);
  }
}

function toOrderCommand(message: PlaceOrderMessage, seq: number, ts: number): OrderCommand {
  const common = {
    seq,
    ts,
    orderId: message.orderId,
    userId: message.userId,
    selfTradePrevention: message.selfTradePrevention,
  };
  switch (message.type) {
    case "LIMIT":
      return {
        ...common,
        type: "limit",
        side: message.side,
        priceTicks: message.priceTicks ?? 0,
        lots: message.lots ?? 0,
        timeInForce: message.timeInForce,
        postOnly: message.postOnly,
      };
    case "MARKET":
      switch (message.side) {
        case "BUY":
          return { ...common, type: "market", side: "BUY", quoteBudget: message.quoteBudget ?? 0 };
        case "SELL":
          return { ...common, type: "market", side: "SELL", lots: message.lots ?? 0 };
        default:
          return assertNever(message.side);
      }
    default:
      return assertNever(message.type);
  }
}
