/**
 * Per-caller rate limits at the gateway: each agency (each user, for the other roles) may run
 * config.rateLimit.perSecond operations a second plus a burst allowance of config.rateLimit.burst a
 * minute — rate-limiter-flexible's BurstyRateLimiter, its token-bucket equivalent — and hold at most
 * config.maxSubscriptionsPerAgency live subscriptions at once. Over either limit an operation gets
 * RATE_LIMITED (HTTP 429 with Retry-After; `retryAfter` seconds in extensions), before it reaches a subgraph.
 *
 * The limiter sits behind the small RateLimiter interface: in memory per gateway now; with several
 * gateways, a RateLimiterRedis pair behind the same interface shares the buckets.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { isAsyncIterable } from '@graphql-tools/utils';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config';
import { HubError } from '../shared/errors';
import type { Identity } from '../shared/identity';
import { callerOf } from './auth';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Takes one operation's token from `key`'s bucket. */
export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}

export function memoryRateLimiter(limits: Config['rateLimit']): RateLimiter {
  const steady = new RateLimiterMemory({ keyPrefix: 'rate', points: limits.perSecond, duration: 1 });
  const limiter = limits.burst > 0 ? new BurstyRateLimiter(steady, new RateLimiterMemory({ keyPrefix: 'burst', points: limits.burst, duration: 60 })) : steady;
  return {
    take: (key) =>
      limiter.consume(key).then(
        (): RateDecision => ({ allowed: true }),
        (refusal: unknown): RateDecision => {
          if (refusal instanceof RateLimiterRes) return { allowed: false, retryAfterMs: refusal.msBeforeNext };
          throw refusal;
        },
      ),
  };
}

/** RATE_LIMITED, with the wait in seconds for clients and as HTTP 429 + Retry-After (yoga reads extensions.http). */
export function rateLimited(message: string, retryAfterSeconds: number): HubError {
  return new HubError('RATE_LIMITED', message, {
    retryAfter: retryAfterSeconds,
    http: { status: 429, headers: { 'Retry-After': String(retryAfterSeconds) } },
  });
}

function keyOf(identity: Identity): string {
  return `${identity.role}:${identity.sub}`;
}

/** Ends `source` as it would, calling `done` exactly once when it finishes, fails or is closed. */
function onFinish<T>(source: AsyncIterable<T>, done: () => void): AsyncIterableIterator<T> {
  const events = source[Symbol.asyncIterator]();
  let finished = false;
  const finish = () => {
    if (!finished) {
      finished = true;
      done();
    }
  };
  const iterator: AsyncIterableIterator<T> = {
    [Symbol.asyncIterator]: () => iterator,
    next: () =>
      events.next().then(
        (result) => {
          if (result.done) finish();
          return result;
        },
        (e: unknown) => {
          finish();
          throw e;
        },
      ),
    return: (value?: unknown) => {
      finish();
      return events.return?.(value) ?? Promise.resolve({ done: true, value });
    },
    throw: (e?: unknown) => {
      finish();
      return events.throw?.(e) ?? Promise.reject(e);
    },
  };
  return iterator;
}

export function useRateLimits(config: Config, limiter: RateLimiter): GatewayPlugin {
  const open = new Map<string, number>();
  const take = async (context: unknown): Promise<HubError | null> => {
    const identity = callerOf(context);
    if (!identity || config.rateLimit.perSecond === 0) return null;
    const decision = await limiter.take(keyOf(identity));
    if (decision.allowed) return null;
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return rateLimited(
      `Too many operations from ${identity.sub}: at most ${config.rateLimit.perSecond} a second (plus ${config.rateLimit.burst} a minute in bursts). Retry after ${seconds} s.`,
      seconds,
    );
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const refusal = await take(args.contextValue);
      if (refusal) setResultAndStopExecution({ errors: [refusal] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const refusal = await take(args.contextValue);
      if (refusal) return setResultAndStopExecution({ errors: [refusal] });
      const identity = callerOf(args.contextValue);
      if (!identity) return;
      const key = keyOf(identity);
      const count = open.get(key) ?? 0;
      if (count >= config.maxSubscriptionsPerAgency) {
        return setResultAndStopExecution({
          errors: [rateLimited(`${identity.sub} already holds ${count} live subscriptions, the most allowed at once; close one first.`, 1)],
        });
      }
      open.set(key, count + 1);
      const release = () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left > 0) open.set(key, left);
        else open.delete(key);
      };
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(onFinish(result, release));
          else release(); // refused by a subgraph or by validation of its arguments: nothing stays open
        },
      };
    },
  };
}
