import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { WEB_OUT_DIR } from "./paths.ts";

const SOURCES = import.meta.dirname;
/**
 * What the bundle is made of: a change to any of them makes the built page stale. The page also
 * bundles the typed documents and book keeper of client/ and the pure checksum and decimals.
 */
const INPUTS = [
  "src",
  "index.html",
  "vite.config.ts",
  "paths.ts",
  "build.ts",
  "../client",
  "../marketdata/book-checksum.ts",
  "../money/decimal.ts",
].map((name) => join(SOURCES, name));
const INDEX = join(WEB_OUT_DIR, "index.html");

/** The built page held in memory: index.html and every file under assets/, by URL path. */
export interface WebAssets {
  index: Buffer;
  /** `/assets/<name>-<hash>.<ext>` → its bytes and content type. */
  files: Map<string, { body: Buffer; type: string }>;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>EventHub</title>
<p>The trading page is not built: run <code>npm run build:web</code> (docs/FRONTEND.md).
GraphiQL is at <a href="/graphql">/graphql</a>.</p>`;

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

/**
 * Builds the trading page with Vite into .cache/web when a source under web/ is newer than the
 * built index.html (tests/global-setup.ts builds it once, so API starts only read it). Answers
 * whether it built.
 */
export async function buildWebIfStale(): Promise<boolean> {
  if (existsSync(INDEX) && statSync(INDEX).mtimeMs > newestInputMs()) return false;
  // Vite is loaded only when a build is due: an API start with a fresh page never pays for it.
  const { build } = await import("vite");
  // Vite and the React plugin build for development unless NODE_ENV says production (vitest sets
  // "test"); the old hashed files go, so only this build's are served.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    rmSync(WEB_OUT_DIR, { recursive: true, force: true });
    await build({ configFile: resolve(SOURCES, "vite.config.ts"), mode: "production" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return true;
}

/**
 * Builds the page if stale, then reads it into memory. A build that fails (an install without
 * devDependencies, a broken source) is reported to `onFailure` and `/` says how to build it:
 * the API starts anyway.
 */
export async function loadWebAssets(onFailure: (error: unknown) => void): Promise<WebAssets> {
  try {
    await buildWebIfStale();
  } catch (error) {
    onFailure(error);
    if (!existsSync(INDEX)) return { index: Buffer.from(NOT_BUILT), files: new Map() };
  }
  const files = new Map<string, { body: Buffer; type: string }>();
  const assets = join(WEB_OUT_DIR, "assets");
  for (const path of existsSync(assets) ? walk(assets) : []) {
    const type = CONTENT_TYPES[extname(path)] ?? "application/octet-stream";
    files.set(`/${relative(WEB_OUT_DIR, path)}`, { body: readFileSync(path), type });
  }
  return { index: readFileSync(INDEX), files };
}

function newestInputMs(): number {
  return Math.max(
    0,
    ...INPUTS.flatMap(walk)
      .filter((file) => !file.endsWith(".test.ts"))
      .map((file) => statSync(file).mtimeMs),
  );
}

/** The files under a folder, or the path itself when it is a file. */
function walk(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    walk(join(path, entry.name)),
  );
}
