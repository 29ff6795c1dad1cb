import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, inject, it } from "vitest";

/**
 * Issue 12: the short chaos run CI makes — every fault kind once, then two in a row (12 faults),
 * under a load of bots, with the whole invariant check afterwards (`npm run chaos` runs 34).
 * Recovery times are printed but not judged here: the rest of the suite shares the two cores,
 * so only "never recovered" (45 s) fails; the targets are judged by `npm run chaos` itself.
 */
describe("npm run chaos (short)", () => {
  it("loses no money and no order, and recovers from every fault", async () => {
    const root = resolve(import.meta.dirname, "..");
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "scripts/chaos.ts",
        "--faults",
        "12",
        "--bots",
        "4",
        "--targets",
        "report",
      ],
      {
        cwd: root,
        env: { ...process.env, CHAOS_DATABASE_SERVER: inject("databaseServer") },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((done) => child.on("exit", done));
    if (code !== 0) console.error(`${err}\n${out}`);
    expect(out).toMatch(/faults injected: 12 in 11 rounds/);
    expect(out).toMatch(/lost 0, doubled 0, stuck 0/);
    expect(out).toMatch(/process exits on a dropped connection: 0/);
    expect(out).toMatch(/partial or stale books served: 0/);
    expect(out).toMatch(/chaos: OK/);
    expect(code).toBe(0);
  }, 420_000);
});
