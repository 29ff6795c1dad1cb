import type { Client } from "graphql-ws";
import type { TypedDocumentString } from "../../client/generated/graphql.ts";

/**
 * The first thing a graphql-ws operation answers: the value of its first result, or `{ errors }`
 * with what it failed with (a list of GraphQL errors, or the socket's close event).
 */
export function firstAnswer(results: AsyncIterator<unknown>): Promise<unknown> {
  return results.next().then(
    (r): unknown => r.value,
    (errors: unknown) => ({ errors }),
  );
}

/**
 * Collects what a subscription of one root field sends (that field's value, in order) until
 * `until` holds or `timeoutMs` has passed; `done` answers everything seen.
 */
export function collect<TData extends Record<string, unknown>>(
  client: Client,
  document: TypedDocumentString<TData, Record<string, never>>,
  until: (seen: TData[keyof TData][]) => boolean,
  timeoutMs = 15_000,
) {
  const seen: TData[keyof TData][] = [];
  const results = client.iterate<TData>({ query: document.toString() });
  const done = (async () => {
    const deadline = Date.now() + timeoutMs;
    for await (const result of results) {
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      seen.push(Object.values(result.data!)[0] as TData[keyof TData]);
      if (until(seen)) break;
      if (Date.now() > deadline) break;
    }
    return seen;
  })();
  return { seen, done };
}
