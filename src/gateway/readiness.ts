/**
 * /readyz: the gateway is ready when every subgraph answers a GraphQL request. `{ __typename }` is the
 * cheapest one a subgraph answers without an identity, and it proves its GraphQL endpoint, not just its port.
 */
import { postGraphQL } from './subgraph-fetch';

export interface ReadinessReport {
  ready: boolean;
  /** The subgraphs that did not answer, with why. */
  down: { name: string; reason: string }[];
}

async function probe(url: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await postGraphQL(url, '{ __typename }', timeoutMs);
    if (!res.ok) return `HTTP ${res.status}`;
    const body = (await res.json()) as { data?: { __typename?: string } };
    return body.data?.__typename ? undefined : 'no data in its answer';
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    return cause ?? (e as Error).message;
  }
}

export async function checkSubgraphs(subgraphs: Record<string, string>, timeoutMs = 2_000): Promise<ReadinessReport> {
  const results = await Promise.all(
    Object.entries(subgraphs).map(async ([name, url]) => ({ name, reason: await probe(url, timeoutMs) })),
  );
  const down = results.flatMap((r) => (r.reason === undefined ? [] : [{ name: r.name, reason: r.reason }]));
  return { ready: down.length === 0, down };
}
