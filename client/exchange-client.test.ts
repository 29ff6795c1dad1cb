import { describe, expect, it } from "vitest";
import { ApiError } from "./errors.ts";
import { createExchangeClient } from "./exchange-client.ts";
import type { Transport } from "./http.ts";

/** A transport answering from a script, one step per request, and recording what was sent. */
function scripted(steps: (() => { status: number; body: unknown })[]) {
  const sent: {
    body: { variables: { input?: { clientOrderId?: string } } };
    headers: Record<string, string>;
  }[] = [];
  const transport: Transport = async (_url, body, headers) => {
    sent.push({ body: JSON.parse(body) as (typeof sent)[number]["body"], headers });
    const step = steps.shift();
    if (!step) throw new Error("script ran out");
    const { status, body: answer } = step();
    return { status, text: JSON.stringify(answer) };
  };
  return { transport, sent };
}

const refused =
  (code: string, extensions: Record<string, unknown> = {}) =>
  () => ({
    status: 200,
    body: { errors: [{ message: code.toLowerCase(), extensions: { code, ...extensions } }] },
  });
const placed = () => ({ status: 200, body: { data: { placeOrder: { id: "order-1" } } } });
const input = { market: "BTC_USDT", side: "BUY", type: "LIMIT", price: "1", amount: "1" } as const;

describe("createExchangeClient", () => {
  it("retries a lost request, SERVICE_UNAVAILABLE and RATE_LIMITED with the same clientOrderId", async () => {
    const { transport, sent } = scripted([
      () => {
        throw new TypeError("fetch failed");
      },
      refused("SERVICE_UNAVAILABLE"),
      refused("RATE_LIMITED", { retryAfterSeconds: 0.01 }),
      placed,
    ]);
    const client = createExchangeClient({
      url: "http://exchange.test/graphql",
      credentials: { apiKey: "ehk_test_secret" },
      transport,
      retryDelayMs: 1,
      clientOrderIdPrefix: "bot",
    });
    const order = await client.placeOrder(input);
    expect(order.id).toBe("order-1");
    expect(order.clientOrderId).toMatch(/^bot-[0-9a-f-]{36}$/);
    expect(sent).toHaveLength(4);
    for (const request of sent) {
      expect(request.body.variables.input?.clientOrderId).toBe(order.clientOrderId);
      expect(request.headers["X-API-Key"]).toBe("ehk_test_secret");
    }
  });

  it("throws any other refusal at once as an ApiError with its code and details", async () => {
    const { transport, sent } = scripted([refused("INSUFFICIENT_FUNDS", { asset: "USDT" })]);
    const client = createExchangeClient({
      url: "http://x.test/graphql",
      transport,
      retryDelayMs: 1,
    });
    const error = await client.placeOrder(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: "INSUFFICIENT_FUNDS",
      extensions: { asset: "USDT" },
      status: 200,
    });
    expect(sent).toHaveLength(1);
  });

  it("gives up after its attempts, throwing the last refusal", async () => {
    const { transport, sent } = scripted(
      Array.from({ length: 3 }, () => refused("SERVICE_UNAVAILABLE")),
    );
    const client = createExchangeClient({
      url: "http://x.test/graphql",
      credentials: { token: "t" },
      transport,
      attempts: 3,
      retryDelayMs: 1,
    });
    await expect(client.cancelOrder("o")).rejects.toMatchObject({ code: "SERVICE_UNAVAILABLE" });
    expect(sent).toHaveLength(3);
    expect(sent[0]!.headers.Authorization).toBe("Bearer t");
  });

  it("places a batch: each entry its id or its own refusal, matched by path; retries whole with the same clientOrderIds", async () => {
    const { transport, sent } = scripted([
      refused("RATE_LIMITED", { retryAfterSeconds: 0.01 }),
      () => ({
        status: 200,
        body: {
          data: { placeOrders: [{ id: "a" }, null, { id: "c" }, null] },
          // Errors come in any order: entries are matched by path.
          errors: [
            {
              message: "no market",
              path: ["placeOrders", 3],
              extensions: { code: "MARKET_NOT_FOUND" },
            },
            {
              message: "funds",
              path: ["placeOrders", 1],
              extensions: { code: "INSUFFICIENT_FUNDS", asset: "USDT" },
            },
          ],
        },
      }),
    ]);
    const client = createExchangeClient({
      url: "http://x.test/graphql",
      transport,
      retryDelayMs: 1,
      clientOrderIdPrefix: "bot",
    });
    const entries = await client.placeOrders([
      input,
      input,
      { ...input, clientOrderId: "mine" },
      input,
    ]);
    expect(entries.map((e) => (e.ok ? e.value.id : e.error.code))).toEqual([
      "a",
      "INSUFFICIENT_FUNDS",
      "c",
      "MARKET_NOT_FOUND",
    ]);
    const third = entries[2]!;
    expect(third.ok && third.value.clientOrderId).toBe("mine");
    const second = entries[1]!;
    expect(!second.ok && second.error.extensions.asset).toBe("USDT");
    expect(sent).toHaveLength(2);
    const ids = (body: (typeof sent)[number]["body"]) =>
      (body.variables as unknown as { inputs: { clientOrderId: string }[] }).inputs.map(
        (i) => i.clientOrderId,
      );
    expect(ids(sent[1]!.body)).toEqual(ids(sent[0]!.body));
    expect(new Set(ids(sent[0]!.body)).size).toBe(4);
  });

  it("throws a batch refused whole (past 20: BAD_USER_INPUT) at once", async () => {
    const { transport } = scripted([refused("BAD_USER_INPUT", { field: "ids", limit: 20 })]);
    const client = createExchangeClient({ url: "http://x.test/graphql", transport });
    const error = await client.cancelOrders(["o"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "BAD_USER_INPUT", extensions: { limit: 20 } });
  });
});
