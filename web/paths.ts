import { resolve } from "node:path";

/**
 * Where the built page lands; the API serves it from there (web/build.ts). Apart from
 * vite.config.ts so that an API start, which only reads the page, never loads Vite.
 */
export const WEB_OUT_DIR = resolve(import.meta.dirname, "../.cache/web");
