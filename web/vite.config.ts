import react from "@vitejs/plugin-react";
import { resolve } from "node:path";
import { defineConfig } from "vite";

/** Where the built page lands; the API serves it from there (web/build.ts). */
export const WEB_OUT_DIR = resolve(import.meta.dirname, "../.cache/web");

/** The trading page: one bundle of React, lightweight-charts and graphql-ws; no CDN. */
export default defineConfig({
  root: import.meta.dirname,
  base: "/",
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: WEB_OUT_DIR,
    emptyOutDir: true,
    assetsDir: "assets",
    sourcemap: false,
    chunkSizeWarningLimit: 1024,
  },
});
