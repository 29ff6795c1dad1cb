import { resolve } from "node:path";
import { folderCycles, folderImports, repositoryEdges, type FolderEdge } from "./folder-graph.ts";

/**
 * `npm run check` step: fails (exit 1) when top-level folders import each other in a circle,
 * naming one import per pair of folders inside each circle. `--graph` prints which folders each
 * folder imports (what docs/ARCHITECTURE.md draws).
 */
const root = resolve(import.meta.dirname, "..");
const edges = repositoryEdges(root);

if (process.argv.includes("--graph")) {
  for (const [from, to] of folderImports(edges)) console.log(`${from} → ${to.join(", ")}`);
}

const cycles = folderCycles(edges);
for (const cycle of cycles) {
  console.error(`folder cycle: ${cycle.folders.join(" ↔ ")}`);
  for (const [first, count] of firstOfEachPair(cycle.edges)) {
    const more = count > 1 ? ` (and ${count - 1} more)` : "";
    console.error(`  ${first.from} → ${first.to}: ${first.file} imports ${first.target}${more}`);
  }
}
if (cycles.length > 0) {
  console.error("Move what both sides need a folder down (kernel/, …) so imports go one way.");
  process.exit(1);
}
console.log(`folder graph: ${folderImports(edges).size} folders, no cycle`);

/** One example import per (from, to) pair, with how many imports the pair has. */
function firstOfEachPair(list: FolderEdge[]): [FolderEdge, number][] {
  const pairs = new Map<string, [FolderEdge, number]>();
  for (const edge of list) {
    const key = `${edge.from}→${edge.to}`;
    const seen = pairs.get(key);
    pairs.set(key, seen ? [seen[0], seen[1] + 1] : [edge, 1]);
  }
  return [...pairs.values()];
}
