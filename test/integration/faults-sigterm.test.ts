/**
 * SIGTERM to a documents subgraph and to a gateway of the scaled mode (throwaway PostgreSQL and Redis,
 * real processes): requests in flight finish, subscribers get a clean close (1001), the process exits
 * with 0 within 10 s, and nothing the finished requests wrote is lost to a subscriber that resumes by
 * cursor. The requests are held in flight deterministically: the test holds the event-log order lock,
 * so each send waits inside its transaction until the test lets go, after the signal.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from '@mikro-orm/knex';
import { signIdentity } from '../../src/shared/identity';
import { EVENT_LOG_LOCK } from '../../src/subgraphs/documents/events/event-log';
import { documentsDb, RECIPIENTS, send, SENDER, sendInput, tokenOf } from '../helpers/fault-sends';
import { collect, waitFor, wsClient } from '../helpers/graphql';
import { startTopology, type HubProcess, type TestTopology } from '../helpers/hub-processes';
import { skipLoudly } from '../helpers/scaled-store';
import { throwawayProblem, ThrowawayPostgres, ThrowawayRedis } from '../helpers/throwaway-services';

const EXIT_WITHIN_MS = 10_000;
const IN_FLIGHT = 5;
const ARRIVED = `subscription($after: String) { documentArrived(after: $after) { cursor delivery { id } } }`;

const problem = throwawayProblem();
if (problem) skipLoudly('SIGTERM fault test', problem);
else suite();

function suite(): void {
  let pg: ThrowawayPostgres;
  let redis: ThrowawayRedis;
  let hub: TestTopology;
  let db: Knex;
  const tokens: Record<string, string> = {};
  const code = RECIPIENTS[0];
  let n = 0;

  before(async () => {
    pg = await ThrowawayPostgres.create();
    redis = await ThrowawayRedis.create();
    hub = await startTopology(1, { LIENTHONG_DATABASE_URL: pg.url, LIENTHONG_REDIS_URL: redis.url });
    db = documentsDb(pg.url);
    for (const c of [SENDER, code]) tokens[c] = await tokenOf(hub.gateways[0], c);
  });

  after(async () => {
    await db?.destroy();
    await hub?.close();
    await redis?.destroy();
    await pg?.destroy();
  });

  /** Subscribes and waits until live: a probe sent now comes through. Returns the probe's cursor too. */
  async function liveSubscriber(url: string, connectionParams: Record<string, unknown>) {
    const client = wsClient(url, connectionParams);
    let closeCode: number | undefined;
    const stream = collect(client, ARRIVED);
    await new Promise((r) => setTimeout(r, 200));
    const probe = await send(hub.gateways[0].url, tokens[SENDER], { ...sendInput(++n, 'sigterm'), recipients: [code] });
    assert.equal(probe.errors, undefined, JSON.stringify(probe.errors));
    await stream.next(1, 10_000);
    client.on('closed', (e) => (closeCode = (e as { code: number }).code));
    return { client, stream, cursor: stream.events[0].documentArrived.cursor as string, closeCode: () => closeCode };
  }

  /** Starts IN_FLIGHT sends through the gateway that wait, in their transactions, for the lock the test holds. */
  async function heldSends(gateway: HubProcess) {
    const trx = await db.transaction();
    await trx.raw('select pg_advisory_xact_lock(?, ?)', [...EVENT_LOG_LOCK]);
    const sends = Array.from({ length: IN_FLIGHT }, () => send(gateway.url, tokens[SENDER], { ...sendInput(++n, 'sigterm'), recipients: [code] }));
    await waitFor(
      async () => {
        const [{ waiting }] = (await db.raw(`select count(*)::int as waiting from pg_locks where locktype = 'advisory' and not granted and classid = ? and objid = ?`, [...EVENT_LOG_LOCK])).rows;
        return waiting === IN_FLIGHT;
      },
      10_000,
      `${IN_FLIGHT} sends waiting in their transactions`,
    );
    return { sends, release: () => trx.commit() };
  }

  /** SIGTERM, then let the held sends go on 500 ms later; resolves with the exit code and how long it took. */
  async function terminate(part: HubProcess, release: () => Promise<unknown>) {
    const signalled = Date.now();
    const exit = part.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await release();
    const code = await exit;
    return { code, ms: Date.now() - signalled };
  }

  function assertAllSucceeded(results: Awaited<ReturnType<typeof send>>[]): number[] {
    for (const r of results) assert.equal(r.errors, undefined, JSON.stringify(r.errors));
    return results.map((r) => Number(r.data!.sendDocument.deliveries[0].id));
  }

  test('SIGTERM to the documents subgraph: in-flight sends finish, its sockets close with 1001, exit 0 within 10 s', async () => {
    const [documents] = hub.documents;
    const [gateway] = hub.gateways;
    // A direct socket (as the gateway's own) and a client of the gateway.
    const direct = await liveSubscriber(documents.url, signIdentity(documents.env.LIENTHONG_GATEWAY_SECRET!, { sub: code, role: 'AGENCY' }));
    const viaGateway = await liveSubscriber(gateway.url, { authorization: `Bearer ${tokens[code]}` });
    const held = await heldSends(gateway);
    const { code: exitCode, ms } = await terminate(documents, held.release);
    const sent = assertAllSucceeded(await Promise.all(held.sends));
    console.log(`documents subgraph exited ${exitCode} ${ms} ms after SIGTERM; ${IN_FLIGHT} in-flight sends finished`);
    assert.equal(exitCode, 0);
    assert.ok(ms < EXIT_WITHIN_MS, `exited ${ms} ms after SIGTERM`);
    await waitFor(() => direct.closeCode() !== undefined, 5_000, 'the direct socket to close');
    assert.equal(direct.closeCode(), 1001);
    await direct.client.dispose();

    // Back up: a client resuming from its cursor gets every arrival the finished sends wrote, once, in order.
    await documents.start();
    viaGateway.stream.dispose();
    await viaGateway.client.dispose();
    const resumed = wsClient(gateway.url, tokens[code]);
    const stream = collect(resumed, ARRIVED, { after: viaGateway.cursor });
    await stream.next(IN_FLIGHT, 10_000);
    assert.deepEqual(stream.events.map((e) => Number(e.documentArrived.delivery.id)), [...sent].sort((x, y) => x - y));
    stream.dispose();
    await resumed.dispose();
  });

  test('SIGTERM to a gateway: in-flight sends finish, subscribers get 1001, exit 0 within 10 s', async () => {
    const [gateway] = hub.gateways;
    const subscriber = await liveSubscriber(gateway.url, { authorization: `Bearer ${tokens[code]}` });
    const held = await heldSends(gateway);
    const { code: exitCode, ms } = await terminate(gateway, held.release);
    assertAllSucceeded(await Promise.all(held.sends));
    console.log(`gateway exited ${exitCode} ${ms} ms after SIGTERM; ${IN_FLIGHT} in-flight sends finished`);
    assert.equal(exitCode, 0);
    assert.ok(ms < EXIT_WITHIN_MS, `exited ${ms} ms after SIGTERM`);
    await waitFor(() => subscriber.closeCode() !== undefined, 5_000, 'the subscriber socket to close');
    assert.equal(subscriber.closeCode(), 1001);
    await subscriber.client.dispose();
  });
}
