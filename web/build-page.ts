import { buildWebIfStale } from "./build.ts";

/** `npm run build:web`: builds the trading page into .cache/web unless it is already fresh. */
const startedAt = Date.now();
const built = await buildWebIfStale();
console.log(
  built
    ? `trading page built into .cache/web in ${Date.now() - startedAt} ms`
    : "trading page is fresh",
);
