import { badInput } from "./errors.ts";

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 20;

/** `first` checked against the cap: a larger value is an error, not silently cut. */
export function pageSize(first: number | null | undefined): number {
  if (first == null) return DEFAULT_PAGE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE}`, "first");
  }
  return first;
}

/** Cursors are opaque to clients: base64url of "<kind>:<id>". */
export function encodeCursor(kind: string, id: bigint | string): string {
  return Buffer.from(`${kind}:${id}`).toString("base64url");
}

export function decodeCursor(kind: string, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const text = Buffer.from(cursor, "base64url").toString();
  if (!text.startsWith(`${kind}:`)) throw badInput("after is not a cursor from this list", "after");
  return text.slice(kind.length + 1);
}

export function connection<T>(
  rows: T[],
  limit: number,
  cursorOf: (row: T) => string,
): {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
} {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
