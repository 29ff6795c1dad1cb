import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

/** Folders that hold no code of ours (or only code generated from it elsewhere). */
const SKIPPED = new Set(["node_modules", "dist", "coverage", "bench-results"]);

/** One import that crosses from one top-level folder into another. */
export interface FolderEdge {
  from: string;
  to: string;
  /** The importing file and the imported one, relative to the root. */
  file: string;
  target: string;
}

/** Every .ts/.tsx file under the root's folders (files at the root itself are tooling config). */
export function sourceFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      if (entry.name.startsWith(".") || SKIPPED.has(entry.name)) return [];
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return /\.tsx?$/.test(entry.name) && dir !== root ? [relative(root, path)] : [];
    });
  return walk(root).sort();
}

/**
 * The folder-crossing imports of one file. `import type` counts too: a lower folder that knows an
 * upper folder's types is as tangled as one that calls it. Only relative specifiers point into
 * the repository; packages are not folders of ours.
 */
export function folderEdges(file: string, text: string): FolderEdge[] {
  const from = topFolder(file);
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith(".")) return [];
    const target = join(dirname(file), fileName);
    const to = topFolder(target);
    return to && to !== from && !target.startsWith("..") ? [{ from, to, file, target }] : [];
  });
}

const topFolder = (path: string) => (path.includes(sep) ? path.split(sep)[0]! : "");

/**
 * The folders that reach each other in a circle: each strongly connected component of more than
 * one folder (Tarjan), with the edges inside it. Empty when the folders form layers.
 */
export function folderCycles(edges: FolderEdge[]): { folders: string[]; edges: FolderEdge[] }[] {
  const next = new Map<string, Set<string>>();
  for (const { from, to } of edges) next.set(from, (next.get(from) ?? new Set()).add(to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const visit = (folder: string) => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const to of next.get(folder) ?? []) {
      if (!index.has(to)) visit(to);
      if (stack.includes(to)) low.set(folder, Math.min(low.get(folder)!, low.get(to)!));
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    for (let top = stack.pop()!; ; top = stack.pop()!) {
      component.push(top);
      if (top === folder) break;
    }
    if (component.length > 1) components.push(component.sort());
  };
  for (const folder of [...next.keys()].sort()) if (!index.has(folder)) visit(folder);
  return components.map((folders) => ({
    folders,
    edges: edges.filter((e) => folders.includes(e.from) && folders.includes(e.to)),
  }));
}

/** Which folders each folder imports, for drawing the map (docs/ARCHITECTURE.md). */
export function folderImports(edges: FolderEdge[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const { from, to } of edges) out.set(from, (out.get(from) ?? new Set()).add(to));
  return new Map([...out].sort().map(([from, to]) => [from, [...to].sort()]));
}

/** All folder-crossing imports of the repository at `root`. */
export function repositoryEdges(root: string): FolderEdge[] {
  return sourceFiles(root).flatMap((file) =>
    folderEdges(file, readFileSync(resolve(root, file), "utf8")),
  );
}
