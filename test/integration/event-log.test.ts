/** Reads of the event log (src/subgraphs/documents/events/event-log.ts), on SQLite. */
import 'reflect-metadata';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Orm } from '../../src/shared/db';
import { openDocumentsDatabase } from '../../src/subgraphs/documents/database';
import { readLog } from '../../src/subgraphs/documents/events/event-log';
import { tempEnv, type TempEnv } from '../helpers/env';

let env: TempEnv;
let orm: Orm;

before(async () => {
  env = tempEnv({ LIENTHONG_DATABASE_URL: '' });
  orm = await openDocumentsDatabase(env.config);
  const knex = orm.em.getKnex();
  const now = new Date();
  await knex('document').insert(
    Array.from({ length: 4 }, (_, i) => ({
      client_request_id: `log-${i}`, request_hash: 'x', code_number: String(i), code_notation: 'UBND-VP', document_type: 'Công văn',
      subject: `Công văn ${i}`, promulgation_place: 'Hà Nội', promulgation_date: '2026-11-01', signer_name: 'A', signer_position: 'B',
      urgency: 'NORMAL', sender_code: 'S00', sent_at: now,
    })),
  );
  // Deliveries 1..12: document d to R0, R1 and R2 in turn, so R0 has seqs 1, 4, 7, 10.
  await knex('delivery').insert(
    Array.from({ length: 12 }, (_, i) => ({
      document_id: Math.floor(i / 3) + 1, recipient_code: `R${i % 3}`, urgency: 'NORMAL', status: 'PENDING', created_at: now, updated_at: now,
    })),
  );
});

after(async () => {
  await orm.close();
  env.cleanup();
});

test('reads asked for together go to the database as one statement, and each gets exactly its own events', async () => {
  const statements: string[] = [];
  const knex = orm.em.getKnex();
  const capture = (q: { sql: string }) => statements.push(q.sql);
  knex.on('query', capture);
  try {
    const [r0, r1, r1Again, r2, none] = await Promise.all([
      readLog(orm, 'arrival', 'R0', 0, 200),
      readLog(orm, 'arrival', 'R1', 5, 200),
      readLog(orm, 'arrival', 'R1', 0, 2),
      readLog(orm, 'arrival', 'R2', 12, 200),
      readLog(orm, 'arrival', 'R9', 0, 200),
    ]);
    const seqs = (events: { seq: number; audience: string; kind: string }[], audience: string) => {
      for (const e of events) assert.deepEqual([e.kind, e.audience], ['arrival', audience]);
      return events.map((e) => e.seq);
    };
    assert.deepEqual(seqs(r0, 'R0'), [1, 4, 7, 10]);
    assert.deepEqual(seqs(r1, 'R1'), [8, 11]);
    assert.deepEqual(seqs(r1Again, 'R1'), [2, 5], 'its own limit, oldest first');
    assert.deepEqual(r2, []);
    assert.deepEqual(none, []);
    assert.equal(statements.length, 1);
  } finally {
    knex.removeListener('query', capture);
  }
  // A read on its own, later, is its own statement.
  assert.deepEqual((await readLog(orm, 'arrival', 'R2', 3, 200)).map((e) => e.seq), [6, 9, 12]);
});
