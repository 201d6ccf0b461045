/** A GraphQL client over real HTTP and WebSocket, as an agency's front-end would use the hub. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as GraphQLResponse<T>;
  return { ...body, status: res.status };
}

/** The error codes of a response, in order. */
export function codes(res: GraphQLResponse): string[] {
  return (res.errors ?? []).map((e) => String(e.extensions?.code));
}

export function wsClient(httpUrl: string, connectionParams: Record<string, unknown> | undefined): Client {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/**
 * Subscribes and collects events; `next(n)` waits until n events have arrived (or fails after a timeout).
 */
export function collect<T = any>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const events: T[] = [];
  const errors: unknown[] = [];
  let waiters: { n: number; resolve: () => void; reject: (e: unknown) => void }[] = [];
  const wake = () => {
    waiters = waiters.filter((w) => (events.length >= w.n ? (w.resolve(), false) : true));
  };
  const fail = (e: unknown) => {
    for (const w of waiters.splice(0)) w.reject(e);
  };
  const dispose = client.subscribe<T>(
    { query, variables },
    {
      next: (v) => {
        if (v.errors) errors.push(...v.errors);
        if (v.data) events.push(v.data as T);
        wake();
      },
      error: (e) => {
        errors.push(e);
        fail(e);
      },
      complete: () => undefined,
    },
  );
  return {
    events,
    errors,
    dispose,
    async next(n: number, timeoutMs = 5000): Promise<T[]> {
      if (events.length >= n) return events.slice(0, n);
      if (errors.length) throw errors[0];
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out waiting for ${n} events (got ${events.length}; errors ${JSON.stringify(errors)})`)), timeoutMs);
        waiters.push({ n, resolve: () => (clearTimeout(t), resolve()), reject: (e) => (clearTimeout(t), reject(e)) });
      });
      return events.slice(0, n);
    },
  };
}
