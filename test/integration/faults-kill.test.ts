/**
 * kill -9 of the documents subgraph in the middle of a burst of sends, on a throwaway PostgreSQL:
 * afterwards every send that returned success is stored whole, none is half-stored, and retrying the
 * failed ones with the same clientRequestId stores each exactly once. Real processes throughout.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Knex } from '@mikro-orm/knex';
import { checkStoredWhole, documentsDb, send, SENDER, sendInput, tokenOf } from '../helpers/fault-sends';
import { startTopology, type TestTopology } from '../helpers/hub-processes';
import { skipLoudly } from '../helpers/scaled-store';
import { throwawayProblem, ThrowawayPostgres } from '../helpers/throwaway-services';

const BURST = 80;
const CONCURRENCY = 8;
/** The subgraph is killed once this many sends have succeeded, with the others in flight. */
const KILL_AFTER = 20;

const problem = throwawayProblem();
if (problem) skipLoudly('kill -9 fault test', problem);
else suite();

function suite(): void {
  let pg: ThrowawayPostgres;
  let hub: TestTopology;
  let db: Knex;

  before(async () => {
    pg = await ThrowawayPostgres.create();
    hub = await startTopology(1, { LIENTHONG_DATABASE_URL: pg.url });
    db = documentsDb(pg.url);
  });

  after(async () => {
    await db?.destroy();
    await hub?.close();
    await pg?.destroy();
  });

  test('kill -9 in a burst of sends: successes stored whole, nothing half-stored, retries stored exactly once', async () => {
    const [documents] = hub.documents;
    const [gateway] = hub.gateways;
    const token = await tokenOf(gateway, SENDER);
    const outcome = new Map<number, 'ok' | string>();
    const returned = new Map<number, number>();
    let killed: Promise<number | null> | undefined;
    const queue = Array.from({ length: BURST }, (_, i) => i);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          try {
            const res = await send(gateway.url, token, sendInput(i));
            if (res.errors) {
              outcome.set(i, String(res.errors[0].extensions?.code));
            } else {
              outcome.set(i, 'ok');
              returned.set(i, Number(res.data!.sendDocument.id));
            }
          } catch (e) {
            outcome.set(i, (e as Error).message);
          }
          if (!killed && returned.size >= KILL_AFTER) killed = documents.stop('SIGKILL');
        }
      }),
    );
    assert.equal(await killed, null, 'the subgraph died of the signal');
    const failed = [...outcome].filter(([, o]) => o !== 'ok').map(([i]) => i);
    const failures = new Map<string, number>();
    for (const i of failed) failures.set(outcome.get(i)!, (failures.get(outcome.get(i)!) ?? 0) + 1);
    console.log(`burst of ${BURST}: ${returned.size} succeeded, ${failed.length} failed (${[...failures].map(([k, v]) => `${v}× ${k}`).join(', ')})`);
    assert.ok(failed.length > 0, 'the kill happened mid-burst');

    // Before any restart: what the database holds is whole, and holds every success.
    const stored = await checkStoredWhole(db);
    for (const [i, id] of returned) assert.equal(stored.get(`burst-${i}`), id, `success burst-${i} is stored as returned`);
    const committedButFailed = failed.filter((i) => stored.has(`burst-${i}`)).length;
    console.log(`stored after the kill: ${stored.size} documents (${committedButFailed} of the failed sends had committed)`);

    const restarted = Date.now();
    await documents.start();
    console.log(`documents subgraph restarted in ${Date.now() - restarted} ms`);
    for (const i of failed) {
      const res = await send(gateway.url, token, sendInput(i));
      assert.equal(res.errors, undefined, `retry of burst-${i}: ${JSON.stringify(res.errors)}`);
      if (stored.has(`burst-${i}`)) assert.equal(Number(res.data!.sendDocument.id), stored.get(`burst-${i}`), 'a committed send retried is the same document');
    }
    const after = await checkStoredWhole(db);
    assert.equal(after.size, BURST, 'every send stored exactly once');
  });
}
