import type { WebSocket } from "ws";

/** A socket told to close that has not finished the close handshake by then is cut. */
const CLOSE_GRACE_MS = 1_000;

/**
 * Close code for a subscriber whose unsent data passed its bound (`WS_MAX_BUFFERED_BYTES`) or
 * whose queue of events overflowed (SLOW_CONSUMER): reconnect and subscribe again.
 */
export const SLOW_CONSUMER_CLOSE = 4413;

/** Closes a subscriber over its bound with 4413, SLOW_CONSUMER's message and a long grace. */
export function closeSlowConsumer(socket: WebSocket, reason: string): void {
  closeSocket(socket, SLOW_CONSUMER_CLOSE, reason, SLOW_CONSUMER_GRACE_MS);
}

/**
 * A slow consumer's close frame waits behind what it has not read yet (at most the bound and one
 * frame): it gets this long to read up to it and see why it was closed.
 */
export const SLOW_CONSUMER_GRACE_MS = 10_000;

/**
 * Closes with `code` and `reason` (cut to the protocol's 123 bytes); a peer that does not
 * finish the close handshake within `graceMs` is cut off, so nothing outlives the close.
 */
export function closeSocket(
  socket: WebSocket,
  code: number,
  reason: string,
  graceMs = CLOSE_GRACE_MS,
): void {
  if (socket.readyState === socket.CLOSED || socket.readyState === socket.CLOSING) return;
  let short = reason;
  while (Buffer.byteLength(short) > 123) short = short.slice(0, -1);
  socket.close(code, short);
  const cut = setTimeout(() => socket.terminate(), graceMs);
  cut.unref();
  socket.once("close", () => clearTimeout(cut));
}
