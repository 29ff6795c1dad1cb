export { OrderBook, DEFAULT_MAX_LOTS, DEFAULT_MAX_PRICE_TICKS } from "./order-book.ts";
export { ErrorCode, errorName, SnapshotError } from "./errors.ts";
export type { ErrorName, MatcherError } from "./errors.ts";
export type * from "./events.ts";
export type * from "./types.ts";
export { SNAPSHOT_VERSION } from "./snapshot.ts";
export type { BookSnapshot, SnapshotOrder } from "./snapshot.ts";
