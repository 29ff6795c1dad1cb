export { graphql } from "./generated/index.ts";
export * from "./http.ts";
export * from "./operations.ts";
export * from "./market-data.ts";
export * from "./ws.ts";
export * from "./errors.ts";
export * from "./exchange-client.ts";
export * from "./order-book.ts";
