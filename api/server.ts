import { ApolloServer, HeaderMap, type GraphQLRequestContext } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import {
  GraphQLError,
  getOperationAST,
  OperationTypeNode,
  parse,
  printSchema,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { checkReadiness, type Dependencies } from "../kernel/dependencies.ts";
import { DomainError, ErrorCode, isUnavailable } from "../kernel/errors.ts";
import { writeMetrics } from "../kernel/metrics.ts";
import { authenticate } from "../services/auth.service.ts";
import type { SignatureProof } from "../services/signed-requests.ts";
import { SETTLEMENT_CONSUMER } from "../services/settlement.ts";
import type { RequestContext } from "./context.ts";
import { clientAddress } from "./client-address.ts";
import { applyCors } from "./cors.ts";
import { buildGraphiql } from "./graphiql/build.ts";
import { loadWebAssets } from "../web/build.ts";
import { queryLimitsRule } from "./limits.ts";
import { countingErrors, countResponses, metricsPlugin } from "./metrics.ts";
import {
  jsonNestsDeeper,
  PARSE_OPTIONS,
  readsOnlySchema,
  REQUEST_LIMITS,
  screenRequest,
  tooDeeplyNested,
  type Refusal,
} from "./request-guard.ts";
import type { SharedFeeds } from "./live-fanout.ts";
import { attachSubscriptions } from "./websocket.ts";
import { serveMcp, type McpHost } from "../mcp/http.ts";
import { claimOnce } from "../services/rate-limit.ts";
import { signatureRefused } from "../services/signed-requests.ts";
import { chargeOperation, RATE_LIMIT_HEADERS } from "./request-weight.ts";
import {
  followMarketEvents,
  memoisedShapes,
  ReadCache,
  readRequestOf,
  type ReadEntry,
  type ReadRequest,
  type ReadSnapshot,
} from "./read-cache.ts";
import type { Auth } from "../services/caller.ts";
import { marketDataFallbacks } from "../services/marketdata.service.ts";
import { marketsOf } from "../services/markets.provider.ts";
import { chargeRequestWeight, operationWeight, tightest } from "../services/request-weight.ts";
import { createJitExecutor, executorGateway } from "./jit-executor.ts";

/** Bodies beyond the limit are still read (and dropped) up to this much, so the 413 arrives. */
const DRAIN_BYTES = 16 << 20;
const PUBLIC_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "OPERATION_RESOLUTION_FAILURE",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
]);

/**
 * Errors leave the server with a code and nothing else of ours: no stack, no file path, no SQL.
 * This is the one place a DomainError becomes a GraphQL error: its message, and `extensions` of
 * its details and code. Anything unexpected is masked as INTERNAL_SERVER_ERROR in every mode and
 * logged (redacted).
 */
export function errorFormatter(deps: Dependencies) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = (error as { originalError?: unknown } | null)?.originalError ?? error;
    if (original instanceof DomainError) {
      formatted = {
        ...formatted,
        message: original.message,
        extensions: { ...original.details, code: original.code },
      };
    }
    // Apollo re-labels validation and variable errors; keep the code our own code gave them
    // (QUERY_TOO_COMPLEX from the limits rule, BAD_USER_INPUT from a scalar).
    const ownCode = (original as { extensions?: { code?: unknown } } | null)?.extensions?.code;
    if (ownCode === ErrorCode.QUERY_TOO_COMPLEX || ownCode === ErrorCode.BAD_USER_INPUT) {
      formatted = { ...formatted, extensions: { ...formatted.extensions, code: ownCode } };
    }
    const code = formatted.extensions?.code as string | undefined;
    if (isUnavailable(original) || isUnavailable((original as { cause?: unknown })?.cause)) {
      return {
        message: "A store this operation needs is unavailable; nothing was changed, retry later",
        path: formatted.path,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    if (code && code !== ErrorCode.INTERNAL_SERVER_ERROR && PUBLIC_CODES.has(code)) {
      const {
        stacktrace: _hidden,
        exception: _alsoHidden,
        ...extensions
      } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    deps.log.error("unexpected error", { error: original, path: formatted.path });
    return {
      message: "Internal server error",
      path: formatted.path,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * The API's transport for an executable schema (resolvers/schema.ts builds EventHub's): Apollo
 * Server on plain `http`, graphql-ws on the same port and path, GraphiQL, the trading page at `/`
 * (web/, with its hashed `/assets/…`), `/healthz`, `/readyz`,
 * `/metrics` (kernel/metrics.ts).
 * Every request is screened (request-guard.ts) before graphql parses it and authenticated into a
 * RequestContext. `listen` returns the port bound; `stop` drains requests and sockets.
 */
export async function createApiServer(
  deps: Dependencies,
  schema: GraphQLSchema,
  options: {
    sharedFeeds?: SharedFeeds;
    /** Public market-data reads executed by graphql-jit (api/jit-executor.ts); default on. */
    jit?: boolean;
  } = {},
) {
  const graphiql = await buildGraphiql();
  /** The trading page (web/), built by Vite only when a source is newer than .cache/web. */
  const web = await loadWebAssets((error) =>
    deps.log.error("trading page build failed: / serves a notice", { error }),
  );
  /** The schema as SDL (schema.graphql at the repository root, `npm run schema:print`). */
  const printedSchema = `${printSchema(schema)}\n`;
  const formatError = countingErrors(deps.metrics, errorFormatter(deps));
  const httpServer = createServer((req, res) => void route(req, res));
  countResponses(deps.metrics, httpServer);
  // Longer than clients' idle pools keep sockets, so a reused socket is not closed under them.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const subscriptions = attachSubscriptions(
    deps,
    httpServer,
    schema,
    formatError,
    options.sharedFeeds,
  );

  // With jit on, Apollo executes through a gateway (api/jit-executor.ts) serving this schema;
  // off, it executes with graphql-js itself, as before.
  const executor = createJitExecutor(schema, { jit: options.jit ?? true });
  const apollo = new ApolloServer<RequestContext>({
    ...(executor.enabled
      ? { gateway: executorGateway(schema, printedSchema, executor) }
      : { schema }),
    validationRules: [queryLimitsRule()],
    parseOptions: PARSE_OPTIONS,
    formatError,
    // Stacks carry absolute paths; the log has them.
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The process's own signal handler (kernel/process.ts) stops everything in order; Apollo's
    // would stop the API first and then re-raise the signal, cutting the rest of the drain short.
    stopOnTerminationSignals: false,
    introspection: true,
    csrfPrevention: true,
    plugins: [
      // No HTTP caching of GraphQL responses here; without it no plugin wraps every field.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      metricsPlugin(deps.metrics),
      {
        async serverWillStart() {
          return { drainServer: () => subscriptions.close() };
        },
        async requestDidStart() {
          return {
            // Request weight (services/request-weight.ts), charged once the operation is known.
            didResolveOperation: chargeOperation,
            async didEncounterErrors(request: GraphQLRequestContext<RequestContext>) {
              // Tell HTTP clients a store was down, not only the GraphQL body.
              if (request.errors?.some((e) => isUnavailable(e.originalError))) {
                request.response.http.status = 503;
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  // Public market-data answers (api/read-cache.ts); READ_CACHE_MAX_AGE_MS=0 turns it off.
  const readCache =
    deps.config.readCacheMaxAgeMs > 0
      ? new ReadCache({ maxAgeMs: deps.config.readCacheMaxAgeMs, fallbacks: marketDataFallbacks })
      : null;
  const readEvents = readCache && followMarketEvents(deps, readCache);
  const readShapes = memoisedShapes();

  async function route(req: IncomingMessage, res: ServerResponse) {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (applyCors(deps.config.corsOrigins, req, res)) return;
      if (url.pathname === "/healthz") return json(res, 200, { status: "ok" });
      if (url.pathname === "/readyz") {
        const readiness = await checkReadiness(deps, { settlementConsumer: SETTLEMENT_CONSUMER });
        return json(res, readiness.ready ? 200 : 503, readiness);
      }
      if (url.pathname === "/metrics") return await writeMetrics(res, deps.metrics);
      if (url.pathname === "/graphiql/app.js")
        return send(res, 200, "text/javascript", graphiql.js);
      if (url.pathname === "/graphiql/app.css") return send(res, 200, "text/css", graphiql.css);
      if (url.pathname === "/schema.graphql")
        return send(res, 200, "text/plain; charset=utf-8", printedSchema);
      const read = req.method === "GET" || req.method === "HEAD";
      if (url.pathname === "/" && read) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...PAGE_HEADERS });
        return void res.end(req.method === "HEAD" ? undefined : web.index);
      }
      const asset = read ? web.files.get(url.pathname) : undefined;
      // Hashed names: a new build is a new name, so a browser may keep each one for good.
      if (asset) {
        res.writeHead(200, {
          "content-type": asset.type,
          "cache-control": "public, max-age=31536000, immutable",
          "x-content-type-options": "nosniff",
        });
        return void res.end(req.method === "HEAD" ? undefined : asset.body);
      }
      if (url.pathname === "/mcp") return await serveMcp(req, res, mcpHost);
      if (url.pathname !== "/graphql") return json(res, 404, { error: "not found" });
      if (req.method === "GET" && !url.search && (req.headers.accept ?? "").includes("text/html")) {
        return send(res, 200, "text/html; charset=utf-8", graphiql.html);
      }
      await graphql(req, res, url);
    } catch (error) {
      // A client that hung up mid-request is not a fault of ours.
      const code = (error as { code?: string }).code;
      const hungUp = code === "ECONNRESET" || code === "ECONNABORTED" || req.destroyed;
      if (hungUp) deps.log.debug("request failed", { error });
      else deps.log.error("request failed", { error });
      if (!res.headersSent) json(res, 500, { error: "internal server error" });
      else res.end();
    }
  }

  async function graphql(req: IncomingMessage, res: ServerResponse, url: URL) {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
    }
    let body: unknown = undefined;
    let rawBody: Buffer = Buffer.alloc(0);
    if (req.method === "POST") {
      const bytes = await readBody(req, res);
      if (bytes === null) return;
      rawBody = bytes;
      const raw = bytes.toString("utf8");
      if (jsonNestsDeeper(raw)) {
        return json(res, 400, { errors: [tooDeeplyNested().error.toJSON()] });
      }
      try {
        body = raw.length ? JSON.parse(raw) : undefined;
      } catch {
        return json(res, 400, {
          errors: [{ message: "Body is not valid JSON", extensions: { code: "BAD_REQUEST" } }],
        });
      }
    }
    const refused = screenHttpRequest(body, url);
    if (refused) return json(res, refused.status, { errors: [refused.error.toJSON()] });
    if (isSubscriptionRequest(body, url)) {
      const message =
        "Subscriptions are served over graphql-ws (protocol graphql-transport-ws) on this same URL, not over HTTP";
      return json(res, 400, { errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    }
    const schemaRead = schemaReadKey(body, url);
    const known = schemaRead && schemaAnswers.get(schemaRead);
    if (known) return send(res, 200, "application/json; charset=utf-8", known);
    const read =
      readCache && req.method === "POST"
        ? readRequestOf(body, headers.get("content-type"), headers.get("accept"), readShapes)
        : null;
    let checked: CheckedCaller | null = null;
    if (read) {
      const entry = readCache!.lookup(read.key);
      if (entry) {
        checked = await serveCached(req, res, rawBody, entry);
        if (!checked) return;
      }
    }
    const snapshot = read && readCache!.snapshot(read.markets);
    const result = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
      context: async () => {
        const ip = clientAddress(req, deps.config.trustedProxies);
        // A cache hit that could not be served checked the credentials already: same outcome.
        if (checked && "error" in checked) throw checked.error;
        const auth = checked ? checked.auth : await authenticateOrThrow(req, ip, rawBody);
        return { deps, ip, auth };
      },
    });
    for (const [key, value] of result.headers) res.setHeader(key, value);
    res.statusCode = result.status ?? 200;
    if (result.body.kind === "complete") {
      // Encoded once: the length, the socket write and the caches take these bytes; a string
      // would be measured, then encoded for the write and again for each cache.
      const answer = Buffer.from(result.body.string);
      if (schemaRead && res.statusCode === 200) remember(schemaRead, result.body.string, answer);
      res.end(answer);
      if (read && snapshot && res.statusCode === 200) {
        await keepRead(read, snapshot, result.headers, answer).catch((error) =>
          deps.log.debug("read not cached", { error }),
        );
      }
      return;
    }
    for await (const chunk of result.body.asyncIterator) res.write(chunk);
    res.end();
  }

  /**
   * Answers a request from a cache entry, with everything an uncached answer gets on the way:
   * authentication, the request weight charge and its usage headers, the duration metric. Returns
   * null once answered; otherwise (credentials refused, a signed request, the charge refused)
   * what authentication found, for Apollo to answer exactly as uncached without asking again.
   */
  async function serveCached(
    req: IncomingMessage,
    res: ServerResponse,
    rawBody: Buffer,
    entry: ReadEntry,
  ): Promise<CheckedCaller | null> {
    const startedAt = performance.now();
    const ip = clientAddress(req, deps.config.trustedProxies);
    let auth: Auth | null;
    try {
      auth = await authenticateOrThrow(req, ip, rawBody);
    } catch (error) {
      return { error };
    }
    // A signature is claimed with the charge: a refusal after it must not claim it twice.
    if (auth?.signatureClaim) return { auth };
    let usage: Awaited<ReturnType<typeof chargeRequestWeight>>;
    try {
      usage = await chargeRequestWeight(deps, auth, ip, entry.weight);
    } catch {
      // Refused (nothing was counted) or failed: Apollo charges again and answers as uncached.
      return { auth };
    }
    for (const [key, value] of entry.headers) res.setHeader(key, value);
    const shown = usage && tightest(usage);
    if (shown) {
      res.setHeader(RATE_LIMIT_HEADERS.used, String(shown.used));
      res.setHeader(RATE_LIMIT_HEADERS.limit, String(shown.limit));
      res.setHeader(RATE_LIMIT_HEADERS.reset, String(shown.resetSeconds));
      res.setHeader(RATE_LIMIT_HEADERS.scope, shown.scope);
    }
    res.statusCode = 200;
    res.end(entry.body);
    deps.metrics.graphqlDuration.observe(
      {
        transport: "http",
        type: "query",
        operation: deps.metrics.operationLabel(entry.operationName),
      },
      (performance.now() - startedAt) / 1000,
    );
    return null;
  }

  /**
   * Stores an answer Apollo gave with HTTP 200 if it holds data and no error and every market it
   * read exists (so only real markets' subjects are followed).
   */
  async function keepRead(
    read: ReadRequest,
    snapshot: ReadSnapshot,
    answerHeaders: HeaderMap,
    answer: Buffer,
  ): Promise<void> {
    if (!readCache || !readEvents || !answer.subarray(0, 7).equals(DATA_PREFIX)) return;
    const known = await marketsOf(deps).all();
    if (!read.markets.every((m) => known.has(m))) return;
    for (const market of read.markets) readEvents.watch(market);
    const usageHeaders: ReadonlySet<string> = new Set(Object.values(RATE_LIMIT_HEADERS));
    readCache.store(read.key, snapshot, {
      body: ownBytes(answer),
      headers: [...answerHeaders].filter(([key]) => !usageHeaders.has(key.toLowerCase())),
      weight: operationWeight(read.shape.document, read.shape.operation, read.variables),
      operationName: read.shape.name,
    });
  }

  /** `/mcp` (mcp/http.ts): the request's API key, and GraphQL in process with its context. */
  const mcpHost: McpHost<RequestContext> = {
    readBody,
    async contextFor(req, body) {
      const ip = clientAddress(req, deps.config.trustedProxies);
      const auth = await authenticateOrThrow(req, ip, body);
      const claim = auth?.signatureClaim;
      if (!auth || !claim) return { deps, ip, auth };
      // A signed key's signature covers the whole MCP request (every tool call in it): claimed
      // once here, before anything runs, as a graphql-ws connect is (api/websocket.ts).
      let claimed: boolean;
      try {
        claimed = await claimOnce(deps.redis, claim.replayKey, claim.ttlMs);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        throw new GraphQLError(
          "The replay store (Redis) is unavailable, so a signed request cannot be accepted; nothing was run, retry later",
          { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } } },
        );
      }
      if (!claimed) {
        const refused = signatureRefused("REPLAYED", "this signature was accepted once already");
        throw new GraphQLError(refused.message, {
          originalError: refused,
          extensions: { http: { status: 401 } },
        });
      }
      return { deps, ip, auth: { ...auth, signatureClaim: undefined } };
    },
    async execute(contextValue, query, variables) {
      // Each operation its own Auth: the order tokens its charge prepays are its own.
      const auth = contextValue.auth && { ...contextValue.auth };
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: { ...contextValue, auth } },
      );
      if (response.body.kind !== "single") throw new Error("MCP documents are not incremental");
      return response.body.singleResult;
    },
    onAuditFailure: (error) => deps.log.warn("MCP tool call not recorded", { error }),
  };

  async function authenticateOrThrow(req: IncomingMessage, ip: string, body: Buffer) {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    // What a signed API key must prove (services/signed-requests.ts): the exact bytes received.
    const proof: SignatureProof = {
      timestamp: header("x-timestamp") ?? null,
      signature: header("x-signature") ?? null,
      recvWindow: header("x-recv-window") ?? null,
    };
    const method = req.method ?? "GET";
    try {
      return await authenticate(
        deps,
        { authorization: header("authorization"), apiKey: header("x-api-key") },
        ip,
        {
          kind: "signed",
          proof,
          message: { transport: "http", method, target: req.url ?? "/", body },
        },
      );
    } catch (error) {
      // Apollo answers a context that fails with the GraphQLError thrown (and its HTTP status);
      // the formatter still makes the DomainError inside it the client's error.
      if (error instanceof DomainError) {
        // 403: a working API key used from outside its IP allow-list.
        const status = error.code === ErrorCode.FORBIDDEN ? 403 : 401;
        throw new GraphQLError(error.message, {
          originalError: error,
          extensions: { http: { status } },
        });
      }
      if (isUnavailable(error) || isUnavailable((error as { cause?: unknown }).cause)) {
        throw new GraphQLError("Authentication is unavailable (PostgreSQL); retry later", {
          extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, http: { status: 503 } },
        });
      }
      throw error;
    }
  }

  return {
    httpServer,
    async listen(port: number, host: string): Promise<number> {
      // A deep accept queue: thousands of sockets connecting at once are not refused or left to
      // retry their SYN (the kernel caps it at net.core.somaxconn).
      await new Promise<void>((done) => httpServer.listen({ port, host, backlog: 4_096 }, done));
      const address = httpServer.address();
      return typeof address === "object" && address ? address.port : port;
    },
    /** Stops taking requests, lets running ones and sockets finish, then returns. */
    async stop() {
      await apollo.stop();
      readEvents?.stop();
    },
    /** The read cache (api/read-cache.ts), null when READ_CACHE_MAX_AGE_MS is 0. */
    readCache,
    /** Compiled execution's counts (api/jit-executor.ts). */
    jit: executor.stats,
  };
}

/** What a cache hit that was not served learnt of the caller: who, or why they were refused. */
type CheckedCaller = { auth: Auth | null } | { error: unknown };

/** How a JSON answer with data begins: only those are kept by the read cache. */
const DATA_PREFIX = Buffer.from('{"data"');

/**
 * Bytes to keep in a cache: an answer under 4 KiB is a slice of an 8 KiB slab of Node's buffer
 * pool, which a cache would keep alive whole while counting only the answer's bytes, so such a
 * slice is copied into a buffer of its own.
 */
function ownBytes(bytes: Buffer): Buffer {
  if (bytes.buffer.byteLength === bytes.length) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.length);
  bytes.copy(copy);
  return copy;
}

/** Answers of documents that read only the schema (which changes only with a deploy). */
const schemaAnswers = new Map<string, Buffer>();
const SCHEMA_ANSWERS_MAX = 50;

function remember(key: string, answer: string, bytes: Buffer) {
  if (!answer.startsWith('{"data"') || answer.includes('"errors":[') || answer.length > 512 * 1024)
    return;
  if (schemaAnswers.size >= SCHEMA_ANSWERS_MAX) schemaAnswers.clear();
  schemaAnswers.set(key, ownBytes(bytes));
}

/** The cache key of a request whose document reads only the schema, else null. */
function schemaReadKey(body: unknown, url: URL): string | null {
  const { query, operationName } =
    body && typeof body === "object" ? (body as Record<string, unknown>) : {};
  const text = query ?? url.searchParams.get("query");
  if (typeof text !== "string" || !readsOnlySchema(text)) return null;
  const name = operationName ?? url.searchParams.get("operationName") ?? "";
  return `${typeof name === "string" ? name : JSON.stringify(name)}\n${text}`;
}

/** The document and variables of a POST body or a GET query string, screened before graphql. */
function screenHttpRequest(body: unknown, url: URL): Refusal | null {
  if (body && typeof body === "object" && !Array.isArray(body)) {
    const { query, variables, operationName } = body as Record<string, unknown>;
    return screenRequest(query, variables, operationName);
  }
  if (body !== undefined) return null; // Apollo answers a malformed body with BAD_REQUEST
  let variables: unknown = undefined;
  const text = url.searchParams.get("variables") ?? "null";
  if (jsonNestsDeeper(text)) return tooDeeplyNested();
  try {
    variables = JSON.parse(text);
  } catch {
    // Apollo answers malformed variables itself.
  }
  const { searchParams } = url;
  return screenRequest(
    searchParams.get("query") ?? undefined,
    variables,
    searchParams.get("operationName"),
  );
}

/**
 * The body's bytes, or null after answering 413 REQUEST_TOO_LARGE. An over-long body is read on
 * (and dropped) up to DRAIN_BYTES so the client sees the answer rather than a reset connection.
 */
function readBody(req: IncomingMessage, res: ServerResponse): Promise<Buffer | null> {
  return new Promise((done, fail) => {
    const limit = REQUEST_LIMITS.maxBodyBytes;
    const tooLarge = () => {
      json(res, 413, {
        errors: [
          {
            message: `The request body is over ${limit} bytes`,
            extensions: { code: ErrorCode.REQUEST_TOO_LARGE, limit },
          },
        ],
      });
      done(null);
    };
    if (Number(req.headers["content-length"] ?? 0) > limit) {
      tooLarge();
      drain(req);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off("data", onData);
      chunks.length = 0;
      tooLarge();
      drain(req, size);
    };
    req.on("data", onData);
    req.on("end", () => {
      if (size <= limit) done(Buffer.concat(chunks));
    });
    req.on("error", fail);
  });
}

function drain(req: IncomingMessage, already = 0) {
  let size = already;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size > DRAIN_BYTES) req.destroy();
  });
  req.resume();
}

/**
 * The trading page's headers: never cached (its assets are), never framed (clickjacking), and a
 * Content-Security-Policy that runs only its own scripts, so injected markup cannot run code
 * that reads the session token. `connect-src` stays open to any API (`?api=<url>`).
 */
const PAGE_HEADERS = {
  "cache-control": "no-store",
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' http: https: ws: wss:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

function json(res: ServerResponse, status: number, body: unknown) {
  send(res, status, "application/json", JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer) {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" }).end(body);
}

/**
 * Whether an HTTP request asks for a subscription operation. Those live on graphql-ws; over HTTP
 * they would reach execution (an internal error), and some of graphql-js's subscription rules
 * throw on them in validation. Parsed only when the text mentions a subscription (the document
 * is already screened for size); a document that does not parse is left to Apollo to refuse.
 */
function isSubscriptionRequest(body: unknown, url: URL): boolean {
  const fields = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const query = typeof fields.query === "string" ? fields.query : url.searchParams.get("query");
  if (!query || !query.includes("subscription")) return false;
  const name =
    typeof fields.operationName === "string"
      ? fields.operationName
      : url.searchParams.get("operationName");
  try {
    const operation = getOperationAST(parse(query, PARSE_OPTIONS), name ?? undefined);
    return operation?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false;
  }
}
