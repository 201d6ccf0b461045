/**
 * Two gateways and two documents-subgraph instances (gateway i in front of instance i) on one throwaway
 * PostgreSQL and one throwaway Redis, all real processes:
 *  - a subscriber on gateway 1 receives an arrival sent through gateway 2;
 *  - Redis killed and restarted while clients are subscribed: they miss nothing, see nothing twice, and
 *    a client that reconnects with its cursor during the outage misses nothing either;
 *  - PostgreSQL restarted: requests fail with a clear error while it is down and succeed after, with no
 *    restart of the hub.
 * The relay's sweep is off here (LIENTHONG_EVENT_SWEEP_MS=0), so what crosses instances crossed them
 * through Redis, and what was missed during the outage came back through the log, not through a timer.
 */
import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { encodeCursor } from '../../src/shared/pagination';
import { ARRIVAL_CURSOR } from '../../src/subgraphs/documents/delivery/delivery.service';
import { redisConnectionName } from '../../src/subgraphs/documents/events/redis-bus';
import { RECIPIENTS, send, SENDER, sendInput, tokenOf } from '../helpers/fault-sends';
import { codes, collect, gql, waitFor, wsClient } from '../helpers/graphql';
import { startTopology, type HubProcess, type TestTopology } from '../helpers/hub-processes';
import { skipLoudly } from '../helpers/scaled-store';
import { throwawayProblem, ThrowawayPostgres, ThrowawayRedis } from '../helpers/throwaway-services';

const ARRIVED = `subscription($after: String) { documentArrived(after: $after) { cursor delivery { id recipient { code } document { subject } } } }`;
const PREFIX = 'lt-faults';

const problem = throwawayProblem();
if (problem) skipLoudly('PostgreSQL and Redis fault tests', problem);
else suite();

function suite(): void {
  let pg: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let hub: TestTopology;
  const tokens: Record<string, string> = {};

  before(async () => {
    pg = await ThrowawayPostgres.create();
    redis = await ThrowawayRedis.create();
    hub = await startTopology(2, {
      LIENTHONG_DATABASE_URL: pg.url,
      LIENTHONG_REDIS_URL: redis.url,
      LIENTHONG_REDIS_PREFIX: PREFIX,
      LIENTHONG_EVENT_SWEEP_MS: '0',
    });
    for (const code of [SENDER, ...RECIPIENTS]) tokens[code] = await tokenOf(hub.gateways[0], code);
  });

  after(async () => {
    await hub?.close();
    await redis?.destroy();
    await pg?.destroy();
  });

  let n = 0;
  async function sendTo(gateway: HubProcess, recipients: string[]): Promise<number[]> {
    const input = { ...sendInput(++n, 'svc'), recipients };
    const res = await send(gateway.url, tokens[SENDER], input);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    return recipients.map((code) => Number(res.data!.sendDocument.deliveries.find((d: any) => d.recipient.code === code).id));
  }

  function subscribe(gateway: HubProcess, code: string, after?: string) {
    const client = wsClient(gateway.url, tokens[code]);
    const stream = collect(client, ARRIVED, after ? { after } : {});
    return { client, stream, ids: () => stream.events.map((e) => Number(e.documentArrived.delivery.id)) };
  }

  /** Until `ready` holds of what a fresh connection to the throwaway Redis sees. */
  async function untilRedis(ready: (probe: Redis) => Promise<boolean>, what: string): Promise<void> {
    const probe = new Redis(redis.url, { retryStrategy: () => 100 });
    try {
      await waitFor(() => ready(probe), 15_000, what);
    } finally {
      probe.disconnect();
    }
  }

  /** Until the Redis server has a subscriber on each channel: the instances have (re)subscribed. */
  function subscribedInRedis(channels: string[]): Promise<void> {
    return untilRedis(async (probe) => {
      const reply = (await probe.pubsub('NUMSUB', ...channels)) as (string | number)[];
      return channels.every((_, i) => Number(reply[2 * i + 1]) > 0);
    }, `Redis subscriptions to ${channels.join(', ')}`);
  }

  /**
   * Until every documents instance's publisher is connected again. A publish while it reconnects fails at
   * once (the sweep, off here, would make up for it), and its retries are spaced apart from the
   * subscriber's: the subscriptions can be back well before it.
   */
  function publishersInRedis(): Promise<void> {
    const name = `name=${redisConnectionName(PREFIX, 'publisher')} `;
    return untilRedis(
      async (probe) => ((await probe.client('LIST')) as string).split('\n').filter((line) => line.includes(name)).length >= hub.documents.length,
      'every instance publishing to Redis',
    );
  }

  test('a subscriber on gateway 1 receives an arrival sent through gateway 2', async () => {
    const [g1, g2] = hub.gateways;
    const sub = subscribe(g1, RECIPIENTS[0]);
    await subscribedInRedis([`${PREFIX}:arrival:${RECIPIENTS[0]}`]);
    const started = Date.now();
    const [id] = await sendTo(g2, [RECIPIENTS[0]]);
    const [event] = await sub.stream.next(1, 10_000);
    console.log(`arrival sent through gateway 2 reached gateway 1's subscriber in ${Date.now() - started} ms (send included)`);
    assert.equal(Number(event.documentArrived.delivery.id), id);
    sub.stream.dispose();
    await sub.client.dispose();
  });

  test('Redis restarted while clients are subscribed: nothing missed, nothing twice, reconnecting by cursor works', async () => {
    const [g1, g2] = hub.gateways;
    const [a, b, c] = RECIPIENTS;
    // a and b listen on gateway 1 and hear of sends through gateway 2 only through Redis.
    const subA = subscribe(g1, a);
    const subB = subscribe(g1, b);
    const channels = [a, b].map((code) => `${PREFIX}:arrival:${code}`);
    await subscribedInRedis(channels);
    const expectA = await sendTo(g2, [a]);
    const expectB = await sendTo(g2, [b]);
    await subA.stream.next(1, 10_000);
    await subB.stream.next(1, 10_000);

    await redis.kill();
    // While Redis is down the hub still takes documents; same-instance subscribers still hear at once.
    for (let i = 0; i < 3; i++) expectA.push(...(await sendTo(g2, [a])));
    // From the start of c's log (it has none yet), so no wait for the subscription to be live is needed.
    const local = subscribe(g2, c, encodeCursor(ARRIVAL_CURSOR, 0));
    const expectC = await sendTo(g2, [c]);
    await local.stream.next(1, 10_000);
    // b drops its connection during the outage and comes back with its cursor.
    const cursorB = subB.stream.events.at(-1).documentArrived.cursor;
    subB.stream.dispose();
    await subB.client.dispose();
    for (let i = 0; i < 2; i++) expectB.push(...(await sendTo(g2, [b])));
    const subB2 = subscribe(g1, b, cursorB);
    await subB2.stream.next(2, 10_000);

    const restarted = Date.now();
    await redis.start();
    await subscribedInRedis(channels);
    console.log(`instances resubscribed ${Date.now() - restarted} ms after Redis came back`);
    await publishersInRedis();
    console.log(`instances publishing again ${Date.now() - restarted} ms after Redis came back`);
    expectA.push(...(await sendTo(g2, [a])));
    expectB.push(...(await sendTo(g2, [b])));
    await subA.stream.next(expectA.length, 10_000);
    await subB2.stream.next(expectB.length - 1, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(subA.ids(), expectA, 'subscribed throughout: every arrival once, in order');
    assert.deepEqual([...subB.ids(), ...subB2.ids()], expectB, 'reconnected by cursor: every arrival once, in order');
    assert.deepEqual(local.ids(), expectC);
    for (const s of [subA, subB2, local]) {
      s.stream.dispose();
      await s.client.dispose();
    }
  });

  test('PostgreSQL restarted: a clear error while it is down, success after, no restart of the hub', async () => {
    const [g1, g2] = hub.gateways;
    const pids = [...hub.documents, ...hub.gateways].map((p) => p.pid);
    const code = RECIPIENTS[0];
    const sub = subscribe(g1, code);
    await subscribedInRedis([`${PREFIX}:arrival:${code}`]);
    const INBOX = `{ inbox(first: 5) { totalCount edges { node { id } } } }`;
    assert.equal((await gql(g1.url, INBOX, {}, tokens[code])).errors, undefined);

    await pg.stop('fast');
    const down = await gql(g1.url, INBOX, {}, tokens[code]);
    assert.deepEqual(codes(down), ['SERVICE_UNAVAILABLE'], JSON.stringify(down.errors));
    assert.match(down.errors![0].message, /database/);
    const sendDown = await send(g2.url, tokens[SENDER], { ...sendInput(++n, 'svc'), recipients: [code] });
    assert.deepEqual(codes(sendDown), ['SERVICE_UNAVAILABLE'], JSON.stringify(sendDown.errors));
    console.log(`while PostgreSQL was down: ${down.errors![0].extensions!.code}: ${down.errors![0].message}`);

    const restarted = Date.now();
    await pg.start();
    let attempts = 0;
    await waitFor(async () => (attempts++, !(await gql(g1.url, INBOX, {}, tokens[code])).errors), 30_000, 'the inbox to answer again');
    console.log(`answering again ${Date.now() - restarted} ms after PostgreSQL restarted (${attempts} attempts)`);
    const [id] = await sendTo(g2, [code]);
    const [event] = await sub.stream.next(1, 10_000);
    assert.equal(Number(event.documentArrived.delivery.id), id, 'the subscription opened before the outage goes on');
    assert.deepEqual([...hub.documents, ...hub.gateways].map((p) => p.pid), pids, 'no process was restarted');
    assert.ok([...hub.documents, ...hub.gateways].every((p) => p.running));
    sub.stream.dispose();
    await sub.client.dispose();
  });
}
