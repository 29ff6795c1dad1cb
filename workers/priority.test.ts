import { spawnSync } from "node:child_process";
import os from "node:os";
import { describe, expect, it } from "vitest";

/**
 * The niceness a fresh Node process ends with after lowerPriorityOfBatchWorkers(components,
 * nice): of every one of its threads (the same for all, or the test fails), read from /proc.
 */
function niceAfter(components: string[], nice: number): number {
  const script = `
    import { readdirSync, readFileSync } from "node:fs";
    import { lowerPriorityOfBatchWorkers } from "./workers/priority.ts";
    lowerPriorityOfBatchWorkers(${JSON.stringify(components)}, ${nice});
    const niceOf = (task) => {
      const stat = readFileSync("/proc/self/task/" + task + "/stat", "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    };
    console.log(JSON.stringify([...new Set(readdirSync("/proc/self/task").map(niceOf))]));`;
  const child = spawnSync(
    process.execPath,
    ["--import", "tsx", "--input-type=module", "-e", script],
    {
      cwd: `${import.meta.dirname}/..`,
      encoding: "utf8",
    },
  );
  expect(child.status, child.stderr).toBe(0);
  const nices = JSON.parse(child.stdout.trim()) as number[];
  expect(nices, "every thread alike").toHaveLength(1);
  return nices[0]!;
}

describe("lowerPriorityOfBatchWorkers", () => {
  const started = os.getPriority();

  it("lowers a process that runs only settlement and market data", () => {
    expect(niceAfter(["settlement"], 5)).toBe(Math.max(started, 5));
    expect(niceAfter(["settlement", "marketdata"], 7)).toBe(Math.max(started, 7));
  });

  it("leaves a process running anything else, or with niceness 0, as it started", () => {
    expect(niceAfter(["api"], 5)).toBe(started);
    expect(niceAfter(["settlement", "matcher"], 5)).toBe(started);
    expect(niceAfter(["settlement"], 0)).toBe(started);
  });
});
