import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { DomainError } from "../kernel/errors.ts";

type Resolver = (parent: unknown, args: unknown, ctx: unknown, info: GraphQLResolveInfo) => unknown;

const isPromiseLike = (value: unknown): value is PromiseLike<unknown> =>
  typeof (value as PromiseLike<unknown> | null)?.then === "function";

/**
 * A refusal (a DomainError) as graphql-js would report it at `info`'s path (and `index`, for an
 * entry of a list), built without a stack. graphql-js wraps every error a resolver throws in a new
 * GraphQLError, which captures a stack of its own and formats it through the source maps tsx
 * installs: about 60 µs per refusal, a tenth of the API's CPU under bench:e2e's load (cancels of
 * orders that had just filled). It takes a GraphQLError that already carries its path as it is,
 * so this one reaches the client unchanged: same message, locations, path and, through
 * `originalError`, the same `extensions`. Anything else (a fault) is left to graphql-js, stack and
 * all.
 */
export function locatedRefusal(error: unknown, info: GraphQLResolveInfo, index?: number): unknown {
  if (!(error instanceof DomainError)) return error;
  const path: (string | number)[] = [];
  for (let p: GraphQLResolveInfo["path"] | undefined = info.path; p; p = p.prev)
    path.unshift(p.key);
  if (index !== undefined) path.push(index);
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(error.message, { nodes: info.fieldNodes, path, originalError: error });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

/**
 * `resolve` with its refusals located by `locatedRefusal`: thrown, rejected, or (for a list of
 * promises, as `placeOrders` and `cancelOrders` answer) rejected by one entry.
 */
export function withLocatedRefusals<R>(resolve: R): R {
  const inner = resolve as Resolver;
  const wrapped: Resolver = (parent, args, ctx, info) => {
    let result: unknown;
    try {
      result = inner(parent, args, ctx, info);
    } catch (error) {
      throw locatedRefusal(error, info);
    }
    if (isPromiseLike(result)) {
      return result.then(undefined, (error: unknown) => {
        throw locatedRefusal(error, info);
      });
    }
    if (Array.isArray(result)) {
      return result.map((entry: unknown, i) =>
        isPromiseLike(entry)
          ? entry.then(undefined, (error: unknown) => {
              throw locatedRefusal(error, info, i);
            })
          : entry,
      );
    }
    return result;
  };
  return wrapped as R;
}
