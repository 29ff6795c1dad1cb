import { poll } from "./wait.ts";
import parsePrometheusTextFormat, {
  type PrometheusFamily,
  type PrometheusSample,
} from "parse-prometheus-text-format";

/** One scrape of a `/metrics` endpoint, parsed, with its text kept. */
export interface Scrape {
  text: string;
  /** Every family with its HELP and TYPE, by name. */
  families: Map<string, PrometheusFamily>;
  /** Every series by sample name; a histogram's as `<name>_bucket`, `<name>_sum`, `<name>_count`. */
  series: Map<string, PrometheusSample[]>;
}

/**
 * GETs `/metrics` and parses it with parse-prometheus-text-format; throws unless it is a 200 in
 * the text format. That parser folds a histogram's samples into one, dropping their labels, so
 * histograms are also parsed as their three plain series (TYPE rewritten to untyped).
 */
export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(url);
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 200)}`);
  if (!res.headers.get("content-type")?.startsWith("text/plain")) {
    throw new Error(`${url} is ${res.headers.get("content-type")}, not the text format`);
  }
  const families = new Map(parsePrometheusTextFormat(text).map((f) => [f.name, f]));
  const series = new Map<string, PrometheusSample[]>();
  const plain = text.replace(/^# TYPE (\S+) histogram$/gm, "# TYPE $1 untyped");
  for (const family of parsePrometheusTextFormat(plain)) {
    series.set(family.name, [...(series.get(family.name) ?? []), ...family.metrics]);
  }
  return { text, families, series };
}

/** The samples of a series whose labels include all of `labels`. */
export function samples(
  scraped: Scrape,
  name: string,
  labels: Record<string, string> = {},
): PrometheusSample[] {
  return (scraped.series.get(name) ?? []).filter((s) =>
    Object.entries(labels).every(([k, v]) => s.labels?.[k] === v),
  );
}

/**
 * The value of the one sample with exactly these labels; `undefined` when the scrape has none (a
 * counter never incremented under them).
 */
export function valueOf(
  scraped: Scrape,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const exact = samples(scraped, name, labels).filter(
    (s) => Object.keys(s.labels ?? {}).length === Object.keys(labels).length,
  );
  if (exact.length > 1) throw new Error(`${name} ${JSON.stringify(labels)} is not one sample`);
  return exact[0]?.value === undefined ? undefined : Number(exact[0].value);
}

/** Observations of a histogram under labels that include `labels`, summed over the rest. */
export function observations(
  scraped: Scrape,
  name: string,
  labels: Record<string, string> = {},
): { count: number; sum: number } {
  const total = (suffix: string) =>
    samples(scraped, `${name}${suffix}`, labels).reduce((n, s) => n + Number(s.value), 0);
  return { count: total("_count"), sum: total("_sum") };
}

/** A counter's growth from `before` to `after` under exactly these labels (absent = 0). */
export function delta(
  before: Scrape,
  after: Scrape,
  name: string,
  labels: Record<string, string>,
): number {
  return (valueOf(after, name, labels) ?? 0) - (valueOf(before, name, labels) ?? 0);
}

/** The API's `/metrics` address, beside its `/graphql`. */
const metricsUrlOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, "/metrics");

/** How many graphql-ws subscriptions the API at `graphqlUrl` is running now. */
export async function runningSubscriptions(graphqlUrl: string): Promise<number> {
  return valueOf(await scrape(metricsUrlOf(graphqlUrl)), "eventhub_websocket_subscriptions") ?? 0;
}

/**
 * Resolves once the API at `graphqlUrl` runs at least `count` graphql-ws subscriptions: graphql-ws
 * counts one when its stream starts, so from then on it receives what is published (a fixed
 * sleep instead would be a guess that fails on a loaded machine).
 */
export async function untilSubscriptionsRunning(
  graphqlUrl: string,
  count: number,
  timeoutMs = 10_000,
): Promise<void> {
  await poll(
    () => runningSubscriptions(graphqlUrl),
    (running) => running >= count,
    {
      timeoutMs,
      failure: (running) => `${running} subscriptions running, not ${count}`,
    },
  );
}
