import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  locatedError,
  subscribe as graphqlSubscribe,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from "graphql";
import type { WebSocket } from "ws";
import type { Dependencies } from "../kernel/dependencies.ts";
import { DomainError } from "../kernel/errors.ts";
import { Joining, slowConsumer, type Feed } from "../subscriptions/feed.ts";
import type { RequestContext } from "./context.ts";
import { closeSlowConsumer } from "./socket-close.ts";

/** Opens the process's shared feed of a subscription field for its (coerced) arguments. */
export type FeedOpener = (
  deps: Dependencies,
  args: Record<string, unknown>,
) => Promise<Feed<object, unknown>>;

/** Which Subscription fields are shared feeds (resolvers/Subscription/feeds.ts says). */
export type SharedFeeds = Readonly<Record<string, FeedOpener>>;

/** The socket and operation id of a graphql-ws operation, in its context. */
export interface SocketOperation {
  socket: WebSocket;
  id: string;
  /** False once the client completed the operation (or the socket closed). */
  isActive(): boolean;
  /** Called once `subscribe` has settled, so the id may be used again (api/websocket.ts). */
  settled(): void;
}

export type SocketContext = RequestContext & { socketOperation?: SocketOperation };

type FormatError = (error: GraphQLFormattedError, original: unknown) => GraphQLFormattedError;

const SUFFIX = Buffer.from("}");

/** One graphql-ws subscriber of a shared feed. */
interface Member {
  socket: WebSocket;
  /** Set once its initial payloads are out: broadcasts go straight to it from then on. */
  live: boolean;
  /** Set once ended: nothing more is written for it. */
  ended: boolean;
  /** `{"id":"…","type":"next","payload":` — the frame around each payload. */
  prefix: Buffer;
  joining: Joining<object>;
  /** Set while a payload that resolvers render asynchronously is on its way (keeps order). */
  tail: Promise<void> | null;
  /**
   * Ends the operation's iterator: graphql-ws then sends `complete` (or `error`). `cancelled`:
   * the client completed it, so frames not yet written for it are dropped, not sent.
   */
  end(error?: DomainError, cancelled?: boolean): void;
}

/** Subscribers of one feed with the same document, operation and variables. */
interface Shape {
  args: ExecutionArgs;
  members: Set<Member>;
}

/** One feed with everyone on this process subscribed to it, grouped by shape. */
interface Group {
  feed: Feed<object, unknown>;
  shapes: Map<string, Shape>;
  stop: () => void;
}

/**
 * Fan-out of shared live feeds to graphql-ws sockets. Each feed event is executed ONCE per
 * distinct subscription shape (document + operation + variables) and serialised once; the
 * `next` frame of each subscriber is that payload between its own id prefix and `}`, written
 * straight to its socket. Writes are gathered per socket and flushed every `liveFlushMs` (or each
 * turn of the event loop when 0), all of a socket's frames in one system call. A socket whose unsent bytes pass `wsMaxBufferedBytes` is closed with 4413 and a reason
 * (SLOW_CONSUMER): it never holds up others or grows the process without bound.
 *
 * Subscription fields not in `feeds`, or documents it cannot share (fragments or directives on
 * the root field), go through graphql-js's own subscribe, one execution per subscriber.
 */
export function createLiveFanout(deps: Dependencies, feeds: SharedFeeds, formatError: FormatError) {
  const groups = new Map<Feed<object, unknown>, Group>();
  const maxBuffered = deps.config.wsMaxBufferedBytes;
  const flushMs = deps.config.liveFlushMs;
  const outbox = new Map<WebSocket, { member: Member; frame: Buffer }[]>();
  let flushScheduled = false;

  function write(member: Member, frame: Buffer): void {
    if (member.ended) return;
    const queued = outbox.get(member.socket);
    if (queued) queued.push({ member, frame });
    else outbox.set(member.socket, [{ member, frame }]);
    if (!flushScheduled) {
      flushScheduled = true;
      if (flushMs > 0) setTimeout(flushAll, flushMs);
      else setImmediate(flushAll);
    }
  }

  function flushAll(): void {
    flushScheduled = false;
    for (const socket of outbox.keys()) flushSocket(socket);
  }

  function flushSocket(socket: WebSocket): void {
    const frames = outbox.get(socket);
    outbox.delete(socket);
    if (!frames || socket.readyState !== socket.OPEN) return;
    // Every frame of the flush leaves in one write (one system call) instead of one each.
    const tcp = tcpOf(socket);
    tcp?.cork();
    try {
      for (const { frame } of frames) {
        // Checked per frame: the socket never holds much more than the bound.
        if (socket.bufferedAmount > maxBuffered) {
          const kib = Math.round(maxBuffered / 1024);
          closeSlowConsumer(socket, slowConsumer(`over ${kib} KiB unsent`).message);
          return;
        }
        socket.send(frame, { binary: false });
      }
    } finally {
      tcp?.uncork();
    }
  }

  /** The event as the shape's result, serialised: the bytes between a member's prefix and `}`. */
  function render(shape: Shape, event: object): Buffer | Promise<Buffer> {
    const result = execute({ ...shape.args, rootValue: event });
    return result instanceof Promise ? result.then(serialise) : serialise(result);
  }

  function serialise(result: ExecutionResult): Buffer {
    const errors = result.errors?.map((e) => formatError(e.toJSON(), e));
    return Buffer.from(JSON.stringify(errors ? { ...result, errors } : result));
  }

  /** Writes the payload in the member's frame, after any payload still being rendered. */
  function deliver(member: Member, payload: Buffer | Promise<Buffer>): void {
    const send = (bytes: Buffer) => write(member, Buffer.concat([member.prefix, bytes, SUFFIX]));
    if (!member.tail && payload instanceof Buffer) return send(payload);
    const next = Promise.all([member.tail, payload])
      .then(([, bytes]) => send(bytes))
      .catch((error: unknown) => deps.log.error("live event not rendered", { error }));
    member.tail = next;
    void next.then(() => {
      if (member.tail === next) member.tail = null;
    });
  }

  function broadcast(group: Group, event: object): void {
    for (const shape of group.shapes.values()) {
      let rendered: Buffer | Promise<Buffer> | undefined;
      for (const member of shape.members) {
        if (!member.live)
          member.joining.deliver(event); // held back while it joins
        else if (member.joining.accepts(event)) {
          deliver(member, (rendered ??= render(shape, event)));
        }
      }
    }
  }

  function groupOf(feed: Feed<object, unknown>): Group {
    const found = groups.get(feed);
    if (found) return found;
    const group: Group = { feed, shapes: new Map(), stop: () => undefined };
    groups.set(feed, group);
    group.stop = feed.listen({
      broadcast: (event) => broadcast(group, event),
      end: (error) => {
        for (const shape of group.shapes.values()) {
          for (const member of shape.members) member.end(error);
        }
      },
    });
    return group;
  }

  function leave(group: Group, shapeKey: string, member: Member): void {
    const shape = group.shapes.get(shapeKey);
    if (!shape?.members.delete(member)) return;
    if (shape.members.size === 0) group.shapes.delete(shapeKey);
    if (group.shapes.size === 0 && groups.get(group.feed) === group) {
      groups.delete(group.feed);
      group.stop();
    }
  }

  /** Drops the frames waiting for a member the client cancelled. */
  function discard(member: Member): void {
    const queued = outbox.get(member.socket);
    if (!queued) return;
    const kept = queued.filter((entry) => entry.member !== member);
    if (kept.length > 0) outbox.set(member.socket, kept);
    else outbox.delete(member.socket);
  }

  /** The shared feed's field and arguments if the operation can be shared, else null. */
  function sharedField(args: ExecutionArgs) {
    const operation = getOperationAST(args.document, args.operationName);
    const selections = operation?.selectionSet.selections ?? [];
    const field = selections[0];
    if (
      !operation ||
      selections.length !== 1 ||
      field?.kind !== Kind.FIELD ||
      (field.directives?.length ?? 0) > 0
    ) {
      return null;
    }
    const opener = feeds[field.name.value];
    const definition = args.schema.getSubscriptionType()?.getFields()[field.name.value];
    if (!opener || !definition) return null;
    const variables = getVariableValues(
      args.schema,
      operation.variableDefinitions ?? [],
      args.variableValues ?? {},
    );
    if (variables.errors) return null; // graphql-js reports them
    return {
      field,
      opener,
      arguments: getArgumentValues(definition, field, variables.coerced),
      responseKey: field.alias?.value ?? field.name.value,
    };
  }

  /**
   * graphql-ws's `subscribe`: a shared feed's subscriber gets an iterator that yields nothing
   * (its events are written straight to its socket) and ends when it leaves or the feed ends it.
   */
  async function subscribe(
    args: ExecutionArgs,
  ): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    const context = args.contextValue as SocketContext;
    const target = context.socketOperation;
    try {
      const shared = target ? sharedField(args) : null;
      if (!target || !shared) return await graphqlSubscribe(args);
      return await join(args, context, target, shared);
    } finally {
      target?.settled();
    }
  }

  async function join(
    args: ExecutionArgs,
    context: SocketContext,
    target: SocketOperation,
    shared: NonNullable<ReturnType<typeof sharedField>>,
  ): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
    const refused = (error: unknown) => ({
      errors: [locatedError(error, [shared.field], [shared.responseKey])],
    });
    let feed: Feed<object, unknown>;
    try {
      feed = await shared.opener(deps, shared.arguments);
    } catch (error) {
      return refused(error);
    }
    // Completed by the client (or its socket closed) while the feed was being found.
    if (!target.isActive()) return {};
    const group = groupOf(feed);
    const shapeKey = shapeKeyOf(args.document, args.operationName, args.variableValues);
    let shape = group.shapes.get(shapeKey);
    if (!shape) {
      shape = {
        args: { ...args, contextValue: { ...context, socketOperation: undefined } },
        members: new Set(),
      };
      group.shapes.set(shapeKey, shape);
    }
    const ownShape = shape;

    let settle: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
    let fail: ((error: unknown) => void) | null = null;
    let outcome: { error?: DomainError } | null = null;
    const member: Member = {
      socket: target.socket,
      live: false,
      ended: false,
      prefix: Buffer.from(`{"id":${JSON.stringify(target.id)},"type":"next","payload":`),
      tail: null,
      joining: new Joining<object>(feed, (event) => deliver(member, render(ownShape, event))),
      end: (error, cancelled = false) => {
        if (outcome) return;
        outcome = { error };
        leave(group, shapeKey, member);
        // Sent before `complete` or `error`; a cancelled operation gets nothing more.
        if (cancelled) discard(member);
        else flushSocket(member.socket);
        member.ended = true;
        // graphql-ws wraps what the iterator throws in a GraphQLError for the formatter.
        if (error) fail?.(error);
        else settle?.({ value: undefined, done: true });
      },
    };
    shape.members.add(member);
    try {
      const initial = await feed.initial(shared.arguments);
      if (!target.isActive()) {
        member.end(undefined, true);
        return {};
      }
      member.live = true;
      member.joining.complete(initial, feed.floorOf?.(shared.arguments) ?? null);
    } catch (error) {
      member.end(undefined, true);
      return refused(error);
    }

    const iterator: AsyncGenerator<ExecutionResult> = {
      next: () =>
        new Promise<IteratorResult<ExecutionResult>>((resolve, reject) => {
          if (outcome?.error) return reject(outcome.error);
          if (outcome) return resolve({ value: undefined, done: true });
          settle = resolve;
          fail = reject;
        }),
      return: async () => {
        member.end(undefined, true);
        return { value: undefined, done: true };
      },
      throw: async (error: unknown) => {
        member.end(undefined, true);
        throw error;
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  return {
    subscribe,
    /** Feeds with at least one subscriber on this process (for tests and metrics). */
    get feedCount() {
      return groups.size;
    },
  };
}

/** The TCP socket under a ws WebSocket (ws keeps it as `_socket`; absent once closed). */
function tcpOf(socket: WebSocket): { cork(): void; uncork(): void } | undefined {
  return (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
}

function shapeKeyOf(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
): string {
  const source = document.loc?.source.body ?? JSON.stringify(document);
  return `${operationName ?? ""}\u0000${JSON.stringify(variables ?? {})}\u0000${source}`;
}
