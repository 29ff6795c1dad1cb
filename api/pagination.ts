import { badInput } from "../kernel/errors.ts";

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

/** Cursors are opaque to clients: base64url of "<kind>:<id>", where id is a positive bigint. */
export function encodeCursor(kind: string, id: bigint | string): string {
  return Buffer.from(`${kind}:${id}`).toString("base64url");
}

/** Longest cursor text accepted: base64url of the longest "<kind>:<19 digits>". */
const MAX_CURSOR_LENGTH = 64;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * The id a cursor of this list carries, or null for no cursor. Anything a server did not hand
 * out (another list's cursor, junk, an id beyond PostgreSQL's bigint) is BAD_USER_INPUT.
 */
export function decodeCursor(kind: string, cursor: string | null | undefined): string | null {
  if (cursor == null) return null;
  const refuse = () => badInput("after is not a cursor from this list", "after");
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]*$/.test(cursor)) throw refuse();
  const match = /^([a-z]+):(\d{1,19})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match || match[1] !== kind || BigInt(match[2]!) > INT64_MAX) throw refuse();
  return match[2]!;
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

/**
 * One page of a cursor connection: `first` checked against the cap, `after` decoded, then `read`
 * asked for one row more than the page (so hasNextPage needs no count) before `before`, the id
 * the cursor carries. Rows come newest first; `cursorOf` gives the id each row's cursor carries.
 * Errors: BAD_USER_INPUT for `first` out of range or a cursor this list never handed out.
 */
export async function paginate<T>(
  kind: string,
  args: { first?: number | null; after?: string | null },
  read: (page: { before: bigint | null; limit: number }) => Promise<T[]>,
  cursorOf: (row: T) => bigint | string,
) {
  const limit = pageSize(args.first);
  const after = decodeCursor(kind, args.after);
  const rows = await read({ before: after === null ? null : BigInt(after), limit: limit + 1 });
  return connection(rows, limit, (row) => encodeCursor(kind, cursorOf(row)));
}
