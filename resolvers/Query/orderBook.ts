import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { orderBook as readOrderBook } from "../../services/order-book.service.ts";

/** Public, and read from Redis alone so it is served while PostgreSQL is down. */
export const orderBook: QueryResolvers["orderBook"] = (_parent, { market, depth }, ctx) =>
  readOrderBook(ctx.deps, market, depth);
