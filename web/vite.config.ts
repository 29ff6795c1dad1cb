import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { WEB_OUT_DIR } from "./paths.ts";

/** Re-exported for whoever reads the built files beside this config (tests). */
export { WEB_OUT_DIR };

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
