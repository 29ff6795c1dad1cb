import {
  GraphQLError,
  OperationTypeNode,
  getOperationAST,
  getVariableValues,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from "graphql";
import { slowConsumer } from "../subscriptions/feed.ts";
import { CloseCode, type Context as GraphqlWsContext, type SubscribePayload } from "graphql-ws";
import { useServer, type Extra } from "graphql-ws/use/ws";
import type { IncomingMessage, Server } from "node:http";
import { WebSocket, WebSocketServer } from "ws";
import type { Dependencies } from "../kernel/dependencies.ts";
import {
  badInput,
  DomainError,
  ErrorCode,
  isUnavailable,
  tooManyOperations,
  ErrorCode as Codes,
  unauthenticated,
} from "../kernel/errors.ts";
import type { Auth } from "../services/caller.ts";
import { authenticate } from "../services/auth.service.ts";
import { claimOnce } from "../services/rate-limit.ts";
import { signatureRefused, type SignatureProof } from "../services/signed-requests.ts";
import { clientAddress } from "./client-address.ts";
import { socketOriginAllowed } from "./cors.ts";
import { queryLimitsRule } from "./limits.ts";
import {
  jsonNestsDeeper,
  PARSE_OPTIONS,
  REQUEST_LIMITS,
  screenRequest,
  tooDeeplyNested,
} from "./request-guard.ts";
import { createLiveFanout, type SharedFeeds, type SocketContext } from "./live-fanout.ts";
import { chargeSocketOperation } from "./request-weight.ts";
import { closeSlowConsumer, closeSocket } from "./socket-close.ts";
import { watchCredentials, type WatchedSocket } from "./socket-credentials.ts";

/** Close code for a client over its share of sockets or messages (HTTP 429's twin). */
export const TOO_MANY_SOCKETS = 4429;

type Credentials = { authorization: string | null; apiKey: string | null };

interface SocketExtra {
  ip: string;
  /** As sent in `connectionParams`; checked again for every operation. */
  credentials: Credentials;
  /** Null for anonymous sockets. */
  watched: WatchedSocket | null;
}

type Context = GraphqlWsContext<Record<string, unknown>, Extra & Partial<SocketExtra>>;

/**
 * graphql-ws on the same HTTP server and path as queries. Credentials travel in
 * `connectionParams` (`authorization` and/or `apiKey`); wrong ones close the socket (4403), and
 * they are checked again for every operation. A socket whose credentials are revoked, expire or
 * lose their user is closed with 4403 and the reason (socket-credentials.ts). Caps: at
 * most `wsMaxOperationsPerSocket` operations at once per socket (TOO_MANY_OPERATIONS), at most
 * `wsMaxSocketsPerIp` sockets per IP (4429); every socket is pinged each `wsPingIntervalMs` and
 * cut when its pong does not come within as long.
 */
export function attachSubscriptions(
  deps: Dependencies,
  httpServer: Server,
  schema: GraphQLSchema,
  formatError: (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError,
  sharedFeeds: SharedFeeds = {},
) {
  const wss = new WebSocketServer({
    server: httpServer,
    path: "/graphql",
    maxPayload: REQUEST_LIMITS.maxBodyBytes,
    // With CORS_ORIGINS set, a browser page of another origin may not open a socket (403).
    verifyClient: (
      { req }: { req: IncomingMessage },
      answer: (ok: boolean, status?: number, message?: string) => void,
    ) => {
      if (socketOriginAllowed(deps.config.corsOrigins, req)) answer(true);
      else answer(false, 403, "Origin not allowed (CORS_ORIGINS)");
    },
  });
  // Registered before graphql-ws's own listener, so a socket over the cap is closed first.
  capSocketsPerIp(wss, deps);
  const watch = watchCredentials(deps);
  const rules = [...specifiedRules, queryLimitsRule()];
  const maxOperations = deps.config.wsMaxOperationsPerSocket;
  const fanout = createLiveFanout(deps, sharedFeeds, formatError);
  /** Sockets graphql-ws knows (from onConnect to onClose), for /metrics. */
  const contexts = new Set<Context>();
  const unwatch = deps.metrics.watchSockets(() => ({
    connections: wss.clients.size,
    subscriptions: runningSubscriptions(contexts),
  }));
  /** When each query or mutation over a socket started, by its execution arguments. */
  const timings = new WeakMap<object, { startedAt: number; type: string; operation: string }>();

  /**
   * Documents that parsed and passed validation (the limits rule included), by their text: a bot
   * sends the same few short documents all day, and parsing and validating each again cost more
   * than running it. Only documents of at most VALID_DOCUMENT_MAX_CHARS are kept (a parsed
   * document holds about a hundred times its text), at most VALID_DOCUMENTS_MAX of them; the
   * whole cache is dropped when full.
   */
  const validDocuments = new Map<string, DocumentNode>();
  const rememberValid = (text: string, document: DocumentNode) => {
    if (text.length > VALID_DOCUMENT_MAX_CHARS) return;
    if (validDocuments.size >= VALID_DOCUMENTS_MAX) validDocuments.clear();
    validDocuments.set(text, document);
  };

  /** Credentials again, for one operation: the Auth, or the errors to answer with. */
  async function recheck(ctx: Context): Promise<Auth | null | GraphQLError[]> {
    const { watched, credentials } = ctx.extra;
    if (watched?.revokedReason) return [asGraphQLError(unauthenticated(watched.revokedReason))];
    if (!credentials || (!credentials.authorization && !credentials.apiKey)) return null;
    try {
      // A signed key proved itself once, at connect (onConnect); its operations carry no signature.
      return await authenticate(deps, credentials, ctx.extra.ip ?? "unknown", {
        kind: "verifiedSocket",
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.UNAUTHENTICATED) {
        // Closed on the next turn of the loop, so the operation's error is sent first.
        setImmediate(() => {
          if (watched) watched.revoke(error.message);
          else closeSocket(ctx.extra.socket, CloseCode.Forbidden, error.message);
        });
        return [asGraphQLError(error)];
      }
      // A store is down (formatted as SERVICE_UNAVAILABLE) or a bug (masked and logged).
      return [new GraphQLError("Authentication failed", { originalError: error as Error })];
    }
  }

  /**
   * An id the client completed is free again for graphql-ws, but its operation may still be
   * preparing or joining a feed: reusing it then would mix two streams under one id, so it is
   * refused (4409) as graphql-ws refuses a duplicate. A subscription's id stays taken until its
   * subscribe settles (SocketOperation.settled); any other operation's until it is prepared.
   */
  async function prepare(ctx: Context, id: string, payload: SubscribePayload) {
    const pending = operationsOf(ctx.extra.socket);
    if (pending.has(id)) {
      const reason = `Subscriber for ${id} already exists`;
      closeSocket(ctx.extra.socket, CloseCode.SubscriberAlreadyExists, reason);
      return [asGraphQLError(badInput(`Operation id ${id} is still in use`))];
    }
    const attempt = { cancelled: false };
    pending.set(id, attempt);
    const release = () => {
      if (pending.get(id) === attempt) pending.delete(id);
    };
    const prepared = await prepareOperation(ctx, id, payload, attempt, release);
    if (Array.isArray(prepared) || !prepared.contextValue.socketOperation) release();
    return prepared;
  }

  /** Everything an operation goes through before it runs; errors end it before execution. */
  async function prepareOperation(
    ctx: Context,
    id: string,
    payload: SubscribePayload,
    attempt: { cancelled: boolean },
    release: () => void,
  ) {
    const startedAt = performance.now();
    // The new operation is already counted in ctx.subscriptions.
    if (Object.keys(ctx.subscriptions).length > maxOperations) {
      return [asGraphQLError(tooManyOperations(maxOperations))];
    }
    const auth = await recheck(ctx);
    if (Array.isArray(auth)) return auth;
    // ── request guard (api/request-guard.ts): the same screening as HTTP, before parsing ──
    const refused = screenRequest(payload.query, payload.variables, payload.operationName);
    if (refused) return [refused.error];
    let document = validDocuments.get(payload.query);
    if (!document) {
      try {
        document = parse(payload.query, PARSE_OPTIONS);
      } catch (error) {
        return [withCode(error as GraphQLError, "GRAPHQL_PARSE_FAILED")];
      }
      let invalid: readonly GraphQLError[];
      try {
        invalid = validate(schema, document, rules);
      } catch (error) {
        // graphql-js's own rules can throw instead of report (a variable in @include on a
        // subscription's root field): still the client's document, still a validation failure.
        const message = error instanceof Error ? error.message : "Invalid document";
        return [new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })];
      }
      if (invalid.length > 0) return invalid.map((e) => withCode(e, "GRAPHQL_VALIDATION_FAILED"));
      rememberValid(payload.query, document);
    }
    // Variables are coerced here, as Apollo does over HTTP, so a bad one is BAD_USER_INPUT.
    const operation = getOperationAST(document, payload.operationName);
    if (!operation) {
      const message = "Name the operation to run (operationName) among those in the document";
      return [new GraphQLError(message, { extensions: { code: "OPERATION_RESOLUTION_FAILURE" } })];
    }
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      payload.variables ?? {},
      { maxErrors: 10 },
    );
    if (coerced.errors) return coerced.errors.map((e) => withCode(e, "BAD_USER_INPUT"));
    const isSubscription = operation.operation === OperationTypeNode.SUBSCRIPTION;
    const rootDirective = operation.selectionSet.selections.some((s) => s.directives?.length);
    if (isSubscription && rootDirective) {
      const message = "A subscription's root field cannot be skipped or included conditionally";
      return [new GraphQLError(message, { extensions: { code: "GRAPHQL_VALIDATION_FAILED" } })];
    }
    const ip = ctx.extra.ip ?? "unknown";
    try {
      await chargeSocketOperation({ deps, auth, ip }, document, operation, payload.variables ?? {});
    } catch (error) {
      if (error instanceof DomainError) return [asGraphQLError(error)];
      throw error;
    }
    const contextValue: SocketContext = {
      deps,
      auth,
      ip,
      socketOperation: !isSubscription
        ? undefined
        : {
            socket: ctx.extra.socket,
            id,
            isActive: () => !attempt.cancelled && ctx.extra.socket.readyState === WebSocket.OPEN,
            settled: release,
          },
    };
    const args = {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
    if (!isSubscription) {
      const name = operation.name?.value;
      timings.set(args, { startedAt, type: operation.operation, operation: name ?? "" });
    }
    return args;
  }

  const cleanup = useServer<Record<string, unknown>, Partial<SocketExtra>>(
    {
      schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? {};
        const str = (v: unknown) => (typeof v === "string" ? v : null);
        const credentials: Credentials = {
          authorization: str(params.authorization) ?? str(params.Authorization),
          apiKey: str(params.apiKey) ?? str(params["x-api-key"]) ?? str(params["X-API-Key"]),
        };
        const socket = ctx.extra.socket;
        if (socket.readyState !== socket.OPEN) return false; // e.g. closed by the per-IP cap
        contexts.add(ctx);
        ctx.extra.ip = clientAddress(ctx.extra.request, deps.config.trustedProxies);
        let auth: Auth | null;
        try {
          auth = await authenticate(deps, credentials, ctx.extra.ip, {
            kind: "signed",
            proof: socketProof(params),
            message: { transport: "graphql-ws", path: ctx.extra.request.url ?? "/graphql" },
          });
          const claim = auth?.signatureClaim;
          if (claim && !(await claimOnce(deps.redis, claim.replayKey, claim.ttlMs))) {
            throw signatureRefused("REPLAYED", "this signature was accepted once already");
          }
        } catch (error) {
          const unavailable = isUnavailable(error) || isUnavailable((error as Error).cause);
          if (unavailable) closeSocket(socket, 1013, "Authentication is unavailable; retry later");
          else closeSocket(socket, CloseCode.Forbidden, (error as Error).message);
          return false;
        }
        ctx.extra.credentials = credentials;
        ctx.extra.watched = auth
          ? watch.add(auth, (reason) => closeSocket(socket, CloseCode.Forbidden, reason))
          : null;
        // The socket may have closed while authenticating; onClose ran before `watched` existed.
        if (socket.readyState !== socket.OPEN) ctx.extra.watched?.remove();
        return true;
      },
      onSubscribe: (ctx, id, payload) => prepare(ctx, id, payload),
      subscribe: (args) => fanout.subscribe(args),
      onOperation: (_ctx, _id, _payload, args) => {
        const timing = timings.get(args);
        if (!timing) return;
        const labels = {
          transport: "ws",
          type: timing.type,
          operation: deps.metrics.operationLabel(timing.operation),
        };
        deps.metrics.graphqlDuration.observe(labels, (performance.now() - timing.startedAt) / 1000);
      },
      onClose: (ctx) => {
        contexts.delete(ctx);
        ctx.extra.watched?.remove();
      },
      onError: (ctx, _id, _payload, errors) => {
        if (errors.some((e) => isSlowConsumer(e.originalError))) {
          const slow = errors.find((e) => isSlowConsumer(e.originalError));
          setImmediate(() => closeSlowConsumer(ctx.extra.socket, slow!.message));
        }
        return errors.map((e) => formatError(e.toJSON(), e));
      },
      onNext: (ctx, _id, _payload, _args, result) => {
        // One execution per subscriber (fields that are not shared feeds): the same bound.
        const socket = ctx.extra.socket;
        if (socket.bufferedAmount > deps.config.wsMaxBufferedBytes) {
          const kib = Math.round(deps.config.wsMaxBufferedBytes / 1024);
          closeSlowConsumer(socket, slowConsumer(`over ${kib} KiB unsent`).message);
          return;
        }
        if ("errors" in result && result.errors) {
          return { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e)) };
        }
        return result;
      },
    },
    wss,
    deps.config.wsPingIntervalMs,
  );
  return {
    async close() {
      unwatch();
      watch.stop();
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** What a signed API key proves in `connectionParams` (services/signed-requests.ts). */
function socketProof(params: Record<string, unknown>): SignatureProof {
  const text = (v: unknown) =>
    typeof v === "string" ? v : typeof v === "number" && Number.isFinite(v) ? String(v) : null;
  return {
    timestamp: text(params.timestamp),
    signature: text(params.signature),
    recvWindow: text(params.recvWindow),
  };
}

/** Subscriptions running on the sockets (an operation's entry holds its stream once it runs). */
function runningSubscriptions(contexts: ReadonlySet<Context>): number {
  let running = 0;
  for (const ctx of contexts) {
    for (const id in ctx.subscriptions) if (ctx.subscriptions[id]) running++;
  }
  return running;
}

/** Counts each IP's open sockets on this process and closes (4429) those over `max`. */
function capSocketsPerIp(
  wss: WebSocketServer,
  deps: Pick<Dependencies, "config" | "metrics">,
): void {
  const { config, metrics } = deps;
  const max = config.wsMaxSocketsPerIp;
  const open = new Map<string, number>();
  wss.on("connection", (socket, request) => {
    guardMessages(socket, config.wsMaxMessagesPerSecond, () =>
      metrics.rateLimited.inc({ limit: "ws_messages_per_second" }),
    );
    const ip = clientAddress(request, config.trustedProxies);
    const count = (open.get(ip) ?? 0) + 1;
    open.set(ip, count);
    socket.once("close", () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left > 0) open.set(ip, left);
      else open.delete(ip);
    });
    if (count > max) {
      metrics.rateLimited.inc({ limit: "ws_sockets_per_ip" });
      closeSocket(socket, TOO_MANY_SOCKETS, `Too many sockets from this address (at most ${max})`);
    }
  });
}

/**
 * Valid documents kept per API process (by text) so sockets skip parse and validate, and the
 * longest kept: at most about 200 × 1,000 characters × ≈ 100 bytes each ≈ 20 MB in the worst
 * case, far less for the documents bots send (a few hundred characters each).
 */
const VALID_DOCUMENTS_MAX = 200;
const VALID_DOCUMENT_MAX_CHARS = 1_000;

/**
 * Every message passes here before graphql-ws parses it. Past `perSecond` messages a second
 * (bursts of twice that) the socket is closed (4429): one socket must not cost the process more
 * than many HTTP clients would. A message over SMALL_MESSAGE_BYTES nesting deeper than
 * REQUEST_LIMITS.maxJsonDepth closes it (1008) before JSON.parse spends time on it; a smaller one
 * costs little to parse and gets its operation's BAD_USER_INPUT. Messages after a close are dropped.
 */
const SMALL_MESSAGE_BYTES = 16_384;

function guardMessages(socket: WebSocket, perSecond: number, refused: () => void): void {
  const burst = perSecond * 2;
  let tokens = burst;
  let at = performance.now();
  const emit = socket.emit.bind(socket);
  socket.emit = ((event: string | symbol, ...args: unknown[]) => {
    if (event !== "message") return emit(event, ...args);
    if (socket.readyState !== socket.OPEN) return false;
    const now = performance.now();
    tokens = Math.min(burst, tokens + ((now - at) * perSecond) / 1000);
    at = now;
    if (tokens < 1) {
      refused();
      closeSocket(socket, TOO_MANY_SOCKETS, `Too many messages (at most ${perSecond} a second)`);
      return false;
    }
    tokens -= 1;
    const data = args[0];
    const text = Buffer.isBuffer(data) || typeof data === "string" ? data : null;
    if (text !== null && text.length < 4_096 && text.includes('"complete"'))
      noteComplete(socket, text);
    if (text !== null && text.length > SMALL_MESSAGE_BYTES && jsonNestsDeeper(text)) {
      closeSocket(socket, 1008, tooDeeplyNested().error.message);
      return false;
    }
    return emit(event, ...args);
  }) as typeof socket.emit;
}

/**
 * A DomainError as graphql-ws needs it before execution: a GraphQLError wrapping it, which the
 * formatter (`onError`) turns into the client's error like any other.
 */
function asGraphQLError(error: DomainError): GraphQLError {
  return new GraphQLError(error.message, { originalError: error });
}

/** graphql's own parse and validation errors carry no code; give them Apollo's. */
function withCode(error: GraphQLError, code: string): GraphQLError {
  if (error.extensions.code) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

/** Operations of a socket still preparing or joining, by id (see prepare). */
const operations = new WeakMap<WebSocket, Map<string, { cancelled: boolean }>>();

function operationsOf(socket: WebSocket): Map<string, { cancelled: boolean }> {
  let map = operations.get(socket);
  if (!map) operations.set(socket, (map = new Map<string, { cancelled: boolean }>()));
  return map;
}

/**
 * A `complete` from the client, seen before graphql-ws handles it: an operation still joining a
 * feed learns it was cancelled, since graphql-ws only tells operations that already run.
 */
function noteComplete(socket: WebSocket, text: string | Buffer): void {
  let message: unknown;
  try {
    message = JSON.parse(text.toString());
  } catch {
    return; // graphql-ws answers malformed messages itself
  }
  if (typeof message !== "object" || message === null) return;
  const { type, id } = message as { type?: unknown; id?: unknown };
  if (type !== "complete" || typeof id !== "string") return;
  const attempt = operations.get(socket)?.get(id);
  if (attempt) attempt.cancelled = true;
}

function isSlowConsumer(error: unknown): boolean {
  return error instanceof DomainError && error.code === Codes.SLOW_CONSUMER;
}
