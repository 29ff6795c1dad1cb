import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { folderCycles, folderEdges, repositoryEdges, type FolderEdge } from "./folder-graph.ts";

const edge = (from: string, to: string): FolderEdge => ({
  from,
  to,
  file: `${from}/a.ts`,
  target: `${to}/b.ts`,
});

describe("folder edges", () => {
  it("count value, type-only, re-export and dynamic imports that leave the folder", () => {
    const text = `
      import { a } from "../kernel/errors.ts";
      import type { B } from "../db/schema.ts";
      export { c } from "../money/decimal.ts";
      const d = await import("../config/config.ts");
      import { e } from "./same-folder.ts";
      import pg from "pg";`;
    const edges = folderEdges("services/x.ts", text);
    expect(edges.map((e) => e.to)).toEqual(["kernel", "db", "money", "config"]);
    expect(edges[0]).toEqual({
      from: "services",
      to: "kernel",
      file: "services/x.ts",
      target: "kernel/errors.ts",
    });
  });

  it("measure from the file's own folder, however deep", () => {
    const text = `import { a } from "../../api/context.ts"; import { b } from "../index.ts";`;
    expect(folderEdges("resolvers/Query/x.ts", text).map((e) => e.to)).toEqual(["api"]);
  });
});

describe("folder cycles", () => {
  it("finds none in layers", () => {
    expect(folderCycles([edge("api", "services"), edge("services", "db")])).toEqual([]);
  });

  it("finds a circle of any length, with the imports inside it", () => {
    const edges = [
      edge("api", "services"),
      edge("services", "bus"),
      edge("bus", "api"),
      edge("bus", "db"),
      edge("scripts", "api"),
    ];
    const [cycle, ...others] = folderCycles(edges);
    expect(others).toEqual([]);
    expect(cycle!.folders).toEqual(["api", "bus", "services"]);
    expect(cycle!.edges.map((e) => `${e.from}→${e.to}`)).toEqual([
      "api→services",
      "services→bus",
      "bus→api",
    ]);
  });

  it("the repository itself has none", () => {
    expect(folderCycles(repositoryEdges(resolve(import.meta.dirname, "..")))).toEqual([]);
  });
});
