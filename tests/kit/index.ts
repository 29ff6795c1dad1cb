/**
 * The test kit: a real API or a whole exchange, users with funds and keys, orders, markets,
 * polling. Documents come typed from client/ (`graphql()`, `npm run codegen`).
 */
export * from "./api.ts";
export * from "./exchange.ts";
export * from "./markets.ts";
export * from "./metrics.ts";
export * from "./orders.ts";
export * from "./sockets.ts";
export * from "./users.ts";
export * from "./wait.ts";
