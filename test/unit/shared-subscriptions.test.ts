/** The sharing of subgraph subscriptions between client subscriptions of one caller (src/gateway/shared-subscriptions.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Repeater } from '@repeaterjs/repeater';
import type { ExecutionResult } from 'graphql';
import { SharedSubscriptions } from '../../src/gateway/shared-subscriptions';

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
  return { start, send: (n: number) => push({ data: { n } }), ended: () => ended, starts: () => starts };
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
