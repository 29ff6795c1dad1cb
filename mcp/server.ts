import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { CallToolRequestSchema, type CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { graphql } from "../client/generated/index.ts";
import type { TypedDocumentString } from "../client/generated/graphql.ts";
import { entryError } from "../client/errors.ts";
import { CANDLES } from "../client/market-data.ts";

/*
 * EventHub's MCP server (docs/AGENTS.md): tools an AI agent calls to read markets and trade,
 * acting as ONE API key. Every tool is a GraphQL operation sent as that key, so the key's
 * permissions and guardrails apply exactly as to any other client; the server adds no power of
 * its own. Transports: mcp/stdio.ts (over HTTP to the API) and /mcp on the API (in process).
 */

/** One GraphQL error as the API formats it: a message, and its code and details in extensions. */
export interface ApiError {
  readonly message: string;
  /** Where it arose: for a batch's entry, [field, index]. */
  readonly path?: readonly unknown[];
  readonly extensions?: { readonly [key: string]: unknown };
}

/** Runs one typed document as the key and answers GraphQL's `data` and `errors`. */
export type GraphQLExecutor = <TData, TVariables>(
  document: TypedDocumentString<TData, TVariables>,
  variables: TVariables,
) => Promise<{ data?: TData | null; errors?: readonly ApiError[] }>;

export const MCP_SERVER_NAME = "eventhub";
export const MCP_SERVER_VERSION = "1.0.0";

/*
 * The selections come from client/ (fragments spelled once, shared with the trading page);
 * the operations below keep their Mcp* names, which type each tool's answer (tests/mcp.test.ts).
 */

const MARKETS = graphql(`
  query McpMarkets {
    markets {
      ...MarketFields
    }
  }
`);

const TICKER = graphql(`
  query McpTicker($market: String!) {
    ticker(market: $market) {
      ...TickerFields
    }
  }
`);

const ORDER_BOOK = graphql(`
  query McpOrderBook($market: String!, $depth: Int) {
    orderBook(market: $market, depth: $depth) {
      market
      ...BookLevels
    }
  }
`);

const BALANCES = graphql(`
  query McpBalances {
    wallets {
      ...Balance
    }
  }
`);

const MY_ORDERS = graphql(`
  query McpMyOrders($market: String, $status: [OrderStatus!], $first: Int, $after: String) {
    orders(market: $market, status: $status, first: $first, after: $after) {
      edges {
        node {
          ...OrderView
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const MY_TRADES = graphql(`
  query McpMyTrades($market: String, $first: Int, $after: String) {
    myTrades(market: $market, first: $first, after: $after) {
      edges {
        node {
          id
          market
          orderId
          side
          liquidity
          price
          amount
          quoteAmount
          fee
          feeAsset
          executedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const PREVIEW_ORDER = graphql(`
  query McpPreviewOrder($input: PlaceOrderInput!) {
    previewOrder(input: $input) {
      market
      side
      type
      quoteAsset
      notional
      notionalUsdt
      lockAsset
      lockAmount
      available
      fundsSufficient
      estimatedFillAmount
      estimatedFillQuote
      estimatedAveragePrice
      levelsTaken
      makerFeeRate
      takerFeeRate
      feeAsset
      estimatedFee
      dailyNotionalRemaining
      dryRun
    }
  }
`);

const PLACE_ORDER = graphql(`
  mutation McpPlaceOrder($input: PlaceOrderInput!) {
    placeOrder(input: $input) {
      ...OrderView
    }
  }
`);

const CANCEL_ORDER = graphql(`
  mutation McpCancelOrder($id: ID!) {
    cancelOrder(id: $id) {
      ...OrderView
    }
  }
`);

const PLACE_ORDERS = graphql(`
  mutation McpPlaceOrders($inputs: [PlaceOrderInput!]!) {
    placeOrders(inputs: $inputs) {
      ...OrderView
    }
  }
`);

const CANCEL_ORDERS = graphql(`
  mutation McpCancelOrders($ids: [ID!]!) {
    cancelOrders(ids: $ids) {
      ...OrderView
    }
  }
`);

const RECORD_TOOL_CALL = graphql(`
  mutation McpRecordToolCall($input: AgentToolCallInput!) {
    recordAgentToolCall(input: $input)
  }
`);

const decimal = (what: string) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, "a decimal string such as 0.5 or 64000")
    .describe(`${what}, as a decimal string (never a JSON number)`);
const market = z
  .string()
  .min(1)
  .max(32)
  .describe("Market symbol BASE_QUOTE, e.g. BTC_USDT (list_markets gives them)");
const first = z.number().int().min(1).max(100).optional().describe("Page size, 1–100 (default 20)");
const after = z
  .string()
  .max(200)
  .optional()
  .describe("pageInfo.endCursor of the previous page, to read the next one");

const orderInput = {
  market,
  side: z.enum(["BUY", "SELL"]).describe("BUY spends the quote asset, SELL the base asset"),
  type: z
    .enum(["LIMIT", "MARKET"])
    .describe("LIMIT rests at `price`; MARKET takes the book now (IOC)"),
  price: decimal(
    "LIMIT only: price in the quote asset per 1 base, a multiple of tickSize",
  ).optional(),
  amount: decimal("LIMIT and MARKET SELL: base amount, a multiple of lotSize").optional(),
  quoteAmount: decimal("MARKET BUY only: quote amount to spend").optional(),
  timeInForce: z
    .enum(["GTC", "IOC", "FOK"])
    .optional()
    .describe("LIMIT: GTC (default) rests, IOC fills what it can now, FOK all or nothing"),
  postOnly: z.boolean().optional().describe("LIMIT GTC only: refuse to take liquidity"),
  clientOrderId: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/)
    .optional()
    .describe(
      "Your id for the order (1–64 of A–Z a–z 0–9 _ . : -): repeating it returns the same order",
    ),
};

const ORDER_ERRORS =
  "BAD_USER_INPUT (extensions.field names the input), MARKET_NOT_FOUND, MARKET_HALTED, MARKET_CANCEL_ONLY, PRICE_OUT_OF_BAND (minPrice, maxPrice), NO_REFERENCE_PRICE, FORBIDDEN (reason MARKET_NOT_ALLOWED, or the key lacks TRADE), GUARDRAIL_EXCEEDED (reason ORDER_NOTIONAL or DAILY_NOTIONAL; limit, requested, remaining in USDT)";

type Tool = (args: Record<string, unknown>) => Promise<{
  data?: unknown;
  errors?: readonly ApiError[];
}>;

/**
 * An MCP server whose tools run through `execute` as one API key. Every call is then recorded in
 * the audit log (tool, arguments, outcome) through the same key; a failure to record is reported
 * to `onAuditFailure` and does not change the tool's answer.
 */
export function createMcpServer(
  execute: GraphQLExecutor,
  options: { onAuditFailure?: (error: unknown) => void } = {},
): McpServer {
  const server = new McpServer(
    { name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION },
    {
      instructions:
        "EventHub exchange tools acting as one API key. Amounts and prices are decimal strings; notional limits are in USDT. Errors come back as tool errors whose text is JSON with `code` (e.g. GUARDRAIL_EXCEEDED) and `message`. Call preview_order before place_order.",
    },
  );

  /** Each tool's handler with its argument check, for the tools/call handler below. */
  const tools = new Map<string, (args: Record<string, unknown>) => Promise<CallToolResult>>();
  const register = (
    name: string,
    description: string,
    inputSchema: z.ZodRawShape,
    run: Tool,
    readOnly: boolean,
  ) => {
    /** Runs the tool (or answers `refusal` without running it), then records the call. */
    const handle = async (args: Record<string, unknown>, refusal?: ApiError) => {
      const answer = refusal
        ? { errors: [refusal] }
        : await run(args).catch((error: unknown) => ({
            errors: [
              {
                message: error instanceof Error ? error.message : String(error),
                extensions: { code: "SERVICE_UNAVAILABLE" },
              },
            ],
          }));
      const result = toToolResult(answer);
      const code = answer.errors?.[0]?.extensions?.code;
      const outcome = typeof code === "string" ? code : answer.errors ? "ERROR" : "OK";
      await execute(RECORD_TOOL_CALL, {
        input: { tool: name, arguments: auditArguments(args), outcome },
      })
        .then((recorded) => {
          if (recorded.errors) options.onAuditFailure?.(recorded.errors);
        })
        .catch((error: unknown) => options.onAuditFailure?.(error));
      return result;
    };
    const schema = z.object(inputSchema);
    tools.set(name, (args) => {
      const parsed = schema.safeParse(args);
      return parsed.success ? handle(parsed.data) : handle(args, invalidArguments(parsed.error));
    });
    server.registerTool(
      name,
      { description, inputSchema, annotations: { readOnlyHint: readOnly, openWorldHint: false } },
      (args: Record<string, unknown>) => handle(args),
    );
  };

  register(
    "list_markets",
    "Every market: symbol, base and quote assets, status (TRADING, CANCEL_ONLY, HALTED), tickSize (price step), lotSize (amount step), minNotional (least price × amount, in quote), makerFee and takerFee (rates, 0.001 = 0.1 %), priceBandPercent. All decimals are strings.",
    {},
    () => execute(MARKETS, {}),
    true,
  );
  register(
    "get_ticker",
    "24-hour summary of one market: last, open, high, low (quote per base; null if it never traded), change and changePercent, volume (base), quoteVolume (quote), numberOfTrades. Errors: MARKET_NOT_FOUND.",
    { market },
    (a) => execute(TICKER, { market: String(a.market) }),
    true,
  );
  register(
    "get_candles",
    "OHLCV bars of one market, oldest first: timestamp (UTC start), open/high/low/close (quote per base), volume (base), quoteAssetVolume. Empty intervals have no bar. Errors: MARKET_NOT_FOUND, BAD_USER_INPUT (limit outside 1–1000, from after to).",
    {
      market,
      interval: z
        .enum(["M1", "M5", "M15", "M30", "H1", "H4", "D1", "W1"])
        .describe("Bar length: M1 = 1 minute … H4 = 4 hours, D1 = 1 day, W1 = 1 week (UTC)"),
      from: z
        .string()
        .datetime()
        .optional()
        .describe("ISO-8601 UTC time: bars starting at or after it"),
      to: z.string().datetime().optional().describe("ISO-8601 UTC time: bars starting before it"),
      limit: z
        .number()
        .int()
        .min(1)
        .max(1000)
        .optional()
        .describe("Latest N bars, 1–1000 (default 500)"),
    },
    (a) =>
      execute(CANDLES, {
        market: String(a.market),
        interval: a.interval as "M1",
        from: (a.from as string | undefined) ?? null,
        to: (a.to as string | undefined) ?? null,
        limit: (a.limit as number | undefined) ?? 100,
      }),
    true,
  );
  register(
    "get_order_book",
    "Top levels of one market's book: bids (highest first) and asks (lowest first), each {price (quote per base), amount (base)}, and the market sequence. Errors: MARKET_NOT_FOUND, BAD_USER_INPUT (depth outside 1–100), SERVICE_UNAVAILABLE (book not ready).",
    {
      market,
      depth: z
        .number()
        .int()
        .min(1)
        .max(100)
        .optional()
        .describe("Levels per side, 1–100 (default 20)"),
    },
    (a) =>
      execute(ORDER_BOOK, {
        market: String(a.market),
        depth: (a.depth as number | undefined) ?? 20,
      }),
    true,
  );
  register(
    "get_balances",
    "The key's account balances: per asset, available (free to trade or withdraw) and locked (held by open orders and pending withdrawals), decimal strings. Errors: UNAUTHENTICATED (key invalid or revoked).",
    {},
    () => execute(BALANCES, {}),
    true,
  );
  register(
    "get_my_orders",
    "The account's orders, newest first, one page: id, market, side, type, price, amount, quoteAmount, filledAmount, averagePrice, lockedAmount, status (PENDING, OPEN, PARTIALLY_FILLED, FILLED, CANCELLED, REJECTED, EXPIRED). Errors: BAD_USER_INPUT (first outside 1–100, bad cursor).",
    {
      market: market.optional(),
      status: z
        .array(
          z.enum([
            "PENDING",
            "OPEN",
            "PARTIALLY_FILLED",
            "FILLED",
            "CANCELLED",
            "REJECTED",
            "EXPIRED",
          ]),
        )
        .max(7)
        .optional()
        .describe("Only orders in these statuses"),
      first,
      after,
    },
    (a) =>
      execute(MY_ORDERS, {
        market: (a.market as string | undefined) ?? null,
        status: (a.status as "OPEN"[] | undefined) ?? null,
        first: (a.first as number | undefined) ?? 20,
        after: (a.after as string | undefined) ?? null,
      }),
    true,
  );
  register(
    "get_my_trades",
    "The account's fills, newest first, one page: market, orderId, side, liquidity (MAKER or TAKER), price (quote per base), amount (base), quoteAmount, fee in feeAsset (the asset received), executedAt. Errors: BAD_USER_INPUT (first outside 1–100, bad cursor).",
    { market: market.optional(), first, after },
    (a) =>
      execute(MY_TRADES, {
        market: (a.market as string | undefined) ?? null,
        first: (a.first as number | undefined) ?? 20,
        after: (a.after as string | undefined) ?? null,
      }),
    true,
  );
  register(
    "preview_order",
    `Validates and prices an order WITHOUT placing it (works for a dry-run key): notional in quote and in USDT, the funds it would lock, fills estimated from the current book (estimatedFillAmount in base, estimatedAveragePrice), fee rates and estimated fee, what is left of the key's daily USDT limit. Refused with the same codes as place_order: ${ORDER_ERRORS}.`,
    orderInput,
    (a) => execute(PREVIEW_ORDER, { input: orderPlacement(a) }),
    true,
  );
  register(
    "place_order",
    `Places an order with the key (needs TRADE): locks the funds and returns the order, status PENDING, then OPEN/FILLED within milliseconds (get_my_orders). LIMIT needs price and amount; MARKET BUY quoteAmount; MARKET SELL amount. Refused with nothing placed: INSUFFICIENT_FUNDS, TOO_MANY_OPEN_ORDERS, RATE_LIMITED (retryAfterMs), FORBIDDEN with reason DRY_RUN (the key only previews: use preview_order), ${ORDER_ERRORS}.`,
    orderInput,
    (a) => execute(PLACE_ORDER, { input: orderPlacement(a) }),
    false,
  );
  register(
    "cancel_order",
    "Asks the matcher to cancel one of the account's open orders (needs TRADE); `orderId` is the order's id (GraphQL cancelOrder's `id`): returns the order with cancelRequested true; it becomes CANCELLED within milliseconds and its locked funds are released. Cancelling does not give back daily notional. Errors: ORDER_NOT_FOUND, ORDER_NOT_OPEN (already finished), RATE_LIMITED, FORBIDDEN (the key lacks TRADE).",
    { orderId: z.string().uuid().describe("The order's id (from place_order or get_my_orders)") },
    (a) => execute(CANCEL_ORDER, { id: String(a.orderId) }),
    false,
  );
  register(
    "place_orders",
    `Places up to 20 orders in one call (needs TRADE), each exactly as place_order would, on its own (not all or nothing); a market's orders are placed in the order given, so when funds run out the later ones are refused. Answers \`results\`, one per order in the order given: \`{ order }\` (status PENDING) or \`{ error: { code, message, … } }\` with place_order's codes (INSUFFICIENT_FUNDS, TOO_MANY_OPEN_ORDERS, ${ORDER_ERRORS}). Refused whole, nothing placed: RATE_LIMITED (one order token each), FORBIDDEN (the key lacks TRADE, or DRY_RUN).`,
    {
      orders: z
        .array(z.object(orderInput))
        .min(1)
        .max(20)
        .describe("1–20 orders, each with place_order's fields"),
    },
    async (a) =>
      batchResults(
        await execute(PLACE_ORDERS, {
          inputs: (a.orders as Record<string, unknown>[]).map(orderPlacement),
        }),
        "placeOrders",
      ),
    false,
  );
  register(
    "cancel_orders",
    "Asks for up to 20 cancels in one call (needs TRADE), each exactly as cancel_order would. Answers `results`, one per id in the order given: `{ order }` (cancelRequested true) or `{ error: { code, message } }` (ORDER_NOT_FOUND, ORDER_NOT_OPEN). Refused whole: RATE_LIMITED, FORBIDDEN.",
    {
      orderIds: z
        .array(z.string().uuid())
        .min(1)
        .max(20)
        .describe("1–20 order ids (from place_order(s) or get_my_orders)"),
    },
    async (a) =>
      batchResults(
        await execute(CANCEL_ORDERS, { ids: (a.orderIds as string[]).map(String) }),
        "cancelOrders",
      ),
    false,
  );
  // tools/call answered here rather than by the SDK, whose argument errors are plain text
  // ("MCP error -32602 …"): an invalid argument is BAD_USER_INPUT JSON naming the field, like
  // every other refusal, and the call is recorded too. tools/list stays the SDK's.
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const args = request.params.arguments ?? {};
    const tool = tools.get(request.params.name);
    if (!tool) {
      return toToolResult({
        errors: [
          {
            message: `There is no tool ${request.params.name}; tools/list names them`,
            extensions: { code: "BAD_USER_INPUT", field: "name" },
          },
        ],
      });
    }
    return tool(args);
  });
  return server;
}

/** A failed argument check as the API's BAD_USER_INPUT: the first problem and its field. */
function invalidArguments(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  const why = issue?.message ?? "invalid arguments";
  return {
    message: field ? `${field}: ${why}` : why,
    extensions: { code: "BAD_USER_INPUT", ...(field ? { field } : {}) },
  };
}

/** What recordAgentToolCall takes at most in `arguments` (services/agent-audit.service.ts). */
export const AUDIT_ARGUMENTS_MAX = 4_096;
/** Longest string argument recorded whole; a longer one keeps this many characters. */
export const AUDIT_STRING_MAX = 256;

/**
 * The arguments as recorded, JSON always within AUDIT_ARGUMENTS_MAX, so every call is recorded
 * whatever it was sent: each string longer than AUDIT_STRING_MAX cut to it, followed by
 * `…[+N chars]`; if that is still too long, `{"truncated": true, "json": <its first part>}`.
 */
export function auditArguments(args: Record<string, unknown>): string {
  const cut = (value: unknown): unknown => {
    if (typeof value === "string" && value.length > AUDIT_STRING_MAX) {
      return `${value.slice(0, AUDIT_STRING_MAX)}…[+${value.length - AUDIT_STRING_MAX} chars]`;
    }
    if (Array.isArray(value)) return value.map(cut);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cut(v)]));
    }
    return value;
  };
  const text = JSON.stringify(cut(args ?? {}));
  if (text.length <= AUDIT_ARGUMENTS_MAX) return text;
  // Escapes can double a character's length in JSON: half the budget always fits.
  const json = text.slice(0, AUDIT_ARGUMENTS_MAX / 2 - 64);
  return JSON.stringify({ truncated: true, json });
}

/**
 * A batch mutation's answer as one result per entry, `{ order }` or `{ error: { code, message,
 * …details } }` (each error found by the index its `path` ends in); the request's own errors
 * when it was refused whole.
 */
function batchResults(
  answer: { data?: Record<string, readonly unknown[]> | null; errors?: readonly ApiError[] },
  field: string,
): { data?: unknown; errors?: readonly ApiError[] } {
  const entries = answer.data?.[field];
  if (!entries) return { errors: answer.errors ?? [] };
  const errorAt = (index: number) => {
    const error = entryError(answer.errors, field, index);
    const { code, ...details } = error?.extensions ?? {};
    return { code: code ?? "ERROR", message: error?.message ?? "no answer", ...details };
  };
  return {
    data: { results: entries.map((order, i) => (order ? { order } : { error: errorAt(i) })) },
  };
}

/** The tool's arguments as PlaceOrderInput: only the fields given. */
function orderPlacement(a: Record<string, unknown>) {
  return {
    market: String(a.market),
    side: a.side as "BUY" | "SELL",
    type: a.type as "LIMIT" | "MARKET",
    price: (a.price as string | undefined) ?? null,
    amount: (a.amount as string | undefined) ?? null,
    quoteAmount: (a.quoteAmount as string | undefined) ?? null,
    timeInForce: (a.timeInForce as "GTC" | "IOC" | "FOK" | undefined) ?? null,
    postOnly: (a.postOnly as boolean | undefined) ?? null,
    clientOrderId: (a.clientOrderId as string | undefined) ?? null,
  };
}

/**
 * GraphQL's answer as an MCP tool result: the data as JSON text, or a tool error (isError) whose
 * text is JSON of the first error's code, message and other extensions.
 */
export function toToolResult(answer: {
  data?: unknown;
  errors?: readonly ApiError[];
}): CallToolResult {
  const error = answer.errors?.[0];
  if (error) {
    const { code, ...details } = error.extensions ?? {};
    const text = JSON.stringify({ code: code ?? "ERROR", message: error.message, ...details });
    return { isError: true, content: [{ type: "text", text }] };
  }
  return { content: [{ type: "text", text: JSON.stringify(answer.data ?? null) }] };
}
