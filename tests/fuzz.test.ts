/**
 * Issue 9, "Tests": fast-check over every argument of every query, mutation and subscription in
 * the schema. The list of operations is built from schema/*.graphql at collection time (and
 * checked against the live server's introspection), so a new field or argument is fuzzed without
 * touching this file.
 *
 * Each run takes plausible values for every argument, then puts one hostile value (or removes a
 * value, or adds an unknown key) in one place, and sends it as variables over HTTP — as a funded
 * user with a session, or one with an API key. For every answer: no INTERNAL_SERVER_ERROR, no
 * HTTP 500, every error has an `extensions.code`; a refused mutation changes nothing (wallets,
 * ledger, orders, outbox, keys, password of both users); and money is conserved. Subscriptions,
 * and a subset of the rest, also go over graphql-ws.
 *
 * Failures are collected rather than shrunk (each request is a round trip), grouped by field and
 * kind, and reported at the end of each field's test with a sample input. Reproduce a run with
 * FUZZ_SEED=<seed printed below>.
 */
import { makeExecutableSchema } from "@graphql-tools/schema";
import fc from "fast-check";
import {
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from "graphql";
import type { Client } from "graphql-ws";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEPOSIT, ME, PLACE_ORDER_ID } from "../client/index.ts";
import { parseDecimal } from "../money/decimal.ts";
import { fundedUser, newApiKey, startApi, type TestApi, type TestUser } from "./kit/index.ts";

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_222);
/** Runs per field over HTTP; fields whose input holds a password cost a scrypt per run. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const EXPENSIVE_RUNS = Math.max(1, Math.round(RUNS / 10));
/** Runs per field over graphql-ws. */
const WS_RUNS = Math.max(1, Math.round(RUNS / 5));
/** A subscription that says nothing for this long has accepted its arguments. */
const QUIET_MS = 250;
const ANSWER_MS = 10_000;

// ---------------------------------------------------------------------------------------------
// The schema, as the SDL files declare it.

const SCHEMA_DIR = resolve(import.meta.dirname, "../schema");
const sdl: GraphQLSchema = makeExecutableSchema({
  typeDefs: readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".graphql"))
    .sort()
    .map((f) => readFileSync(resolve(SCHEMA_DIR, f), "utf8")),
});

type OperationType = "query" | "mutation" | "subscription";
interface Operation {
  type: OperationType;
  field: GraphQLField<unknown, unknown>;
  document: string;
  expensive: boolean;
}

function operations(type: OperationType): Operation[] {
  const root =
    type === "query"
      ? sdl.getQueryType()
      : type === "mutation"
        ? sdl.getMutationType()
        : sdl.getSubscriptionType();
  return Object.values(root?.getFields() ?? {}).map((field) => ({
    type,
    field,
    document: documentOf(type, field),
    expensive: holdsPassword(field),
  }));
}

function documentOf(type: OperationType, field: GraphQLField<unknown, unknown>): string {
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(", ");
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  return `${type}${declared ? `(${declared})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selectionOf(field.type, 3)} }`;
}

/** Every leaf field (without required arguments) down to `depth` levels of objects. */
function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named) || !isObjectType(named)) return "";
  const parts = ["__typename"];
  for (const field of Object.values(named.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type))) continue;
    const inner = getNamedType(field.type);
    if (isLeafType(inner)) parts.push(field.name);
    else if (depth > 1) parts.push(`${field.name}${selectionOf(field.type, depth - 1)}`);
  }
  return ` { ${parts.join(" ")} }`;
}

function holdsPassword(field: GraphQLField<unknown, unknown>): boolean {
  const seen = new Set<string>();
  const visit = (name: string, type: GraphQLInputType): boolean => {
    if (/password/i.test(name)) return true;
    const named = getNamedType(type);
    if (!isInputObjectType(named) || seen.has(named.name)) return false;
    seen.add(named.name);
    return Object.values(named.getFields()).some((f) => visit(f.name, f.type));
  };
  return field.args.some((a) => visit(a.name, a.type));
}

const QUERIES = operations("query");
const MUTATIONS = operations("mutation");
const SUBSCRIPTIONS = operations("subscription");
const withArguments = (ops: Operation[]) => ops.filter((o) => o.field.args.length > 0);

// ---------------------------------------------------------------------------------------------
// Values.

/** A JSON token written into the body as is: numbers JSON.stringify cannot make (1e309, -0). */
class Raw {
  constructor(readonly json: string) {}
}

function toJson(value: unknown): string {
  if (value instanceof Raw) return value.json;
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(toJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}:${toJson(v)}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** The same value as a plain JS value (graphql-ws serialises it itself). */
function toPlain(value: unknown): unknown {
  if (value instanceof Raw) {
    try {
      return JSON.parse(value.json);
    } catch {
      return null;
    }
  }
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

const b64 = (text: string) => Buffer.from(text).toString("base64url");

/** Ids the fuzz may aim at: its users' own orders and keys, and another user's. */
const knownIds: string[] = [];

const repeated = (chars: string[], min: number, max: number) =>
  fc
    .tuple(fc.constantFrom(...chars), fc.integer({ min, max }))
    .map(([c, n]) => c.repeat(Math.ceil(n / c.length)));

/** Built when a test runs, after the ids in `knownIds` exist. */
const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    // Poison in a value that is otherwise right: what slips past shape checks to PostgreSQL.
    {
      weight: 6,
      arbitrary: fc
        .tuple(
          fc.constantFrom(
            "BTC_USDT",
            "USDT",
            "BTC",
            "fuzz",
            "fuzz@example.test",
            "long enough password",
            "fz-1",
            "",
          ),
          fc.constantFrom(
            "\u0000",
            "\ud800",
            "\udc00",
            "\u0000\u0000",
            "\\",
            "'",
            '"',
            "%",
            "_",
            "\n",
            " ",
            "\u00a0",
            "\u200b",
            "é",
            "😀",
          ),
          fc.boolean(),
        )
        .map(([text, poison, before]) => (before ? poison + text : text + poison)),
    },
    // Values that fit the type but not the column: positions past 2^63, dates PostgreSQL refuses.
    {
      weight: 3,
      arbitrary: fc.oneof(
        fc
          .tuple(
            fc.constantFrom("order", "ledger", "trade"),
            fc.constantFrom("9223372036854775808", "9999999999999999999", "18446744073709551615"),
          )
          .map(([kind, position]) => b64(`${kind}:${position}`)),
        fc.constantFrom(
          "0000-01-01T00:00:00Z",
          "0001-01-01T00:00:00Z",
          "4714-11-24T00:00:00-12:00",
          "294277-01-01T00:00:00Z",
          "+275760-09-13T00:00:00.000Z",
          "-271821-04-20T00:00:00.000Z",
        ),
      ),
    },
    fc.constantFrom(
      "",
      " ",
      "\t\n\r",
      "\u0000",
      "a\u0000b",
      "\ud800",
      "\udfff",
      "x\ud800y",
      "\u202eUSDT",
      "\ufeff",
      "NaN",
      "Infinity",
      "-Infinity",
      "1e309",
      "-1e309",
      "1e-400",
      "-0",
      "0x10",
      "1_000",
      "+1",
      ".5",
      "5.",
      "1e3",
      "1E-7",
      "١٢٣",
      "０",
      "null",
      "undefined",
      "true",
      "[]",
      "{}",
      "'; DROP TABLE users; --",
      "%s%n%x",
      "${7*7}",
      "../../../etc/passwd",
      "BTC_USDT\u0000",
      "btc_usdt",
      " BTC_USDT ",
      "BTC_USDT",
      "ETH_BTC",
      "USDT",
      "usdt",
      "ＵＳＤＴ",
      "BUY",
      "LIMIT",
      "ADMIN",
      "M1",
      "0",
      "1",
      "-1",
      "100",
      "0.1",
      "0.00000001",
      "0.000000000000000001",
      "0.0000000000000000001",
      "99999999999999999999",
      "100000000000000000000",
      "99999999999999999999.999999999999999999",
      "-99999999999999999999",
      "9223372036854775807",
      "9223372036854775808",
      "18446744073709551616",
      "0000-01-01T00:00:00Z",
      "1969-12-31T23:59:59Z",
      "1970-01-01T00:00:00Z",
      "2026-02-30T00:00:00Z",
      "2026-01-01T00:00:00",
      "2026-01-01",
      "+275760-09-13T00:00:00.000Z",
      "-000001-01-01T00:00:00Z",
      "9999-12-31T23:59:59.999Z",
      "10000-01-01T00:00:00Z",
      "2026-01-01T00:00:00+99:99",
      "2026-01-01T00:00:00.1234567890123Z",
      "Thu, 01 Jan 2026 00:00:00 GMT",
      "00000000-0000-0000-0000-000000000000",
      "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
      "ehk_AAAAAAAAAAAA_BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
      "a@b.c",
      "a@b",
      "@",
      `${"a".repeat(64)}@example.test`,
    ),
    // Cursors of every list, out of range or malformed.
    fc
      .tuple(
        fc.constantFrom("order", "ledger", "trade", "other", ""),
        fc.constantFrom(
          "1",
          "0",
          "-1",
          "",
          "1e3",
          " 1",
          "1 ",
          "00000000000000000001",
          "9223372036854775807",
          "9223372036854775808",
          "99999999999999999999",
          "\u0000",
          "1\u0000",
          "ａ",
        ),
      )
      .map(([kind, position]) => b64(`${kind}:${position}`)),
    fc.uuid(),
    fc.uuid().map((u) => u.toUpperCase()),
    fc.constantFrom(...knownIds, "x"),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 40,
    }),
    fc.integer().map(String),
    fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
    fc.double().map(String),
    fc
      .tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }))
      .map(([i, f]) => `${"9".repeat(i)}.${"9".repeat(f)}`),
    // Long: around every bound (100, 255, 1,000 characters) and far past them.
    repeated(["a", "9", "0", " ", "é", "😀", "\u0000", "A_"], 60, 1_100),
    repeated(["a", "9", "0"], 1_000, 60_000),
    fc.integer({ min: 20, max: 5_000 }).map((n) => `0.${"0".repeat(n)}1`),
  );

const hostileNumber: fc.Arbitrary<Raw | number> = fc.oneof(
  fc.constantFrom(
    new Raw("1e309"),
    new Raw("-1e309"),
    new Raw("-0"),
    new Raw("1e-400"),
    new Raw("123456789012345678901234567890"),
    new Raw("9007199254740993"),
    new Raw("-9223372036854775809"),
    new Raw("2147483648"),
    new Raw("-2147483649"),
    new Raw("1.0"),
    new Raw("1.5"),
    new Raw("0.1"),
    new Raw("1E2"),
    0,
    -1,
    1,
    20,
    100,
    101,
    1_000,
    1_001,
    2 ** 31 - 1,
    -(2 ** 31),
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.maxSafeInteger(),
);

const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: hostileString() },
    { weight: 4, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.boolean() },
    {
      weight: 2,
      arbitrary: fc.array(fc.oneof(hostileString(), hostileNumber, fc.constant(null)), {
        maxLength: 4,
      }),
    },
    { weight: 1, arbitrary: fc.object({ maxDepth: 2, maxKeys: 4 }) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        new Raw(`${"[".repeat(2_000)}${"]".repeat(2_000)}`),
        new Raw(`${'{"a":'.repeat(500)}1${"}".repeat(500)}`),
        new Raw(`[${Array.from({ length: 5_000 }, () => '"BUY"').join(",")}]`),
        new Raw(`{"__proto__":{"admin":true}}`),
        new Raw(`{"constructor":{"prototype":{"x":1}}}`),
      ),
    },
  );

/** A plausible value for a place in the input, read from its name and type. */
function plausible(type: GraphQLInputType, name: string): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausible(type.ofType, name);
  if (isListType(type))
    return fc.array(plausible(type.ofType, name), {
      minLength: 1,
      maxLength: 3,
    });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    const spec = Object.fromEntries(fields.map((f) => [f.name, plausible(f.type, f.name)]));
    const generic = fc.record(spec, {
      requiredKeys: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
    });
    const examples = EXAMPLES[type.name];
    return examples ? fc.oneof(generic, examples) : generic;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case "Int":
        return /intervalSeconds/i.test(name) ? fc.constant(1) : fc.integer({ min: 1, max: 20 });
      case "Boolean":
        return fc.boolean();
      case "Float":
        return fc.double({ noNaN: true, noDefaultInfinity: true });
      case "DateTime":
        return fc.constantFrom("2026-01-01T00:00:00Z", "2025-06-01T12:00:00.000Z");
      case "Decimal":
        if (/price/i.test(name)) return fc.constantFrom("100", "65000.5", "0.05");
        return fc.constantFrom("0.1", "1", "0.001", "10");
      case "ID":
        return fc.oneof(fc.uuid(), fc.constantFrom(...knownIds, "x"));
      default:
        return plausibleString(name);
    }
  }
  return fc.constant(null);
}

function plausibleString(name: string): fc.Arbitrary<string> {
  if (/market/i.test(name)) return fc.constantFrom("BTC_USDT", "ETH_USDT", "ETH_BTC");
  if (/asset/i.test(name)) return fc.constantFrom("BTC", "ETH", "USDT");
  if (/email/i.test(name)) return fc.uuid().map((u) => `fuzz-${u.slice(0, 12)}@example.test`);
  if (/current.*password/i.test(name)) return fc.constant("not the current password");
  if (/password/i.test(name)) return fc.constant("long enough password");
  if (/clientOrderId/i.test(name)) return fc.uuid().map((u) => `fz-${u.slice(0, 18)}`);
  if (/after|before|cursor/i.test(name)) return fc.constantFrom(b64("order:1"), b64("ledger:1"));
  if (/name/i.test(name)) return fc.constantFrom("fuzz", "grid bot");
  return fc.constantFrom("x", "BTC_USDT");
}

/**
 * Inputs that pass every rule, for the input types whose rules depend on each other (a LIMIT
 * order needs a price and an amount, a MARKET BUY a quote amount): half the runs start from one,
 * so the hostile value is what gets refused. Other input types start from generic values.
 */
const EXAMPLES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  PlaceOrderInput: fc.oneof(
    fc.constant({ market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "100", amount: "0.1" }),
    fc.uuid().map((u) => ({
      market: "ETH_USDT",
      side: "SELL",
      type: "LIMIT",
      timeInForce: "GTC",
      price: "3000",
      amount: "0.01",
      postOnly: true,
      selfTradePrevention: "EXPIRE_MAKER",
      clientOrderId: `fz-${u.slice(0, 18)}`,
    })),
    fc.constant({ market: "BTC_USDT", side: "BUY", type: "MARKET", quoteAmount: "10" }),
    fc.constant({ market: "ETH_BTC", side: "SELL", type: "MARKET", amount: "0.1" }),
  ),
};

/** Places a run may put its hostile value: each argument and each input field, at any depth. */
interface Slot {
  path: (string | number)[];
  type: GraphQLInputType;
  /** The argument's or input field's name (of the list, for a list item). */
  name: string;
}

function slotsOf(field: GraphQLField<unknown, unknown>): Slot[] {
  const slots: Slot[] = [];
  const walk = (type: GraphQLInputType, path: Slot["path"], name: string, seen: Set<string>) => {
    const inner = isNonNullType(type) ? type.ofType : type;
    slots.push({ path, type, name });
    if (isListType(inner)) walk(inner.ofType, [...path, 0], name, seen);
    else if (isInputObjectType(inner) && !seen.has(inner.name)) {
      for (const f of Object.values(inner.getFields()))
        walk(f.type, [...path, f.name], f.name, new Set([...seen, inner.name]));
    }
  };
  for (const arg of field.args) walk(arg.type, [arg.name], arg.name, new Set());
  return slots;
}

const POISON = ["\u0000", "\ud800", "\udc00", "\\", "'", "%", "_", " ", "\u200b", "😀"];

/**
 * Near misses for one place: its own plausible value with poison around it, and for cursors,
 * dates and decimals the values that fit the shape but not the column behind it.
 */
function nearMiss(slot: Slot): fc.Arbitrary<unknown> {
  const named = getNamedType(slot.type);
  const poisoned = fc
    .tuple(plausible(named, slot.name), fc.constantFrom(...POISON), fc.boolean())
    .map(([value, poison, before]) =>
      before ? `${poison}${String(value)}` : `${String(value)}${poison}`,
    );
  if (/after|before|cursor/i.test(slot.name)) {
    const overflow = fc
      .tuple(
        fc.constantFrom("order", "ledger", "trade"),
        fc.constantFrom("9223372036854775808", "9999999999999999999", "-9223372036854775809", "0"),
      )
      .map(([kind, position]) => b64(`${kind}:${position}`));
    return fc.oneof(poisoned, overflow);
  }
  if (named.name === "DateTime") {
    return fc.oneof(
      poisoned,
      fc.constantFrom(
        "0000-01-01T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "1969-12-31T23:59:59Z",
        "2026-02-29T00:00:00Z",
        "2026-01-01T00:00:00",
        "294277-01-01T00:00:00Z",
        "+275760-09-13T00:00:00.000Z",
      ),
    );
  }
  if (named.name === "Decimal") {
    return fc.oneof(
      poisoned,
      fc.constantFrom(
        "0.000000000000000001",
        "99999999999999999999",
        "99999999999999999999.999999999999999999",
        "1e2",
        "-0",
        "-0.1",
        "00000000000000000000000000000001",
        "1.000000000000000000000000000000",
      ),
    );
  }
  if (named.name === "Int") {
    return fc.oneof(
      fc.constantFrom(0, -1, 2 ** 31 - 1, -(2 ** 31), 101, 1_001),
      fc.constantFrom(new Raw("2147483648"), new Raw("1e309"), new Raw("1.5")),
    );
  }
  return isScalarType(named) ? poisoned : plausible(slot.type, slot.name);
}

type Action = "replace" | "remove" | "unknownKey";
interface Run {
  variables: Record<string, unknown>;
  slot: (string | number)[];
  action: Action;
  hostile: unknown;
  who: "session" | "apiKey";
}

function runs(field: GraphQLField<unknown, unknown>): fc.Arbitrary<Run> {
  const base = fc.record(
    Object.fromEntries(field.args.map((a) => [a.name, plausible(a.type, a.name)])),
    { requiredKeys: field.args.filter((a) => isNonNullType(a.type)).map((a) => a.name) },
  ) as fc.Arbitrary<Record<string, unknown>>;
  return fc.constantFrom(...slotsOf(field)).chain((slot) =>
    fc.record({
      variables: base,
      slot: fc.constant(slot.path),
      action: fc.constantFrom<Action>(
        "replace",
        "replace",
        "replace",
        "replace",
        "replace",
        "replace",
        "remove",
        "unknownKey",
      ),
      hostile: fc.oneof(
        { weight: 3, arbitrary: hostileValue() },
        { weight: 2, arbitrary: nearMiss(slot) },
      ),
      who: fc.constantFrom<"session" | "apiKey">("session", "apiKey"),
    }),
  );
}

/** The variables with the run's change applied at its slot. */
function applyRun(run: Run): Record<string, unknown> {
  const root = structuredClone(run.variables) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = root;
  for (let i = 0; i < run.slot.length - 1; i++) {
    const key = run.slot[i]!;
    const next = parent[key];
    const nextKey = run.slot[i + 1];
    if (next === null || typeof next !== "object")
      parent[key] = typeof nextKey === "number" ? [] : {};
    parent = parent[key] as Record<string | number, unknown>;
  }
  const last = run.slot.at(-1)!;
  if (run.action === "remove") delete parent[last];
  else if (run.action === "unknownKey") {
    const target = parent[last];
    if (target && typeof target === "object" && !Array.isArray(target))
      (target as Record<string, unknown>).unexpected = run.hostile;
    else parent[last] = run.hostile;
  } else parent[last] = run.hostile;
  return root;
}

const preview = (value: unknown) => {
  const text = toJson(value);
  return text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
};

// ---------------------------------------------------------------------------------------------
// The server, its users and what a refused mutation must leave alone.

let api: TestApi;
let session: TestUser;
let botOwner: TestUser;
let botKey: Record<string, string>;

beforeAll(async () => {
  console.log(
    `fuzz seed ${SEED} (FUZZ_SEED), ${RUNS} runs per field (FUZZ_RUNS): ${QUERIES.length} queries, ${MUTATIONS.length} mutations, ${SUBSCRIPTIONS.length} subscriptions`,
  );
  api = await startApi({
    // Throttles of other test files (same IP) must not count here, nor this file's in theirs.
    EVENTHUB_NAMESPACE: `${inject("namespace")}_fz${randomBytes(2).toString("hex")}`,
    REGISTRATIONS_PER_IP_HOUR: "100000",
    // The fuzz sends its cases back to back on one socket; the message rate has its own test.
    WS_MAX_MESSAGES_PER_SECOND: "100000",
  });
  const funds = { USDT: "1000000", BTC: "100", ETH: "1000" };
  session = await fundedUser(api, "fuzz-session", funds);
  botOwner = await fundedUser(api, "fuzz-bot", funds);
  botKey = (await newApiKey(api, botOwner, ["READ", "TRADE", "WITHDRAW"])).header;
  const stranger = await fundedUser(api, "fuzz-stranger", funds);
  // Ids worth aiming at: a key of the session user (revocable by it), and the stranger's.
  knownIds.push((await newApiKey(api, session, ["READ"])).id);
  knownIds.push((await newApiKey(api, stranger, ["READ"])).id);
  for (const [user, headers] of [
    [session, session.bearer],
    [stranger, stranger.bearer],
    [botOwner, botKey],
  ] as const) {
    const res = await api.gql(
      PLACE_ORDER_ID,
      { input: { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "100", amount: "0.1" } },
      headers,
    );
    if (!res.data) throw new Error(`placeOrder for ${user.email}: ${JSON.stringify(res.errors)}`);
    knownIds.push(res.data.placeOrder.id);
  }
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

/** Everything of both users a refused mutation must not change (hashes compared, not shown). */
async function snapshot(): Promise<string> {
  const ids = [session.id, botOwner.id];
  const { rows } = await api.deps.pool.query(
    `SELECT
       (SELECT json_agg(json_build_array(user_id, asset, available::text, locked::text) ORDER BY user_id, asset)
          FROM wallets WHERE user_id = ANY($1)) AS wallets,
       (SELECT json_agg(json_build_array(id, status, locked_remaining::text, filled_amount::text) ORDER BY id)
          FROM orders WHERE user_id = ANY($1)) AS orders,
       (SELECT count(*) FROM ledger_entries WHERE user_id = ANY($1))::int AS ledger,
       (SELECT count(*) FROM outbox WHERE payload->>'userId' = ANY($1::text[]))::int AS outbox,
       (SELECT json_agg(json_build_array(id, name, revoked_at) ORDER BY id)
          FROM api_keys WHERE user_id = ANY($1)) AS keys,
       (SELECT json_agg(json_build_array(id, md5(password_hash), name, email) ORDER BY id)
          FROM users WHERE id = ANY($1)) AS users`,
    [ids],
  );
  return JSON.stringify(rows[0]);
}

/** Conservation (per asset, all wallets = deposits − withdrawals); wallet = ledger; locks = orders. */
async function checkMoney(): Promise<string[]> {
  const problems: string[] = [];
  const { rows: totals } = await api.deps.pool.query<{
    symbol: string;
    held: string;
    deposited: string;
  }>(`
    SELECT a.symbol,
           coalesce((SELECT sum(available + locked) FROM wallets w WHERE w.asset = a.symbol), 0)::text AS held,
           coalesce((SELECT sum(available_delta + locked_delta) FROM ledger_entries l
                      WHERE l.asset = a.symbol AND reason IN ('DEPOSIT', 'WITHDRAWAL')), 0)::text AS deposited
      FROM assets a`);
  for (const row of totals) {
    if (parseDecimal(row.held) !== parseDecimal(row.deposited))
      problems.push(`${row.symbol}: wallets hold ${row.held}, deposits total ${row.deposited}`);
  }
  const { rows: drift } = await api.deps.pool.query<{ user_id: string; asset: string }>(
    `SELECT w.user_id, w.asset FROM wallets w
       LEFT JOIN (SELECT user_id, asset, sum(available_delta) a, sum(locked_delta) l
                    FROM ledger_entries GROUP BY 1, 2) s USING (user_id, asset)
      WHERE (w.available <> coalesce(s.a, 0) OR w.locked <> coalesce(s.l, 0))
        AND w.user_id = ANY($1)`,
    [[session.id, botOwner.id]],
  );
  for (const row of drift) problems.push(`wallet ${row.user_id}/${row.asset} differs from ledger`);
  const { rows: locks } = await api.deps.pool.query<{
    user_id: string;
    asset: string;
    locked: string;
    held: string;
  }>(
    `SELECT w.user_id, w.asset, w.locked::text, coalesce(o.held, 0)::text AS held FROM wallets w
       LEFT JOIN (SELECT o.user_id, CASE WHEN o.side = 'BUY' THEN m.quote ELSE m.base END AS asset,
                         sum(o.locked_remaining) AS held
                    FROM orders o JOIN markets m ON m.symbol = o.market
                   WHERE o.status IN ('PENDING', 'OPEN', 'PARTIALLY_FILLED') GROUP BY 1, 2) o
         USING (user_id, asset)
      WHERE w.locked <> coalesce(o.held, 0) AND w.user_id = ANY($1)`,
    [[session.id, botOwner.id]],
  );
  for (const row of locks)
    problems.push(`wallet ${row.user_id}/${row.asset} locks ${row.locked}, orders ${row.held}`);
  const { rows: negative } = await api.deps.pool.query<{ user_id: string; asset: string }>(
    `SELECT user_id, asset FROM wallets WHERE available < 0 OR locked < 0`,
  );
  for (const row of negative) problems.push(`wallet ${row.user_id}/${row.asset} is negative`);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// One run, and what is wrong with its answer.

interface Answer {
  status: number | "ws";
  data?: Record<string, unknown> | null;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
  /** Set when there was no proper GraphQL answer at all. */
  broken?: string;
}

async function overHttp(op: Operation, run: Run, variables: unknown): Promise<Answer> {
  const headers = run.who === "session" ? session.bearer : botKey;
  let response: Response;
  try {
    response = await fetch(api.url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: `{"query":${JSON.stringify(op.document)},"variables":${toJson(variables)}}`,
      signal: AbortSignal.timeout(ANSWER_MS),
    });
  } catch (error) {
    return { status: 0, broken: `no HTTP answer: ${(error as Error).message}` };
  }
  const text = await response.text();
  try {
    return { status: response.status, ...(JSON.parse(text) as object) };
  } catch {
    return { status: response.status, broken: `not JSON: ${text.slice(0, 200)}` };
  }
}

async function overWs(op: Operation, run: Run, variables: unknown): Promise<Answer> {
  const client = run.who === "session" ? wsSession : wsBot;
  return new Promise<Answer>((done) => {
    let settled = false;
    const finish = (answer: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unsubscribe();
      done(answer);
    };
    // A subscription quiet this long accepted its arguments; anything else always answers.
    const timer = setTimeout(
      () =>
        finish(
          op.type === "subscription"
            ? { status: "ws", data: null }
            : { status: "ws", broken: `no graphql-ws answer within ${ANSWER_MS} ms` },
        ),
      op.type === "subscription" ? QUIET_MS : ANSWER_MS,
    );
    const unsubscribe = client.subscribe(
      { query: op.document, variables: toPlain(variables) as Record<string, unknown> },
      {
        next: (result) => finish({ status: "ws", ...(result as object) }),
        error: (error: unknown) => {
          if (Array.isArray(error)) finish({ status: "ws", errors: error });
          else {
            const e = error as { code?: number; reason?: string; message?: string };
            finish({
              status: "ws",
              broken: `socket: ${e.code ?? ""} ${e.reason ?? e.message ?? String(error)}`,
            });
          }
        },
        complete: () => finish({ status: "ws", data: null }),
      },
    );
  });
}

let wsSession: Client;
let wsBot: Client;

function problemsOf(answer: Answer): string[] {
  if (answer.broken) return [answer.broken];
  const problems: string[] = [];
  if (answer.status === 500) problems.push("HTTP 500");
  if (answer.status === 413 && !answer.errors?.length) problems.push("HTTP 413 without errors");
  for (const error of answer.errors ?? []) {
    const code = error.extensions?.code;
    if (typeof code !== "string") problems.push(`an error without a code: ${error.message}`);
    else if (code === "INTERNAL_SERVER_ERROR") problems.push("INTERNAL_SERVER_ERROR");
  }
  return problems;
}

interface Failure {
  key: string;
  sample: string;
}

async function fuzz(
  op: Operation,
  transport: "http" | "ws",
  numRuns: number,
  seed: number,
): Promise<Failure[]> {
  const failures = new Map<string, Failure>();
  const note = (run: Run, variables: unknown, problem: string, answer: Answer) => {
    const key = `${op.field.name} [${run.slot.join(".")}] ${run.action}: ${problem}`;
    if (failures.has(key)) return;
    const message = answer.errors?.[0]?.message ?? answer.broken ?? "";
    failures.set(key, {
      key,
      sample: `${run.who} variables ${preview(variables)} → ${answer.status} ${(answer.errors?.[0]?.extensions?.code as string | undefined) ?? ""} ${message.slice(0, 200)}`,
    });
  };
  const isMutation = op.type === "mutation";
  const outcomes = new Map<string, number>();
  await fc.assert(
    fc.asyncProperty(runs(op.field), async (run) => {
      const variables = applyRun(run);
      const before = isMutation ? await snapshot() : "";
      const answer =
        transport === "http"
          ? await overHttp(op, run, variables)
          : await overWs(op, run, variables);
      for (const problem of problemsOf(answer)) note(run, variables, problem, answer);
      const outcome = answer.broken
        ? "broken"
        : answer.errors?.length
          ? String(answer.errors[0]!.extensions?.code)
          : "data";
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      const refused = !answer.data?.[op.field.name];
      if (isMutation && refused) {
        const after = await snapshot();
        if (after !== before)
          note(
            run,
            variables,
            `refused (${String(answer.errors?.[0]?.extensions?.code)}) yet changed state`,
            answer,
          );
        const email = (variables.input as { email?: unknown } | undefined)?.email;
        if (op.field.name === "register" && typeof email === "string") {
          const { rows } = await api.deps.pool.query(
            `SELECT 1 FROM users WHERE lower(email) = lower($1)`,
            [email.replaceAll("\u0000", "")],
          );
          if (rows.length) note(run, variables, "refused register yet the account exists", answer);
        }
      }
      return true;
    }),
    { seed, numRuns },
  );
  const tally = [...outcomes].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`);
  console.log(`${transport} ${op.type} ${op.field.name}, seed ${seed}: ${tally.join(", ")}`);
  return [...failures.values()];
}

const report = (failures: Failure[]) => failures.map((f) => `${f.key}\n      e.g. ${f.sample}`);

// ---------------------------------------------------------------------------------------------

describe("the operations fuzzed are the ones the server serves", () => {
  it("the SDL's root fields are exactly the live schema's", async () => {
    const res = await api.gql(getIntrospectionQuery());
    const schema = res.data as IntrospectionQuery | null | undefined;
    const live = (name: string) => {
      const type = schema?.__schema.types.find((t) => t.name === name);
      const fields = type && "fields" in type ? type.fields : [];
      return fields.map((f) => `${f.name}(${f.args.map((a) => a.name).join(",")})`);
    };
    const declared = (ops: Operation[]) =>
      ops.map((o) => `${o.field.name}(${o.field.args.map((a) => a.name).join(",")})`);
    expect(declared(QUERIES).sort()).toEqual(live("Query").sort());
    expect(declared(MUTATIONS).sort()).toEqual(live("Mutation").sort());
    expect(declared(SUBSCRIPTIONS).sort()).toEqual(live("Subscription").sort());
    expect(withArguments([...QUERIES, ...MUTATIONS]).length).toBeGreaterThan(10);
  });

  it("the state snapshot sees a change (so 'nothing changed' is not vacuous)", async () => {
    const before = await snapshot();
    const res = await api.gql(DEPOSIT, { asset: "ETH", amount: "0.5" }, session.bearer);
    expect(res.errors).toBeUndefined();
    expect(await snapshot()).not.toBe(before);
  });

  it.each(
    [...QUERIES, ...MUTATIONS]
      .filter((o) => o.field.args.length === 0)
      .map((o) => [o.field.name, o] as const),
  )("%s takes no arguments: answered with a typed code or data", async (_name, op) => {
    for (const headers of [session.bearer, botKey]) {
      const res = await api.gql(op.document, {}, headers);
      const problems = problemsOf({ status: res.status, data: res.data, errors: res.errors });
      expect(problems, JSON.stringify(res).slice(0, 300)).toEqual([]);
    }
  });
});

describe.each(
  [...withArguments(QUERIES), ...withArguments(MUTATIONS)].map(
    (o, i) => [`${o.type} ${o.field.name}`, o, i] as const,
  ),
)("fuzz %s over HTTP", (_name, op, index) => {
  it(`every argument, ${op.expensive ? EXPENSIVE_RUNS : RUNS} hostile runs: typed errors, nothing changed by a refusal, money conserved`, async () => {
    const failures = await fuzz(op, "http", op.expensive ? EXPENSIVE_RUNS : RUNS, SEED + index);
    expect(report(failures)).toEqual([]);
    expect(await checkMoney()).toEqual([]);
  }, 120_000);
});

describe("fuzz over graphql-ws", () => {
  beforeAll(() => {
    wsSession = api.ws({ authorization: session.bearer.authorization });
    wsBot = api.ws({ apiKey: botKey["x-api-key"] });
  });

  it.each(withArguments(SUBSCRIPTIONS).map((o, i) => [o.field.name, o, i] as const))(
    "subscription %s: every argument, typed errors",
    async (_name, op, index) => {
      const failures = await fuzz(op, "ws", WS_RUNS * 2, SEED + 1_000 + index);
      expect(report(failures)).toEqual([]);
    },
    120_000,
  );

  it.each(
    [...withArguments(QUERIES), ...withArguments(MUTATIONS)]
      .filter((o) => !o.expensive)
      .map((o, i) => [`${o.type} ${o.field.name}`, o, i] as const),
  )(
    "%s: a subset of runs, typed errors, nothing changed by a refusal",
    async (_name, op, index) => {
      const failures = await fuzz(op, "ws", WS_RUNS, SEED + 2_000 + index);
      expect(report(failures)).toEqual([]);
      expect(await checkMoney()).toEqual([]);
    },
    120_000,
  );

  it("the fuzz users still work at the end (the runs did not lock them out)", async () => {
    for (const headers of [session.bearer, botKey]) {
      const res = await api.gql(ME, {}, headers);
      expect(res.data?.me?.id, JSON.stringify(res)).toBeTypeOf("string");
    }
  });
});
