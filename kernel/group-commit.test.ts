import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit.ts";

/** A writer whose batches finish when the test says so. */
function controlledWriter() {
  const batches: { items: string[]; finish: (error?: Error) => void }[] = [];
  const write = (items: string[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({
        items,
        finish: (error) => (error ? reject(error) : resolve(items.map((i) => `done:${i}`))),
      });
    });
  return { batches, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("GroupCommit", () => {
  it("writes a lone item at once, and what queued meanwhile as the next batch", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const first = group.submit("a");
    expect(batches.map((b) => b.items)).toEqual([["a"]]);
    const rest = ["b", "c", "d"].map((x) => group.submit(x));
    expect(batches).toHaveLength(1);
    expect(group.waiting).toBe(3);
    batches[0]!.finish();
    expect(await first).toBe("done:a");
    await tick();
    expect(batches[1]!.items).toEqual(["b", "c", "d"]);
    batches[1]!.finish();
    expect(await Promise.all(rest)).toEqual(["done:b", "done:c", "done:d"]);
    expect(group.written).toEqual({ batches: 2, items: 4 });
  });

  it("counts an item's size against maxBatch, and sends one larger than it alone", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, {
      maxBatch: 5,
      maxInFlight: 1,
      size: (item: string) => item.length,
    });
    const all = ["a", "bbb", "cc", "d", "eeeeeee", "f"].map((x) => group.submit(x));
    for (let i = 0; i < 4; i++) {
      batches[i]!.finish();
      await tick();
    }
    await Promise.all(all);
    // a goes at once; then bbb + cc (5), d would pass 5; then d + f, eeeeeee skipped (it
    // would pass 5) and sent alone after.
    expect(batches.map((b) => b.items)).toEqual([["a"], ["bbb", "cc"], ["d", "f"], ["eeeeeee"]]);
  });

  it("sends what is submitted together in one batch, where one by one the first goes alone", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 2 });
    const outcomes = group.submitAll(["a", "b", "c"]);
    expect(batches.map((b) => b.items)).toEqual([["a", "b", "c"]]);
    batches[0]!.finish();
    expect(await Promise.all(outcomes)).toEqual(["done:a", "done:b", "done:c"]);
    const oneByOne = ["d", "e", "f"].map((x) => group.submit(x));
    expect(batches.slice(1).map((b) => b.items)).toEqual([["d"], ["e"]]);
    for (const b of batches.slice(1)) b.finish();
    await tick();
    batches.at(-1)!.finish();
    expect(await Promise.all(oneByOne)).toEqual(["done:d", "done:e", "done:f"]);
  });

  it("caps a batch at maxBatch and keeps arrival order", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, { maxBatch: 2, maxInFlight: 1 });
    const all = ["a", "b", "c", "d", "e"].map((x) => group.submit(x));
    for (let i = 0; i < 3; i++) {
      batches[i]!.finish();
      await tick();
    }
    expect(batches.map((b) => b.items)).toEqual([["a"], ["b", "c"], ["d", "e"]]);
    expect(await Promise.all(all)).toHaveLength(5);
  });

  it("never puts two items of one conflict key in a batch; the later waits in order", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, {
      maxBatch: 10,
      maxInFlight: 1,
      conflictKey: (item: string) => (item.startsWith("-") ? null : item[0]!),
    });
    void group.submit("x0");
    for (const item of ["a1", "a2", "b1", "-1", "-2", "a3", "b2"]) void group.submit(item);
    batches[0]!.finish();
    await tick();
    expect(batches[1]!.items).toEqual(["a1", "b1", "-1", "-2"]);
    batches[1]!.finish();
    await tick();
    expect(batches[2]!.items).toEqual(["a2", "b2"]);
    batches[2]!.finish();
    await tick();
    expect(batches[3]!.items).toEqual(["a3"]);
  });

  it("runs up to maxInFlight batches at once", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 2 });
    for (const x of ["a", "b", "c", "d"]) void group.submit(x);
    expect(batches.map((b) => b.items)).toEqual([["a"], ["b"]]);
    batches[1]!.finish();
    await tick();
    expect(batches[2]!.items).toEqual(["c", "d"]);
  });

  it("gives every item of a failed batch the error, and goes on with the next", async () => {
    const { batches, write } = controlledWriter();
    const group = new GroupCommit(write, { maxBatch: 10, maxInFlight: 1 });
    const a = group.submit("a");
    const b = group.submit("b");
    const c = group.submit("c");
    batches[0]!.finish();
    await tick();
    batches[1]!.finish(new Error("connection lost"));
    await expect(b).rejects.toThrow("connection lost");
    await expect(c).rejects.toThrow("connection lost");
    expect(await a).toBe("done:a");
    const d = group.submit("d");
    batches[2]!.finish();
    expect(await d).toBe("done:d");
  });

  it("refuses a writer that answers the wrong number of outcomes", async () => {
    const group = new GroupCommit<string, string>(async () => [], { maxBatch: 10, maxInFlight: 1 });
    await expect(group.submit("x")).rejects.toThrow("0 outcomes for 1 items");
  });
});
