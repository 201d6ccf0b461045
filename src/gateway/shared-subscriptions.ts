/**
 * One execution for every client subscription of the same caller and the same operation: ten
 * front-end tabs of one agency watching documentArrived share one execution at the gateway, one
 * subgraph subscription, and one resolution of each event at the subgraph; each event
 * is then only serialized and written to each tab's socket.
 *
 * Found by the fan-out benchmark: with one execution per client subscription, each idle subscriber
 * held about 80 KiB of gateway memory (mostly its own subgraph socket), and each arrival was resolved
 * once per subscriber at the documents subgraph and executed once per subscriber at the gateway.
 * The sharing replaces only the subscribe function, last among the plugins: authentication, limits
 * and rate limits still run for every client subscription, and the key holds the caller's agency and
 * role, so a subscriber receives exactly what its own execution would have sent. Events are live
 * only: one who joins a running execution hears what comes after, as its own would have.
 *
 * A graphql-ws subscriber has its events written straight to its socket: each event is serialized
 * once for every subscriber of the execution, each frame differing only by its id. Found by the
 * fan-out benchmark (one send to 1,000 agencies, 10,000 subscribers): each event had cost each
 * subscriber its own trip through envelop's and graphql-ws's async iterators, its own JSON.stringify
 * and its own promises; gateway CPU per fan-out went from ~1,000 to ~510 ms, most of what is left
 * being the one write system call per subscriber. The per-event hooks on that path (error masking and logging) act on errors
 * only, so an event with errors still takes it, and so does every later event of that subscriber, to
 * keep them in order. The subscription itself (its start, end, errors and complete) stays graphql-ws's.
 */
import { FixedBuffer, Repeater, type Push, type Stop } from '@repeaterjs/repeater';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { print, type DocumentNode, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import type { Identity } from '../shared/identity';
import type { DirectSubscriptions } from './direct-subscriptions';

type Result = ExecutionResult | AsyncIterable<ExecutionResult>;

/** Events a subscriber may fall behind before it is ended (it can resume from its last cursor). */
const MAX_BEHIND = 1_000;

/** Where a graphql-ws subscriber's events are written directly: its socket and its frames' start. */
export interface FrameSink {
  socket: WebSocket;
  /** `{"id":…,"type":"next","payload":` — the payload and a closing brace complete a frame. */
  prefix: Buffer;
}

/** The sink of the graphql-ws subscription `id` on `socket`. */
export function frameSink(socket: WebSocket, id: string): FrameSink {
  return { socket, prefix: ownBytes(`{"id":${JSON.stringify(id)},"type":"next","payload":`) };
}

/**
 * `text` as bytes in memory of their own. Buffer.from cuts short texts from an 8 KiB slab it shares with
 * later ones, and a slice held for hours holds its whole slab: held by each idle subscriber (its prefix)
 * and each agency's last event, heap snapshots of 1,000 subscribers showed 234 slabs, ~1.9 MB.
 */
function ownBytes(text: string): Buffer {
  const bytes = Buffer.allocUnsafeSlow(Buffer.byteLength(text));
  bytes.write(text);
  return bytes;
}

interface Subscriber {
  push: Push<ExecutionResult>;
  stop: Stop;
  /** Unset for SSE, and once an event had to take the iterator path. */
  sink?: FrameSink;
}

const CLOSE_BRACE = 0x7d;

/** Writes one event to a sink; false when the subscriber is too far behind to go on. */
function write(sink: FrameSink, payload: Buffer): boolean {
  const { socket, prefix } = sink;
  // Closing or closed: graphql-ws ends the subscription; there is no one to write to.
  if (socket.readyState !== socket.OPEN) return true;
  const frame = Buffer.allocUnsafe(prefix.length + payload.length + 1);
  prefix.copy(frame, 0);
  payload.copy(frame, prefix.length);
  frame[frame.length - 1] = CLOSE_BRACE;
  if (socket.bufferedAmount > MAX_BEHIND * frame.length) return false;
  socket.send(frame, { binary: false });
  return true;
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
  async subscribe(key: string, start: () => Result | Promise<Result>, sink?: FrameSink): Promise<Result> {
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
    return this.join(key, shared, sink);
  }

  private join(key: string, upstream: Upstream, sink: FrameSink | undefined): AsyncIterableIterator<ExecutionResult> {
    return new Repeater<ExecutionResult>(async (push, stop) => {
      const subscriber: Subscriber = { push, stop, sink };
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
      while (await this.deliverNext(iterator, upstream.subscribers));
      for (const subscriber of upstream.subscribers) subscriber.stop();
    } catch (e) {
      for (const subscriber of upstream.subscribers) subscriber.stop(e);
    } finally {
      this.forget(key, upstream);
    }
  }

  /**
   * Waits for the next event and gives it to every subscriber; false when the upstream has ended. Its own
   * function, so that the pump, suspended between events for as long as an agency receives nothing,
   * holds neither the last event nor its bytes (which held an 8 KiB slab each, ownBytes above).
   */
  private async deliverNext(iterator: AsyncIterator<ExecutionResult>, subscribers: Set<Subscriber>): Promise<boolean> {
    const { value, done } = await iterator.next();
    if (done) return false;
    let payload: Buffer | undefined;
    // No subscriber waits for another: each has its own buffer, and one that overflows it is ended.
    for (const subscriber of subscribers) {
      if (subscriber.sink && !value.errors) {
        payload ??= Buffer.from(JSON.stringify(value));
        if (!write(subscriber.sink, payload)) subscriber.stop(new Error(`The subscriber fell more than ${MAX_BEHIND} events behind.`));
        continue;
      }
      subscriber.sink = undefined;
      try {
        subscriber.push(value).catch(subscriber.stop);
      } catch (e) {
        subscriber.stop(e);
      }
    }
    return true;
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

/** The context key under which the WebSocket server gives a subscription its FrameSink. */
export const FRAME_SINK = Symbol('frame sink');

/**
 * Shares subscription executions per caller (see above); `callerOf` reads the caller from the gateway
 * context, and a context holding a FrameSink under FRAME_SINK has its events written to it. A shared
 * execution is started at its subgraph directly when `direct` can (direct-subscriptions.ts), else by the runtime.
 */
export function useSharedSubscriptions(shared: SharedSubscriptions, callerOf: (context: unknown) => Identity | undefined, direct?: DirectSubscriptions): GatewayPlugin {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const caller = callerOf(args.contextValue);
      if (!caller) return;
      const key = JSON.stringify([caller.sub, caller.role, printOnce(args.document), args.operationName ?? null, args.variableValues ?? null]);
      const sink = (args.contextValue as { [FRAME_SINK]?: FrameSink })[FRAME_SINK];
      const start = direct?.starter(args, caller);
      setSubscribeFn((execution) => shared.subscribe(key, start ?? (() => subscribeFn(execution) as Result | Promise<Result>), sink));
    },
  };
}
