/**
 * Compiled execution (graphql-jit) of public market-data queries, behind Apollo Server's `gateway`
 * hook: Apollo still parses, validates (queryLimitsRule included), runs every plugin (the weight
 * charge in didResolveOperation, metrics) and formats errors; only the execution step changes.
 *
 * An operation is compiled when the read cache's classifier (readShapeOf, api/read-cache.ts)
 * calls it a public read: a query whose root fields are all among READ_FIELDS. Everything else
 * (mutations, `me`, `my*`, introspection, …) and any request whose variables graphql-js refuses
 * runs graphql-js `execute` exactly as Apollo would. Compiled queries are kept per
 * (operationName, document hash), at most `maxCompiled`, least recently used dropped first.
 *
 * Only an answer without errors is taken from graphql-jit: when a compiled run meets any error,
 * graphql-js executes the operation again and its answer (errors, null propagation) is returned.
 * Public reads change nothing, so running one twice is safe; errors there are bad input or an
 * unknown market, cheap to reach.
 */
import type { ApolloServerOptionsWithGateway } from "@apollo/server";
import {
  execute,
  getVariableValues,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";
import { readShapeOf } from "./read-cache.ts";

type GatewayInterface = ApolloServerOptionsWithGateway<never>["gateway"];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface["load"]>>["executor"]>;
type SchemaListener = Parameters<GatewayInterface["onSchemaLoadOrUpdate"]>[0];

/** Compiled documents kept by default (public clients send a handful; each holds generated code). */
export const MAX_COMPILED = 200;

/** One operation to run, as Apollo hands it over after validation. */
export interface ExecutionRequest {
  document: DocumentNode;
  /** The document's text (what the classifier reads). */
  source: string;
  /** Apollo's hash of the document text (the cache key with operationName). */
  queryHash: string;
  /** The operation name the client sent, null for none. */
  operationName: string | null;
  /** The operation Apollo resolved (its variable definitions are checked here). */
  operation: OperationDefinitionNode;
  /** Variables as the client sent them (not coerced). */
  variables: Record<string, unknown> | undefined;
  contextValue: unknown;
}

/** Counts for tests and reports. */
export interface JitStats {
  /** Documents compiled. */
  compiled: number;
  /** Operations answered by their compiled query (without an error). */
  jit: number;
  /** Operations run by graphql-js (not a public read, refused variables, a rerun, jit off). */
  plain: number;
  /** Compiled runs that met an error, answered again by graphql-js (counted in plain too). */
  rerun: number;
  /** Cache entries dropped for room. */
  evicted: number;
}

/**
 * An executor for `schema`: public reads compiled (when `jit`, default true), the rest
 * graphql-js. Returns `run` (the operation's ExecutionResult, never rejected for a field error),
 * `stats`, `enabled` (= jit) and `size` (entries held, compiled or known not to compile).
 */
export function createJitExecutor(
  schema: GraphQLSchema,
  options: { jit?: boolean; maxCompiled?: number } = {},
) {
  const jit = options.jit ?? true;
  const maxCompiled = options.maxCompiled ?? MAX_COMPILED;
  /** null: classified as not a public read, or graphql-jit refused to compile it. */
  const cache = new Map<string, CompiledQuery | null>();
  const stats: JitStats = { compiled: 0, jit: 0, plain: 0, rerun: 0, evicted: 0 };

  function compiledFor(request: ExecutionRequest): CompiledQuery | null {
    const key = `${request.operationName ?? ""}\n${request.queryHash}`;
    const known = cache.get(key);
    if (known !== undefined) {
      cache.delete(key);
      cache.set(key, known);
      return known;
    }
    let compiled: CompiledQuery | null = null;
    if (readShapeOf(request.source, request.operationName)) {
      try {
        const result = compileQuery(schema, request.document, request.operationName ?? undefined, {
          disablingCapturingStackErrors: true,
        });
        if (isCompiledQuery(result)) {
          compiled = result;
          stats.compiled += 1;
        }
      } catch {
        compiled = null;
      }
    }
    cache.set(key, compiled);
    for (const oldest of cache.keys()) {
      if (cache.size <= maxCompiled) break;
      cache.delete(oldest);
      stats.evicted += 1;
    }
    return compiled;
  }

  function plain(request: ExecutionRequest): Promise<ExecutionResult> | ExecutionResult {
    stats.plain += 1;
    return execute({
      schema,
      document: request.document,
      contextValue: request.contextValue,
      variableValues: request.variables,
      operationName: request.operationName,
    });
  }

  async function run(request: ExecutionRequest): Promise<ExecutionResult> {
    const compiled = jit ? compiledFor(request) : null;
    if (!compiled) return plain(request);
    // Refused variables: graphql-js answers them, with its own messages.
    const coerced = getVariableValues(
      schema,
      request.operation.variableDefinitions ?? [],
      request.variables ?? {},
    );
    if (coerced.errors) return plain(request);
    let result: ExecutionResult | null;
    try {
      result = await compiled.query(undefined, request.contextValue, request.variables ?? {});
    } catch {
      result = null;
    }
    if (result && !result.errors?.length) {
      stats.jit += 1;
      return { data: result.data };
    }
    // graphql-jit runs every field to the end and then trims, where graphql-js keeps the first
    // error to reach a non-null root (in time) and drops its siblings'; their errors' order and
    // number differ. Public reads change nothing, so graphql-js answers again, as it would have
    // (and so too if the compiled query itself threw).
    stats.rerun += 1;
    return plain(request);
  }

  return {
    run,
    stats,
    /** Whether public reads are compiled. */
    enabled: jit,
    get size() {
      return cache.size;
    },
  };
}

/**
 * The object Apollo Server takes as `gateway` to run operations through `executor`: it serves
 * one fixed schema (announced once, on load, with its SDL `sdl`), never updates it, and has
 * nothing to stop.
 */
export function executorGateway(
  schema: GraphQLSchema,
  sdl: string,
  executor: ReturnType<typeof createJitExecutor>,
): GatewayInterface {
  const listeners = new Set<SchemaListener>();
  const run: GatewayExecutor = (context) =>
    executor.run({
      document: context.document,
      source: context.source,
      queryHash: context.queryHash,
      operationName: context.request.operationName ?? null,
      operation: context.operation,
      variables: context.request.variables,
      contextValue: context.context,
    });
  return {
    onSchemaLoadOrUpdate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: sdl });
      return { executor: run };
    },
    async stop() {
      listeners.clear();
    },
  };
}
