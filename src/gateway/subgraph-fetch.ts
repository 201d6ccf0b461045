/**
 * The gateway's own GraphQL requests to a subgraph, outside the runtime: its SDL when composing
 * (compose.ts), the readiness probe (readiness.ts), an agency's status (agency-status.ts).
 */
export function postGraphQL(url: string, query: string, timeoutMs: number, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(timeoutMs),
  });
}
