import { build } from "esbuild";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const OUT = resolve(import.meta.dirname, "../../.cache/graphiql");
const SOURCES = import.meta.dirname;
const ENTRY = resolve(SOURCES, "app.tsx");

export interface GraphiqlAssets {
  html: string;
  js: Buffer;
  css: Buffer;
}

/** Bundles GraphiQL with React and graphql-ws into local files: no CDN, works offline. */
export async function buildGraphiql(): Promise<GraphiqlAssets> {
  const js = resolve(OUT, "app.js");
  // Newer than every source of the bundle here (app.tsx and the modules beside it it imports).
  const newestSource = Math.max(
    ...readdirSync(SOURCES)
      .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".test.ts"))
      .map((file) => statSync(resolve(SOURCES, file)).mtimeMs),
  );
  const fresh = existsSync(js) && statSync(js).mtimeMs > newestSource;
  if (!fresh) {
    mkdirSync(OUT, { recursive: true });
    await build({
      entryPoints: [ENTRY],
      bundle: true,
      minify: true,
      format: "esm",
      splitting: false,
      outfile: js,
      jsx: "automatic",
      define: { "process.env.NODE_ENV": '"production"' },
      loader: { ".ttf": "dataurl", ".woff": "dataurl", ".woff2": "dataurl", ".svg": "dataurl" },
      logLevel: "error",
    });
  }
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>EventHub GraphiQL</title>
<link rel="icon" href="data:," />
<link rel="stylesheet" href="/graphiql/app.css" />
<style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script type="module" src="/graphiql/app.js"></script>
</body>
</html>`;
  writeFileSync(resolve(OUT, "index.html"), html);
  return { html, js: readFileSync(js), css: readFileSync(resolve(OUT, "app.css")) };
}
