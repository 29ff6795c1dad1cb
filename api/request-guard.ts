import { createHash } from "node:crypto";
import { GraphQLError, parse, visit, type DocumentNode } from "graphql";
import { ErrorCode } from "../kernel/errors.ts";
import { findComplexityProblem, queryTooComplex, readsOnlyTheSchema } from "./limits.ts";

/**
 * Bounds checked on every GraphQL request, HTTP or websocket, before graphql parses, validates or
 * coerces anything, so no request's cost can grow faster than its (already bounded) size.
 */
export const REQUEST_LIMITS = {
  /** HTTP body, bytes (the websocket's message limit is the same). */
  maxBodyBytes: 256 * 1024,
  /** GraphQL document text, characters; GraphiQL's introspection query is about 2,000. */
  maxQueryLength: 32 * 1024,
  /** Lexical tokens of a document (graphql's own `maxTokens`). */
  maxTokens: 4_000,
  /** Any one string in the document or in the variables, characters; fields have tighter rules. */
  maxStringLength: 1_000,
  /** Items of any one list value. */
  maxListLength: 100,
  /** Nesting of objects and lists in the variables. */
  maxInputDepth: 8,
  /** Nesting of the JSON of a body or websocket message, checked before JSON.parse (which slows
   * sharply with depth: 8,000 levels took 0.4 ms, 50,000 took 30 ms). */
  maxJsonDepth: 32,
  /** Values (scalars, objects, lists) in all the variables together. */
  maxInputValues: 2_000,
};

export const PARSE_OPTIONS = { maxTokens: REQUEST_LIMITS.maxTokens };

/** A request refused before graphql saw it: the HTTP status to answer with and the error. */
export interface Refusal {
  status: number;
  error: GraphQLError;
}

const refusal = (status: number, code: ErrorCode, message: string, extra = {}): Refusal => ({
  status,
  error: new GraphQLError(message, { extensions: { code, ...extra } }),
});

/**
 * Documents that passed the checks lately (the same few texts arrive over and over), and whether
 * each reads only the schema (see readsOnlyTheSchema).
 */
const approved = new Map<string, boolean>();
const APPROVED_MAX = 2_000;

/**
 * Screens a request's document and variables in time linear in their size. Returns null when the
 * request may go on to graphql (which reports syntax and type errors itself), or a Refusal:
 * 413 REQUEST_TOO_LARGE, 400 QUERY_TOO_COMPLEX or 400 BAD_USER_INPUT.
 */
export function screenRequest(
  query: unknown,
  variables: unknown,
  operationName?: unknown,
): Refusal | null {
  if (typeof query === "string") {
    const problem = screenDocument(query);
    if (problem) return problem;
  }
  const name =
    typeof operationName === "string" ? stringProblem(operationName, "operationName") : null;
  if (name) return refusal(400, ErrorCode.BAD_USER_INPUT, name);
  const problem = inputProblem(variables, "variables");
  return problem ? refusal(400, ErrorCode.BAD_USER_INPUT, problem) : null;
}

function screenDocument(query: string): Refusal | null {
  if (query.length > REQUEST_LIMITS.maxQueryLength) {
    return refusal(
      413,
      ErrorCode.REQUEST_TOO_LARGE,
      `The query has ${query.length} characters; at most ${REQUEST_LIMITS.maxQueryLength}`,
      { limit: REQUEST_LIMITS.maxQueryLength },
    );
  }
  const key = documentKey(query);
  if (approved.has(key)) return null;
  let document: DocumentNode;
  try {
    document = parse(query, PARSE_OPTIONS);
  } catch {
    return null; // graphql reports it with GRAPHQL_PARSE_FAILED
  }
  const literal = literalProblem(document);
  if (literal) return refusal(400, ErrorCode.BAD_USER_INPUT, literal);
  const complex = findComplexityProblem(document);
  if (complex) return { status: 400, error: queryTooComplex(complex.message, complex.operation) };
  if (approved.size >= APPROVED_MAX) approved.clear();
  approved.set(key, readsOnlyTheSchema(document));
  return null;
}

const documentKey = (query: string) =>
  query.length <= 512 ? query : createHash("sha256").update(query).digest("base64");

/**
 * Whether a document that screenRequest let through reads only the schema, so that its answer
 * may be reused: GraphiQL and code generators send the same introspection again and again, and
 * each answer is tens of KB and several ms of work.
 */
export function readsOnlySchema(query: unknown): boolean {
  return typeof query === "string" && approved.get(documentKey(query)) === true;
}

/** Strings and lists written into the document itself obey the same bounds as variables. */
function literalProblem(document: DocumentNode): string | null {
  let problem: string | null = null;
  visit(document, {
    StringValue(node) {
      problem ??= stringProblem(node.value, "a string literal");
    },
    ListValue(node) {
      if (node.values.length > REQUEST_LIMITS.maxListLength)
        problem ??= `a list literal has ${node.values.length} items; at most ${REQUEST_LIMITS.maxListLength}`;
    },
  });
  return problem;
}

function stringProblem(value: string, where: string): string | null {
  if (value.length > REQUEST_LIMITS.maxStringLength) {
    return `${where} has ${value.length} characters; at most ${REQUEST_LIMITS.maxStringLength}`;
  }
  // PostgreSQL cannot store U+0000 in text; no field of ours has a use for it.
  if (value.includes("\u0000")) return `${where} contains a NUL character`;
  return null;
}

/** The answer to JSON that nests deeper than `maxJsonDepth` (see jsonNestsDeeper). */
export const tooDeeplyNested = (): Refusal =>
  refusal(
    400,
    ErrorCode.BAD_USER_INPUT,
    `The JSON nests deeper than ${REQUEST_LIMITS.maxJsonDepth} levels`,
  );

/**
 * Whether JSON text (a body or a websocket message) nests objects and arrays deeper than
 * `maxDepth`, in one pass over its bytes and before anything parses it. Brackets inside strings
 * do not count. UTF-8's multi-byte sequences never contain these ASCII bytes.
 */
export function jsonNestsDeeper(text: Buffer | string, maxDepth = REQUEST_LIMITS.maxJsonDepth) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

/**
 * The first bound a raw (JSON) input value breaks, or null. Iterative, one visit per value, so
 * neither size nor nesting can make it slow or overflow the stack.
 */
export function inputProblem(value: unknown, name: string): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [
    { value, path: name, depth: 0 },
  ];
  let values = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (++values > REQUEST_LIMITS.maxInputValues) {
      return `${name} hold more than ${REQUEST_LIMITS.maxInputValues} values`;
    }
    if (typeof item.value === "string") {
      const problem = stringProblem(item.value, item.path);
      if (problem) return problem;
      continue;
    }
    if (item.value === null || typeof item.value !== "object") continue;
    if (item.depth >= REQUEST_LIMITS.maxInputDepth) {
      return `${item.path} nests deeper than ${REQUEST_LIMITS.maxInputDepth} levels`;
    }
    if (Array.isArray(item.value)) {
      if (item.value.length > REQUEST_LIMITS.maxListLength) {
        return `${item.path} has ${item.value.length} items; at most ${REQUEST_LIMITS.maxListLength}`;
      }
      item.value.forEach((v, i) =>
        stack.push({ value: v, path: `${item.path}[${i}]`, depth: item.depth + 1 }),
      );
      continue;
    }
    for (const [key, v] of Object.entries(item.value)) {
      const keyProblem = stringProblem(key, `a key of ${item.path}`);
      if (keyProblem) return keyProblem;
      stack.push({ value: v, path: `${item.path}.${key}`, depth: item.depth + 1 });
    }
  }
  return null;
}
