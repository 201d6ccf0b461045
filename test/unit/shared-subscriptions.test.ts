/** The sharing of subgraph subscriptions between client subscriptions of one caller (src/gateway/shared-subscriptions.ts). */
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import assert from 'node:assert/strict';
import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { WebSocket } from 'ws';
import { frameSink, SharedSubscriptions } from '../../src/gateway/shared-subscriptions';

/** An upstream we can feed by hand, that says when it was started and when it was ended. */
function upstream() {
  let push!: (value: ExecutionResult) => Promise<unknown>;
  let ended = false;
  let starts = 0;
  const start = () => {
    starts++;
    return new Repeater<ExecutionResult>(async (p, stop) => {
      push = p;
      await stop;
      ended = true;
    });
  };
  return { start, send: (n: number) => push({ data: { n } }), push: (value: ExecutionResult) => push(value), ended: () => ended, starts: () => starts };
}

async function stream(shared: SharedSubscriptions, key: string, start: () => AsyncIterable<ExecutionResult>) {
  const result = await shared.subscribe(key, start);
  assert.ok(Symbol.asyncIterator in result);
  return (result as AsyncIterable<ExecutionResult>)[Symbol.asyncIterator]();
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('subscribers of one key share one upstream; each hears every event after it joined; the last to leave ends it', async () => {
  const shared = new SharedSubscriptions();
  const up = upstream();
  const a = await stream(shared, 'k', up.start);
  const b = await stream(shared, 'k', up.start);
  assert.equal(up.starts(), 1);
  assert.equal(shared.size, 1);
  const nextA = a.next();
  const nextB = b.next();
  await tick();
  await up.send(1);
  assert.deepEqual((await nextA).value, { data: { n: 1 } });
  assert.deepEqual((await nextB).value, { data: { n: 1 } });

  await a.return!();
  await tick();
  assert.equal(up.ended(), false, 'b still listens');
  const nextB2 = b.next();
  await up.send(2);
  assert.deepEqual((await nextB2).value, { data: { n: 2 } });
  await b.return!();
  await tick();
  assert.equal(up.ended(), true);
  assert.equal(shared.size, 0);
});

test('different keys (another agency, another operation) get their own upstreams', async () => {
  const shared = new SharedSubscriptions();
  const one = upstream();
  const two = upstream();
  const a = await stream(shared, 'agency-1', one.start);
  const b = await stream(shared, 'agency-2', two.start);
  assert.equal(shared.size, 2);
  const nextB = b.next();
  await tick();
  await two.send(7);
  assert.deepEqual((await nextB).value, { data: { n: 7 } });
  const nextA = a.next();
  const first = await Promise.race([nextA.then(() => 'event'), new Promise((resolve) => setTimeout(() => resolve('nothing'), 50))]);
  assert.equal(first, 'nothing', 'agency-1 never hears agency-2');
  await Promise.all([a.return!(), b.return!()]);
});

test('a single result (an error) goes to each caller and is not kept; a new subscribe starts afresh', async () => {
  const shared = new SharedSubscriptions();
  let starts = 0;
  const failing = () => {
    starts++;
    return { errors: [{ message: 'refused' }] } as unknown as ExecutionResult;
  };
  assert.deepEqual(await shared.subscribe('k', failing), { errors: [{ message: 'refused' }] });
  assert.deepEqual(await shared.subscribe('k', failing), { errors: [{ message: 'refused' }] });
  assert.equal(starts, 2);
  assert.equal(shared.size, 0);
});

test('when the upstream ends or fails, every subscriber ends with it', async () => {
  const shared = new SharedSubscriptions();
  let fail!: (e: Error) => void;
  const start = () =>
    new Repeater<ExecutionResult>((_push, stop) => {
      fail = (e) => stop(e);
    });
  const a = await stream(shared, 'k', start);
  const b = await stream(shared, 'k', start);
  const nextA = a.next();
  const nextB = b.next();
  await tick();
  fail(new Error('socket closed'));
  await assert.rejects(nextA, /socket closed/);
  await assert.rejects(nextB, /socket closed/);
  assert.equal(shared.size, 0);
});

/** A stand-in for a ws socket: what was sent on it, and how much it has not written yet. */
function fakeSocket(bufferedAmount = 0) {
  const frames: unknown[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    bufferedAmount,
    send: (data: Buffer, options: { binary: boolean }) => {
      assert.equal(options.binary, false, 'graphql-ws frames are text');
      frames.push(JSON.parse(data.toString()));
    },
  };
  return { socket: socket as unknown as WebSocket, frames };
}

test('graphql-ws subscribers of one execution get each event written to their socket, each under its own id', async () => {
  const shared = new SharedSubscriptions();
  const up = upstream();
  const one = fakeSocket();
  const two = fakeSocket();
  const a = (await shared.subscribe('k', up.start, frameSink(one.socket, 'a-1'))) as AsyncIterableIterator<ExecutionResult>;
  const b = (await shared.subscribe('k', up.start, frameSink(two.socket, 'b-7'))) as AsyncIterableIterator<ExecutionResult>;
  const nextA = a.next();
  const nextB = b.next();
  await tick();
  await up.send(1);
  await up.send(2);
  await tick();
  assert.deepEqual(one.frames, [
    { id: 'a-1', type: 'next', payload: { data: { n: 1 } } },
    { id: 'a-1', type: 'next', payload: { data: { n: 2 } } },
  ]);
  assert.deepEqual(two.frames, [
    { id: 'b-7', type: 'next', payload: { data: { n: 1 } } },
    { id: 'b-7', type: 'next', payload: { data: { n: 2 } } },
  ]);
  await Promise.all([a.return!(), b.return!()]);
  assert.deepEqual(await Promise.all([nextA, nextB]), [
    { value: undefined, done: true },
    { value: undefined, done: true },
  ]);
  await tick();
  assert.equal(up.ended(), true);
});

test('an idle subscription holds no shared memory: its frame prefix has bytes of its own, and its execution lets the last event go', async () => {
  // The collector, to tell what is still held; the flag is set before the first use of gc in this process.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const shared = new SharedSubscriptions();
  const up = upstream();
  const one = fakeSocket();
  const sink = frameSink(one.socket, 'a-1');
  // Not a slice of Node's 8 KiB pool, which it would keep whole for as long as the subscriber stays.
  assert.equal(sink.prefix.buffer.byteLength, sink.prefix.length);
  const a = (await shared.subscribe('k', up.start, sink)) as AsyncIterableIterator<ExecutionResult>;
  const nextA = a.next();
  await tick();
  let event: ExecutionResult | undefined = { data: { subject: 'Công điện hỏa tốc'.repeat(20) } };
  const last = new WeakRef(event);
  await up.push(event);
  event = undefined;
  await tick();
  assert.equal(one.frames.length, 1);
  gc();
  await tick();
  gc();
  assert.equal(last.deref(), undefined, 'the event written is let go while the execution waits for the next');
  await a.return!();
  assert.deepEqual(await nextA, { value: undefined, done: true });
});

test('an event with errors, and every event after it, goes through the iterator (its error hooks), in order', async () => {
  const shared = new SharedSubscriptions();
  let push!: (value: ExecutionResult) => Promise<unknown>;
  const start = () => new Repeater<ExecutionResult>((p) => void (push = p));
  const { socket, frames } = fakeSocket();
  const a = (await shared.subscribe('k', start, frameSink(socket, '1'))) as AsyncIterableIterator<ExecutionResult>;
  const first = a.next();
  await tick();
  await push({ data: { n: 1 } });
  const failed = { data: null, errors: [new GraphQLError('boom')] };
  await push(failed);
  await push({ data: { n: 3 } });
  assert.deepEqual(frames, [{ id: '1', type: 'next', payload: { data: { n: 1 } } }]);
  assert.equal((await first).value, failed);
  assert.deepEqual((await a.next()).value, { data: { n: 3 } });
  await a.return!();
});

test('a graphql-ws subscriber whose socket is too far behind is ended; the others go on', async () => {
  const shared = new SharedSubscriptions();
  const up = upstream();
  const slow = fakeSocket(100_000_000);
  const fine = fakeSocket();
  const a = (await shared.subscribe('k', up.start, frameSink(slow.socket, '1'))) as AsyncIterableIterator<ExecutionResult>;
  const b = (await shared.subscribe('k', up.start, frameSink(fine.socket, '1'))) as AsyncIterableIterator<ExecutionResult>;
  const nextA = a.next();
  void b.next();
  await tick();
  await up.send(1);
  await assert.rejects(nextA, /behind/);
  assert.deepEqual(slow.frames, []);
  assert.equal(fine.frames.length, 1);
  await b.return!();
});
