/**
 * A client of the gateway for tests: tokens, GraphQL over HTTP, graphql-ws and SSE subscriptions.
 */
import { createClient, type Client, type ClientOptions, type FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';
import { signToken, type Role } from '../../src/shared/identity';
import { testConfig } from './gateway-subgraphs';

export function token(sub: string, role: Role = 'AGENCY', ttlSeconds = 300): Promise<string> {
  return signToken(testConfig.jwtSecret, { sub, role }, ttlSeconds);
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  body: FormattedExecutionResult & { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

export async function gql(
  url: string,
  query: string,
  options: { token?: string; authorization?: string; variables?: Record<string, unknown> } = {},
): Promise<GqlResponse> {
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(authorization ? { authorization } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResponse['body'] };
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function wsClient(url: string, connectionParams: Record<string, unknown>, on?: ClientOptions['on']): Client {
  return createClient({ url: wsUrl(url), webSocketImpl: WebSocket, connectionParams, lazy: true, retryAttempts: 0, on });
}

/** A subscription's results, pulled one at a time with a deadline. */
type Result = FormattedExecutionResult<Record<string, unknown>, unknown>;

export interface Stream<T = Result> {
  next(timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

function withDeadline<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${timeoutMs} ms`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function subscribeWs(client: Client, query: string): Stream {
  const iterator = client.iterate({ query });
  return {
    next: async (timeoutMs = 5_000) => {
      const { value, done } = await withDeadline(iterator.next(), timeoutMs, 'subscription event');
      if (done) throw new Error('the subscription ended');
      return value;
    },
    close: async () => {
      await iterator.return?.();
    },
  };
}

/** A subscription over Server-Sent Events (GraphQL over SSE, distinct connections mode). */
export async function subscribeSse(url: string, query: string, bearer: string): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  if (res.status !== 200 || !res.headers.get('content-type')?.startsWith('text/event-stream')) {
    throw new Error(`SSE refused: ${res.status} ${await res.text()}`);
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  const nextEvent = async (): Promise<Result> => {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
        if (fields.event === 'next' || (fields.event === undefined && fields.data)) return JSON.parse(fields.data) as Result;
        if (fields.event === 'complete') throw new Error('the subscription ended');
        continue; // keep-alive comments
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the SSE stream ended');
      buffered += value;
    }
  };
  return {
    next: (timeoutMs = 5_000) => withDeadline(nextEvent(), timeoutMs, 'SSE event'),
    close: async () => {
      abort.abort();
      await reader.cancel().catch(() => undefined);
    },
  };
}

/** Opens a graphql-transport-ws socket, sends connection_init with the payload, resolves with the close code. */
export function wsCloseCode(url: string, payload: Record<string, unknown> | undefined): Promise<number> {
  const socket = new WebSocket(wsUrl(url), 'graphql-transport-ws');
  socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
  return new Promise((resolve) => socket.on('close', (code) => resolve(code)));
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
