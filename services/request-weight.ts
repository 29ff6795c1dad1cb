import {
  Kind,
  OperationTypeNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import type { Dependencies } from "../kernel/dependencies.ts";
import { DomainError, ErrorCode, isUnavailable, rateLimited } from "../kernel/errors.ts";
import type { Auth } from "./caller.ts";
import { limitOf, orderBuckets, type OrderAction } from "./order-throttle.ts";
import { chargeWeight, throttleAddress, type WeightCounter } from "./rate-limit.ts";
import { signatureRefused } from "./signed-requests.ts";

/**
 * What one root field of an operation weighs, by name: a number, or a function of its
 * arguments (variables already substituted; absent → the field's default). A field not listed
 * weighs 1, `__typename` 0; an operation weighs the sum of its root fields, at least 1. The
 * numbers follow what a field costs the server: rows read, levels sent, bars rolled up.
 *
 * | field                                       | weight                                           |
 * | ------------------------------------------- | ------------------------------------------------ |
 * | any other field (`me`, `ticker`, mutations) | 1                                                |
 * | `candles(limit)`                            | ⌈limit / 200⌉ (default 500 → 3; 1,000 → 5)       |
 * | `trades(limit, after, before)`              | ⌈limit / 200⌉, +1 with `after` or `before`       |
 * | `orderBook(depth)`                          | 1 up to depth 20, 2 up to 50, 5 beyond (≤ 100)   |
 * | `ledger(first)`                             | 2 + ⌈first / 50⌉ (default 20 → 3; 100 → 4)       |
 * | `orders`, `myTrades`, `withdrawals`, `adminWithdrawals`, `auditLog` (first) | 1 + ⌈first / 50⌉ |
 * | `__schema` (introspection)                  | 5                                                |
 * | `placeOrders(inputs)`, `cancelOrders(ids)`  | 1 per order; 0 past ORDER_BATCH_MAX (refused)    |
 */
export const FIELD_WEIGHTS: Readonly<Record<string, number | ((args: Args) => number)>> = {
  __typename: 0,
  __schema: 5,
  candles: (args) => Math.ceil(intArg(args.limit, 500) / 200),
  trades: (args) =>
    Math.ceil(intArg(args.limit, 100) / 200) + (args.after != null || args.before != null ? 1 : 0),
  orderBook: (args) => {
    const depth = intArg(args.depth, 20);
    return depth <= 20 ? 1 : depth <= 50 ? 2 : 5;
  },
  ledger: (args) => 2 + Math.ceil(intArg(args.first, 20) / 50),
  orders: pageWeight,
  myTrades: pageWeight,
  withdrawals: pageWeight,
  adminWithdrawals: pageWeight,
  auditLog: pageWeight,
  placeOrders: (args) => batchLength(args.inputs),
  cancelOrders: (args) => batchLength(args.ids),
};

/** Most orders one placeOrders or cancelOrders request may carry (services/orders.service.ts). */
export const ORDER_BATCH_MAX = 20;

/**
 * The orders a batch argument names, as execution will coerce it (a single value is a list of
 * one); none past ORDER_BATCH_MAX, a batch its resolver refuses whole, having done nothing.
 */
function batchLength(value: unknown): number {
  const length = Array.isArray(value) ? value.length : value == null ? 0 : 1;
  return length > ORDER_BATCH_MAX ? 0 : length;
}

type Args = Record<string, unknown>;

function pageWeight(args: Args): number {
  return 1 + Math.ceil(intArg(args.first, 20) / 50);
}

/** An Int argument within 1–1,000 (what every sizing argument allows), else its default. */
function intArg(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isInteger(value) && value >= 1
    ? Math.min(value, 1_000)
    : fallback;
}

/**
 * The weight of running `operation` of `document` with `variables` (FIELD_WEIGHTS): its root
 * fields, through fragments and inline fragments at the root, each weighed once per appearance.
 * Pure, linear in the root selection.
 */
export function operationWeight(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): number {
  const effective = effectiveVariables(operation, variables);
  let weight = 0;
  for (const field of rootFields(document, operation)) {
    const rule = FIELD_WEIGHTS[field.name.value] ?? 1;
    weight += typeof rule === "number" ? rule : rule(argumentsOf(field, effective));
  }
  return Math.max(1, weight);
}

/** What execution will use: each variable's default, unless the request sends a value (null too). */
function effectiveVariables(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const effective: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue) {
      effective[definition.variable.name.value] = valueOf(definition.defaultValue, {});
    }
  }
  return Object.assign(effective, variables ?? {});
}

/**
 * Root fields of a mutation that take order or cancel tokens (order-throttle.ts), and how many:
 * one per order.
 */
const ORDER_FIELDS: Readonly<
  Record<string, { action: OrderAction; count: number | ((args: Args) => number) }>
> = {
  placeOrder: { action: "place", count: 1 },
  placeOrders: { action: "place", count: (args) => batchLength(args.inputs) },
  cancelOrder: { action: "cancel", count: 1 },
  cancelOrders: { action: "cancel", count: (args) => batchLength(args.ids) },
};

/**
 * The order and cancel tokens a mutation will take (one per order its `placeOrder(s)` and
 * `cancelOrder(s)` root fields name, with `variables` substituted), so the weight charge takes
 * them in its round trip; none for other operations.
 */
export function orderTokensOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables?: Readonly<Record<string, unknown>>,
): Record<OrderAction, number> {
  const tokens = { place: 0, cancel: 0 };
  if (operation.operation !== OperationTypeNode.MUTATION) return tokens;
  const effective = effectiveVariables(operation, variables);
  for (const field of rootFields(document, operation)) {
    const rule = ORDER_FIELDS[field.name.value];
    if (!rule) continue;
    const { action, count } = rule;
    tokens[action] += typeof count === "number" ? count : count(argumentsOf(field, effective));
  }
  return tokens;
}

function rootFields(document: DocumentNode, operation: OperationDefinitionNode): FieldNode[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const fields: FieldNode[] = [];
  collectRootFields(operation.selectionSet, fragments, new Set(), fields);
  return fields;
}

function collectRootFields(
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  seen: Set<string>,
  into: FieldNode[],
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) into.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collectRootFields(selection.selectionSet, fragments, seen, into);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // A fragment spread twice at the root still runs its fields once (they merge).
      if (!fragment || seen.has(name)) continue;
      seen.add(name);
      collectRootFields(fragment.selectionSet, fragments, seen, into);
    }
  }
}

function argumentsOf(field: FieldNode, variables: Readonly<Record<string, unknown>>): Args {
  const args: Args = {};
  for (const argument of field.arguments ?? []) {
    args[argument.name.value] = valueOf(argument.value, variables);
  }
  return args;
}

/** An argument's value as far as weights read it: sizes are Ints, cursors are Strings. */
function valueOf(node: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  if (node.kind === Kind.VARIABLE) return variables[node.name.value];
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.NULL) return null;
  if (node.kind === Kind.STRING) return node.value;
  if (node.kind === Kind.LIST) return node.values.map((value) => valueOf(value, variables));
  return true; // present; no sizing argument is an object, float, boolean or enum
}

/** The three scopes request weight is counted in. */
export type WeightScope = "KEY" | "USER" | "IP";

/** One scope's spending in its current window, as the client sees it. */
export interface WeightUsage {
  scope: WeightScope;
  /** Weight spent in the current window, this request included. */
  used: number;
  /** Weight allowed per window. */
  limit: number;
  /** Whole seconds until the window ends and `used` starts again from 0. */
  resetSeconds: number;
}

/** Every counter is a one-minute window starting at its first charge. */
export const WEIGHT_WINDOW_MS = 60_000;

/**
 * Charges a request's weight: an API key's to its key and its user, a session's to its user,
 * an anonymous one's to its address (RATE_LIMIT_*_WEIGHT_PER_MINUTE). A signed key's signature
 * is claimed in the same Redis round trip. Answers each scope's usage after the charge.
 * Over a limit: RATE_LIMITED (`scope: requestWeight`, `weightScope`, `limit`, `retryAfterSeconds`
 * whole); the signature used already: UNAUTHENTICATED `reason: REPLAYED`. Redis down: null
 * (the request goes on unthrottled) for unsigned requests, SERVICE_UNAVAILABLE for signed ones,
 * whose replay cannot be ruled out. `orderTokens` (orderTokensOf) are taken from the caller's
 * order buckets in the same round trip and left in `auth.prepaidOrderTokens`; short: RATE_LIMITED
 * as takeOrderToken answers it, and no weight is counted.
 */
export async function chargeRequestWeight(
  deps: Dependencies,
  auth: Auth | null,
  ip: string,
  weight: number,
  orderTokens: Record<OrderAction, number> = { place: 0, cancel: 0 },
): Promise<WeightUsage[] | null> {
  const scopes = scopesOf(deps, auth, ip);
  const claim = auth?.signatureClaim;
  const actions = auth ? (["place", "cancel"] as const).filter((a) => orderTokens[a] > 0) : [];
  const buckets = actions.flatMap((action) =>
    orderBuckets(deps, auth!, action).map((b) => ({ ...b, take: orderTokens[action], action })),
  );
  let charge: Awaited<ReturnType<typeof chargeWeight>>;
  try {
    charge = await chargeWeight(
      deps.redis,
      weight,
      WEIGHT_WINDOW_MS,
      scopes,
      claim && { key: claim.replayKey, ttlMs: claim.ttlMs },
      buckets,
    );
  } catch (error) {
    if (!isUnavailable(error)) throw error;
    if (claim) {
      throw new DomainError(
        ErrorCode.SERVICE_UNAVAILABLE,
        "The replay store (Redis) is unavailable, so a signed request cannot be accepted; nothing was changed, retry later",
      );
    }
    warnUnthrottled(deps);
    return null;
  }
  if (charge.kind === "replayed") {
    throw signatureRefused("REPLAYED", "this signature was accepted once already; sign anew");
  }
  if (charge.kind === "tokensShort") {
    const action = buckets[charge.bucket]?.action ?? "place";
    throw rateLimited(charge.waitMs / 1000, limitOf(action).scope);
  }
  if (auth && actions.length > 0) auth.prepaidOrderTokens = { ...orderTokens };
  const usage = charge.counters.map((c, i) => ({
    scope: scopes[i]!.scope,
    used: c.used,
    limit: scopes[i]!.max,
    resetSeconds: Math.max(1, Math.ceil(c.resetMs / 1000)),
  }));
  if (charge.kind === "refused") {
    const blocking = usage.find((u) => u.used + weight > u.limit) ?? usage[0]!;
    const base = rateLimited(Math.max(1, Math.ceil(charge.waitMs / 1000)), "requestWeight");
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `${base.message} (${blocking.scope} limit ${blocking.limit} a minute; this request weighs ${weight})`,
      { ...base.details, weightScope: blocking.scope, limit: blocking.limit, weight, usage },
    );
  }
  return usage;
}

/** Each scope's usage now, without charging (`used` 0 and a full window where none is open). */
export async function readRequestWeight(
  deps: Dependencies,
  auth: Auth | null,
  ip: string,
): Promise<WeightUsage[]> {
  const scopes = scopesOf(deps, auth, ip);
  const pipeline = deps.redis.multi();
  for (const { key } of scopes) pipeline.get(key).pttl(key);
  const replies = (await pipeline.exec()) ?? [];
  return scopes.map((s, i) => {
    const ttl = Number(replies[2 * i + 1]?.[1] ?? -2);
    const used = ttl > 0 ? Number(replies[2 * i]?.[1] ?? 0) : 0;
    return {
      scope: s.scope,
      used,
      limit: s.max,
      resetSeconds: Math.ceil((ttl > 0 ? ttl : WEIGHT_WINDOW_MS) / 1000),
    };
  });
}

/** The usage a client should watch: the scope with the least weight left. */
export function tightest(usage: readonly WeightUsage[]): WeightUsage | undefined {
  let best: WeightUsage | undefined;
  for (const u of usage) if (!best || u.limit - u.used < best.limit - best.used) best = u;
  return best;
}

function scopesOf(
  deps: Dependencies,
  auth: Auth | null,
  ip: string,
): (WeightCounter & { scope: WeightScope })[] {
  const { namespace, rateLimitKeyWeightPerMinute, rateLimitUserWeightPerMinute } = deps.config;
  const prefix = `${namespace}:weight`;
  if (!auth) {
    const max = deps.config.rateLimitIpWeightPerMinute;
    return [{ scope: "IP", key: `${prefix}:ip:${throttleAddress(ip)}`, max }];
  }
  const user = {
    scope: "USER" as const,
    key: `${prefix}:user:${auth.user.id}`,
    max: rateLimitUserWeightPerMinute,
  };
  if (auth.via !== "apiKey" || !auth.apiKeyId) return [user];
  return [
    { scope: "KEY", key: `${prefix}:key:${auth.apiKeyId}`, max: rateLimitKeyWeightPerMinute },
    user,
  ];
}

let lastUnthrottledWarning = 0;
/** At most one warning per 10 s. */
function warnUnthrottled(deps: Dependencies): void {
  if (Date.now() - lastUnthrottledWarning < 10_000) return;
  lastUnthrottledWarning = Date.now();
  deps.log.warn("request weight limit skipped: Redis is unavailable");
}
