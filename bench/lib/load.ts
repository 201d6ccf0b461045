/**
 * HTTP load with autocannon (mcollina/autocannon: the maintained Node load generator), POSTing GraphQL.
 * Latency percentiles are computed here from autocannon's per-response times (float milliseconds),
 * not from its histogram, which rounds to whole milliseconds — too coarse for a 2 ms budget.
 */
import autocannon from 'autocannon';
import { percentile } from './stats';

export interface LoadOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  /** A number of requests instead of the duration: smoke runs, which must finish however loaded the machine is. */
  amount?: number;
  /** Builds each request: headers, JSON body and what its answer must show. Called for every request. */
  request: () => LoadRequest;
  /** True when a response body is a success for its request; anything else fails the run. */
  check: (body: string, expect: string | undefined) => boolean;
}

export interface LoadRequest {
  headers: Record<string, string>;
  /** JSON text, or its UTF-8 bytes (autocannon sends bytes as they are). */
  body: string | Buffer;
  /** Passed to check with this request's answer: e.g. the caller, whose data alone it may hold. */
  expect?: string;
}

export interface LoadResult {
  requests: number;
  /** Completed requests per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
}

export async function load(opts: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let firstBad: string | undefined;
  let bad = 0;
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSeconds,
    amount: opts.amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        // A connection waits for each answer before its next request, so its context pairs them.
        setupRequest: (request, context) => {
          const { headers, body, expect } = opts.request();
          context.expect = expect;
          return { ...request, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
        },
        onResponse: (_status, body, context) => {
          if (opts.check(body, context.expect as string | undefined)) return;
          bad++;
          firstBad ??= body.slice(0, 500);
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  const failed = result.errors + result.non2xx + bad;
  if (failed > 0) {
    throw new Error(
      `${failed} of ${result.requests.total} requests to ${opts.url} failed (errors ${result.errors}, timeouts ${result.timeouts}, ` +
        `non-2xx ${result.non2xx}, bad answers ${bad})${firstBad ? `; first bad answer: ${firstBad}` : ''}`,
    );
  }
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** POSTs a GraphQL operation and returns the answer's text; throws unless it is graphqlOk. */
export async function postGraphQL(url: string, headers: Record<string, string>, query: string, variables?: Record<string, unknown>): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  if (!response.ok || !graphqlOk(text)) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

/** A GraphQL response with data and no errors. */
export function graphqlOk(body: string): boolean {
  return body.startsWith('{') && !body.includes('"errors"') && body.includes('"data"');
}

/** graphqlOk, and every delivery in it addressed to the caller (`expect`): no other agency's data. */
export function ownInbox(body: string, expect: string | undefined): boolean {
  if (!graphqlOk(body) || expect === undefined) return false;
  const recipients = [...body.matchAll(/"recipient":\{"code":"([^"]+)"/g)];
  return recipients.length > 0 && recipients.every((m) => m[1] === expect);
}
