export { graphql } from "./generated/index.ts";
export * from "./http.ts";
export * from "./operations.ts";
export * from "./ws.ts";
