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
  /** Builds each request: headers and JSON body. Called for every request, so bodies can differ. */
  request: () => { headers: Record<string, string>; body: string };
  /** True when a response body is a success; anything else fails the run. */
  check: (body: string) => boolean;
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
  const instance = autocannon({
    url: opts.url,
    connections: opts.connections,
    duration: opts.durationSeconds,
    amount: opts.amount,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const { headers, body } = opts.request();
          return { ...request, method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body };
        },
      },
    ],
    verifyBody: (body) => {
      const ok = opts.check(body);
      if (!ok) firstBad ??= body.slice(0, 500);
      return ok;
    },
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => latencies.push(responseTime));
  const result = await instance;
  const failed = result.errors + result.non2xx + result.mismatches;
  if (failed > 0) {
    throw new Error(
      `${failed} of ${result.requests.total} requests to ${opts.url} failed (errors ${result.errors}, timeouts ${result.timeouts}, ` +
        `non-2xx ${result.non2xx}, bad bodies ${result.mismatches})${firstBad ? `; first bad body: ${firstBad}` : ''}`,
    );
  }
  return {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** A GraphQL response with data and no errors. */
export function graphqlOk(body: string): boolean {
  return body.startsWith('{') && !body.includes('"errors"') && body.includes('"data"');
}
