/**
 * The event log on PostgreSQL + Redis with two hubs (two documents instances, two gateways) on one
 * database: order and completeness under concurrent sends, the order lock, nothing published for a
 * rolled-back send, the relay's sweep for an event nobody published, and Redis subscriptions freed on
 * unsubscribe. Against the machine's PostgreSQL and Redis, in a database of its own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { knex, type Knex } from '@mikro-orm/knex';
import { EVENT_LOG_LOCK } from '../../src/subgraphs/documents/events/event-log';
import { tokenFor } from '../helpers/env';
import { collect, gql, waitFor, wsClient } from '../helpers/graphql';
import { startHub, type TestHub } from '../helpers/hub';
import { createTestDatabase, scaledServicesProblem, skipLoudly, TEST_REDIS_URL, type TestDatabase } from '../helpers/scaled-store';

const SENDERS = ['000.00.00.G22', '000.00.00.G12'];
const RECIPIENTS = ['000.00.00.H41', '000.00.00.H29', '000.00.00.H01'];
const ARRIVED = `subscription($after: String) { documentArrived(after: $after) { cursor delivery { id } } }`;

const problem = scaledServicesProblem();
if (problem) skipLoudly('event order on PostgreSQL + Redis', problem);
else suite();

function suite(): void {
  let database: TestDatabase;
  let hubs: TestHub[];
  let db: Knex;
  let redis: Redis;
  const tokens: Record<string, string> = {};
  const prefix = `lt-order-${process.pid}`;

  before(async () => {
    database = await createTestDatabase();
    // The sweep is off on hub 0, so whatever reaches its subscribers from hub 1 came through Redis.
    const env = { LIENTHONG_DATABASE_URL: database.url, LIENTHONG_REDIS_URL: TEST_REDIS_URL, LIENTHONG_REDIS_PREFIX: prefix };
    hubs = [await startHub({ ...env, LIENTHONG_EVENT_SWEEP_MS: '0' }), await startHub({ ...env, LIENTHONG_EVENT_SWEEP_MS: '200' })];
    for (const code of [...SENDERS, ...RECIPIENTS]) tokens[code] = await tokenFor(hubs[0].config, code);
    db = knex({ client: 'pg', connection: database.url, searchPath: ['documents'], pool: { min: 0, max: 4 } });
    redis = new Redis(TEST_REDIS_URL);
  });

  after(async () => {
    redis?.disconnect();
    await db?.destroy();
    for (const hub of hubs ?? []) await hub.close();
    await database?.drop();
  });

  let n = 0;
  function send(hub: TestHub, from: string, recipients: string[], clientRequestId = `order-${++n}`) {
    return gql(
      hub.url,
      `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`,
      {
        input: {
          clientRequestId, codeNumber: String(n), codeNotation: 'UBND-VP', documentType: 'Công văn', subject: `Công văn ${clientRequestId}`,
          promulgationPlace: 'Hà Nội', promulgationDate: '2026-11-01', signerName: 'Nguyễn Văn A', signerPosition: 'Chánh Văn phòng', recipients,
        },
      },
      tokens[from],
    );
  }

  /**
   * Subscribes through a hub's gateway and waits until the stream is live end to end (a probe sent to
   * the agency has come through it); ids() are the arrivals after the probe.
   */
  async function subscriber(hub: TestHub, code: string) {
    const client = wsClient(hub.url, tokens[code]);
    const stream = collect(client, ARRIVED);
    await new Promise((r) => setTimeout(r, 100));
    const probe = await send(hub, SENDERS[1], [code]);
    assert.equal(probe.errors, undefined, JSON.stringify(probe.errors));
    await stream.next(1, 10_000);
    const first = Number(stream.events[0].documentArrived.delivery.id);
    const ids = () => stream.events.map((e) => Number(e.documentArrived.delivery.id)).filter((id) => id > first);
    return { stream, client, first, ids, count: () => stream.events.length - 1 };
  }

  async function logOf(code: string): Promise<number[]> {
    return (await db('delivery').select('id').where('recipient_code', code).orderBy('id')).map((r: { id: number }) => Number(r.id));
  }

  test('concurrent sends through two instances: each subscriber gets its arrivals in log order, none lost, none twice', async () => {
    const subs = await Promise.all(RECIPIENTS.flatMap((code) => hubs.map((hub) => subscriber(hub, code).then((s) => ({ code, ...s })))));
    const plan = Array.from({ length: 60 }, (_, i) => ({ hub: hubs[i % 2], from: SENDERS[i % 2], to: RECIPIENTS.filter((_, r) => (i >> r) & 1 || r === i % 3) }));
    const started = Date.now();
    const queue = [...plan];
    await Promise.all(
      Array.from({ length: 12 }, async () => {
        for (let job = queue.shift(); job; job = queue.shift()) {
          const res = await send(job.hub, job.from, job.to);
          assert.equal(res.errors, undefined, JSON.stringify(res.errors));
        }
      }),
    );
    const sentMs = Date.now() - started;
    for (const s of subs) {
      const log = (await logOf(s.code)).filter((id) => id > s.first);
      await s.stream.next(log.length + 1, 15_000);
      assert.deepEqual(s.ids(), log, `${s.code}: the stream must be the log, in order`);
    }
    await new Promise((r) => setTimeout(r, 300));
    for (const s of subs) assert.equal(s.count(), s.ids().length, `${s.code}: nothing twice`);
    console.log(`60 concurrent sends (12 at a time, two instances) in ${sentMs} ms; ${subs.length} subscribers each got their whole log in order`);
    for (const s of subs) {
      s.stream.dispose();
      await s.client.dispose();
    }
  });

  test('the order lock: a send waits for an uncommitted event-writing transaction, and arrives after it', async () => {
    const code = RECIPIENTS[0];
    const sub = await subscriber(hubs[0], code);
    const trx = await db.transaction();
    await trx.raw('select pg_advisory_xact_lock(?, ?)', [...EVENT_LOG_LOCK]);
    const [{ id: held }] = await trx('delivery')
      .insert({ document_id: 0, recipient_code: code, urgency: 'NORMAL', status: 'PENDING', created_at: new Date(), updated_at: new Date() })
      .returning('id');
    const pending = send(hubs[1], SENDERS[0], [code]);
    // The send is in flight, waiting for the lock this transaction holds.
    await waitFor(
      async () => {
        const [{ waiting }] = (await db.raw(`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and classid = ? and objid = ?`, [...EVENT_LOG_LOCK])).rows;
        return waiting > 0;
      },
      10_000,
      'the send to wait for the order lock',
    );
    await trx.commit();
    const res = await pending;
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    const sent = Number(res.data!.sendDocument.deliveries[0].id);
    assert.ok(sent > Number(held), `the waiting send drew its seq (${sent}) after the held one (${held})`);
    await sub.stream.next(3, 10_000);
    assert.deepEqual(sub.ids(), [Number(held), sent]);
    sub.stream.dispose();
    await sub.client.dispose();
    await db('delivery').where('id', held).delete();
  });

  test('a send that rolls back publishes nothing: ten concurrent repeats of one request make one arrival', async () => {
    const code = RECIPIENTS[1];
    const sub = await subscriber(hubs[0], code);
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => send(hubs[i % 2], SENDERS[0], [code], 'same-request')));
    const ids = new Set(results.map((r) => (assert.equal(r.errors, undefined, JSON.stringify(r.errors)), r.data!.sendDocument.id)));
    assert.equal(ids.size, 1, 'every repeat answers with the one document');
    const marker = await send(hubs[1], SENDERS[0], [code]);
    await sub.stream.next(3, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(sub.ids(), [Number(results[0].data!.sendDocument.deliveries[0].id), Number(marker.data!.sendDocument.deliveries[0].id)]);
    sub.stream.dispose();
    await sub.client.dispose();
  });

  test('the relay sweep delivers an event that was committed but never published', async () => {
    const code = RECIPIENTS[2];
    // On hub 1 (sweep every 200 ms); the row is written behind the hub's back, as by a sender killed after commit.
    const sub = await subscriber(hubs[1], code);
    const [{ id }] = await db('delivery')
      .insert({ document_id: 0, recipient_code: code, urgency: 'NORMAL', status: 'PENDING', created_at: new Date(), updated_at: new Date() })
      .returning('id');
    await sub.stream.next(2, 10_000);
    assert.deepEqual(sub.ids(), [Number(id)]);
    sub.stream.dispose();
    await sub.client.dispose();
    await db('delivery').where('id', id).delete();
  });

  test('unsubscribing frees the Redis subscription, also after many subscribe/unsubscribe cycles', async () => {
    const code = RECIPIENTS[0];
    const channel = `${prefix}:arrival:${code}`;
    const numsub = async () => Number(((await redis.pubsub('NUMSUB', channel)) as [string, number])[1]);
    for (let i = 0; i < 20; i++) {
      const sub = await subscriber(hubs[i % 2], code);
      assert.equal(await numsub(), 1);
      sub.stream.dispose();
      await sub.client.dispose();
      await waitFor(async () => (await numsub()) === 0, 10_000, 'Redis to drop the subscription');
    }
    const left = (await redis.pubsub('CHANNELS', `${prefix}:*`)) as string[];
    assert.deepEqual(left, [], 'no channel of this hub is still subscribed');
  });
}
