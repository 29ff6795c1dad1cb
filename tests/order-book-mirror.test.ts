import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { readBookMirror, writeBookMirror } from "../db/order-book-mirror.repository.ts";
import { testConfig } from "./kit/index.ts";

const config = testConfig();
const redis = new Redis(config.redisUrl);
const namespace = `${config.namespace}_mirror_${randomBytes(3).toString("hex")}`;
afterAll(async () => {
  const keys = await redis.keys(`${namespace}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

describe("the Redis order-book mirror", () => {
  it("applies diffs in sequence order, never steps back, and sorts levels exactly", async () => {
    const m = "TEST_MIRROR";
    expect(
      await writeBookMirror(
        redis,
        namespace,
        m,
        3,
        {
          bids: [
            ["99.5", "2"],
            ["100", "1"],
          ],
          asks: [["101", "4"]],
        },
        true,
      ),
    ).toBe(true);
    expect(
      await writeBookMirror(
        redis,
        namespace,
        m,
        5,
        {
          bids: [
            ["100", "0"],
            ["99.25", "3"],
          ],
          asks: [],
        },
        false,
      ),
    ).toBe(true);
    // A late diff from a matcher that lost its lease: refused whole.
    expect(
      await writeBookMirror(
        redis,
        namespace,
        m,
        4,
        { bids: [["100", "9"]], asks: [["101", "0"]] },
        false,
      ),
    ).toBe(false);
    expect(await readBookMirror(redis, namespace, m, 10)).toEqual({
      seq: "5",
      bids: [
        { price: "99.5", amount: "2" },
        { price: "99.25", amount: "3" },
      ],
      asks: [{ price: "101", amount: "4" }],
    });
    // A matcher opening the market rewrites it whole, even from an older snapshot.
    expect(
      await writeBookMirror(redis, namespace, m, 2, { bids: [], asks: [["102", "1"]] }, true),
    ).toBe(true);
    expect(await readBookMirror(redis, namespace, m, 10)).toEqual({
      seq: "2",
      bids: [],
      asks: [{ price: "102", amount: "1" }],
    });
    expect(await readBookMirror(redis, namespace, "NEVER_MIRRORED", 10)).toBeNull();
  });
});
