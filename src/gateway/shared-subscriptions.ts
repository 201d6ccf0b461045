/**
 * One execution for every client subscription of the same caller and the same operation: ten
 * front-end tabs of one agency watching documentArrived share one execution at the gateway, one
 * subgraph subscription and its socket, and one resolution of each event at the subgraph; each event
 * is then only serialized and written to each tab's socket.
 *
 * Found by the fan-out benchmark: with one execution per client subscription, each idle subscriber
 * held about 80 KiB of gateway memory (mostly its own subgraph socket), and each arrival was resolved
 * once per subscriber at the documents subgraph and executed once per subscriber at the gateway.
 * The sharing replaces only the subscribe function, last among the plugins: authentication, limits
 * and rate limits still run for every client subscription, and the key holds the caller's agency and
 * role, so a subscriber receives exactly what its own execution would have sent. Events are live
 * only: one who joins a running execution hears what comes after, as its own would have.
 */
import { FixedBuffer, Repeater, type Push, type Stop } from '@repeaterjs/repeater';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { Identity } from '../shared/identity';

type Result = ExecutionResult | AsyncIterable<ExecutionResult>;

/** Events a subscriber may fall behind before it is ended (it can resume from its last cursor). */
const MAX_BEHIND = 1_000;

interface Subscriber {
  push: Push<ExecutionResult>;
  stop: Stop;
}

interface Upstream {
  subscribers: Set<Subscriber>;
  /** The subgraph's answer: a stream to share, or a single result (an error) given to each caller. */
  result: Promise<Result>;
  iterator?: AsyncIterator<ExecutionResult>;
  pumping: boolean;
}

function isStream(result: Result): result is AsyncIterable<ExecutionResult> {
  return typeof (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator] === 'function';
}

export class SharedSubscriptions {
  private readonly upstreams = new Map<string, Upstream>();

  /** Open upstream subscriptions, for tests and the benchmark. */
  get size(): number {
    return this.upstreams.size;
  }

  /** The shared stream for `key`, starting the upstream with `start` if none is running. */
  async subscribe(key: string, start: () => Result | Promise<Result>): Promise<Result> {
    let upstream = this.upstreams.get(key);
    if (!upstream) {
      upstream = { subscribers: new Set(), result: Promise.resolve().then(start), pumping: false };
      this.upstreams.set(key, upstream);
    }
    const shared = upstream;
    let result: Result;
    try {
      result = await shared.result;
    } catch (e) {
      this.forget(key, shared);
      throw e;
    }
    if (!isStream(result)) {
      this.forget(key, shared);
      return result;
    }
    shared.iterator ??= result[Symbol.asyncIterator]();
    return this.join(key, shared);
  }

  private join(key: string, upstream: Upstream): AsyncIterableIterator<ExecutionResult> {
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const subscriber = { push, stop };
      upstream.subscribers.add(subscriber);
      if (!upstream.pumping) {
        upstream.pumping = true;
        void this.pump(key, upstream);
      }
      await stop;
      upstream.subscribers.delete(subscriber);
      if (upstream.subscribers.size === 0) this.end(key, upstream);
    }, new FixedBuffer(MAX_BEHIND));
  }

  private async pump(key: string, upstream: Upstream): Promise<void> {
    const iterator = upstream.iterator!;
    try {
      for (;;) {
        const { value, done } = await iterator.next();
        if (done) break;
        // No subscriber waits for another: each has its own buffer, and one that overflows it is ended.
        for (const subscriber of upstream.subscribers) {
          try {
            subscriber.push(value).catch(subscriber.stop);
          } catch (e) {
            subscriber.stop(e);
          }
        }
      }
      for (const subscriber of upstream.subscribers) subscriber.stop();
    } catch (e) {
      for (const subscriber of upstream.subscribers) subscriber.stop(e);
    } finally {
      this.forget(key, upstream);
    }
  }

  /** The last subscriber left: end the upstream subscription. */
  private end(key: string, upstream: Upstream): void {
    this.forget(key, upstream);
    void upstream.iterator?.return?.();
  }

  private forget(key: string, upstream: Upstream): void {
    if (this.upstreams.get(key) === upstream) this.upstreams.delete(key);
  }
}

/** Operations printed once each: the runtime's parse cache hands the same document to every subscriber. */
const printed = new WeakMap<DocumentNode, string>();

function printOnce(document: DocumentNode): string {
  let text = printed.get(document);
  if (text === undefined) printed.set(document, (text = print(document)));
  return text;
}

/** Shares subscription executions per caller (see above); `callerOf` reads the caller from the gateway context. */
export function useSharedSubscriptions(shared: SharedSubscriptions, callerOf: (context: unknown) => Identity | undefined): GatewayPlugin {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const caller = callerOf(args.contextValue);
      if (!caller) return;
      const key = JSON.stringify([caller.sub, caller.role, printOnce(args.document), args.operationName ?? null, args.variableValues ?? null]);
      setSubscribeFn((execution) => shared.subscribe(key, () => subscribeFn(execution) as Result | Promise<Result>));
    },
  };
}
