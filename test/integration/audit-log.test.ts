/**
 * The tamper-evident audit log through the real hub: every send, status move, recall and directory
 * change is an entry; concurrent writers never fork the chain; and each way of editing the database
 * behind the hub's back — an entry, a record, a deletion, an insertion, an entry re-hashed — is caught by
 * verifyAuditLog and by `npm run audit:verify` (run as the command it is), which names the broken entry.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AUDIT_TABLE, entryHash } from '../../src/subgraphs/documents/audit/audit-log';
import { verifyAuditLog, type AuditReport } from '../../src/subgraphs/documents/audit/verify';
import type { DocumentsServer } from '../../src/subgraphs/documents/server';
import { gql } from '../helpers/graphql';
import { tokenFor } from '../helpers/env';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22';
const RECIPIENT = '000.00.00.H41';
const OTHER = '000.00.00.H29';
const CLI = path.resolve(__dirname, '../../src/cli/audit-verify.js');

let hub: TestHub;
const tokens: Record<string, string> = {};
let n = 0;

const orm = () => (hub.subgraphs.documents as DocumentsServer).orm;
const knex = () => orm().em.getKnex();
const verify = () => verifyAuditLog(orm());

async function call(who: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await gql(hub.url, query, variables, tokens[who]);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!;
}

async function send(recipients = [RECIPIENT, OTHER]) {
  n++;
  const input = {
    clientRequestId: `audit-${n}`,
    codeNumber: String(n),
    codeNotation: 'VPCP-KSTT',
    documentType: 'Quyết định',
    subject: `Quyết định số ${n}`,
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-11-20',
    signerName: 'Trần Văn Sơn',
    signerPosition: 'Bộ trưởng',
    recipients,
    attachments: [{ fileName: `qd-${n}.txt`, contentType: 'text/plain', contentBase64: Buffer.from(`quyết định ${n}`).toString('base64') }],
  };
  const data = await call(SENDER, `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`, { input });
  return data.sendDocument as { id: string; deliveries: { id: string; recipient: { code: string } }[] };
}

const move = (who: string, id: string, status: string) =>
  call(who, `mutation($id: ID!, $s: DeliveryStatus!) { updateDeliveryStatus(deliveryId: $id, status: $s) { id } }`, { id, s: status });

async function actions(): Promise<string[]> {
  return (await knex()(AUDIT_TABLE).select('action').orderBy('seq')).map((r: { action: string }) => r.action);
}

function assertIntact(report: AuditReport): void {
  assert.deepEqual(report.problems, []);
  assert.equal(report.head?.seq, report.entries);
}

/** Runs `npm run audit:verify`'s command against the hub's data directory. */
async function cli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [CLI], { env: { ...process.env, LIENTHONG_DATA_DIR: hub.config.dataDir, LIENTHONG_LOG_LEVEL: 'silent' } });
    return { code: 0, out: stdout };
  } catch (e) {
    const failed = e as { code: number; stdout: string };
    return { code: failed.code, out: failed.stdout };
  }
}

before(async () => {
  hub = await startHub({ LIENTHONG_RATE_LIMIT_PER_SECOND: '0' });
  for (const [who, role] of [[SENDER, 'AGENCY'], [RECIPIENT, 'AGENCY'], [OTHER, 'AGENCY'], ['operator-1', 'OPERATOR']] as const) {
    tokens[who] = await tokenFor(hub.config, who, role);
  }
});

after(() => hub?.close());

test('every send, move, recall, answer and directory change is an entry, in order, and the chain verifies', async () => {
  assert.deepEqual(await actions(), ['audit.started', 'directory.seeded']);
  const doc = await send();
  const mine = doc.deliveries.find((d) => d.recipient.code === RECIPIENT)!.id;
  await move(RECIPIENT, mine, 'ARRIVED');
  await move(RECIPIENT, mine, 'ACCEPTED');
  await call(SENDER, `mutation($id: ID!) { recallDocument(documentId: $id, reason: "Sai số hiệu") { id } }`, { id: doc.id });
  await call(RECIPIENT, `mutation($id: ID!) { answerRecall(deliveryId: $id, agree: false, note: "Đã xử lý") { id } }`, { id: mine });
  await call('operator-1', `mutation { createAgency(input: { code: "000.00.95.G22", name: "Vụ Thử nghiệm", parentCode: "${SENDER}" }) { code } }`);
  await call('operator-1', `mutation { updateAgency(code: "000.00.95.G22", input: { email: "vu@example.gov.vn" }) { code } }`);
  await call('operator-1', `mutation { mergeAgency(code: "000.00.95.G22", successorCode: "${SENDER}") { code } }`);
  assert.deepEqual((await actions()).slice(2), [
    'document.sent',
    'delivery.moved',
    'delivery.moved',
    'delivery.recalled', // one entry per delivery the recall moved: this one to RECALL_REQUESTED,
    'delivery.recalled', // the other recipient's PENDING copy to RECALLED
    'delivery.recall_answered',
    'agency.created',
    'agency.updated',
    'agency.merged',
  ]);
  const report = await verify();
  assertIntact(report);
  assert.deepEqual(report.checked, { documents: 1, deliveries: 2, statusEvents: 5 });
  const { code, out } = await cli();
  assert.equal(code, 0, out);
  assert.match(out, new RegExp(`the chain is intact — ${report.entries} entries, head #${report.head!.seq} ${report.head!.hash}`));
});

test('concurrent sends and moves never fork the chain', async () => {
  const before = (await verify()).entries;
  const docs = await Promise.all(Array.from({ length: 20 }, () => send([RECIPIENT])));
  await Promise.all(docs.map((d) => move(RECIPIENT, d.deliveries[0].id, 'ARRIVED')));
  const report = await verify();
  assertIntact(report);
  assert.equal(report.entries, before + 40);
  const seqs = (await knex()(AUDIT_TABLE).select('seq').orderBy('seq')).map((r: { seq: number }) => Number(r.seq));
  assert.deepEqual(seqs, Array.from({ length: report.entries }, (_, i) => i + 1));
});

/** Applies a change behind the hub's back, checks what verify (and the command) say, then undoes it. */
async function caught(change: () => Promise<void>, undo: () => Promise<void>, expected: RegExp, firstSeq?: number): Promise<void> {
  await change();
  try {
    const report = await verify();
    assert.ok(report.problems.length > 0, 'the change went unnoticed');
    assert.match(report.problems[0].message, expected, JSON.stringify(report.problems));
    if (firstSeq !== undefined) assert.equal(report.problems[0].seq, firstSeq);
    const { code, out } = await cli();
    assert.equal(code, 1, out);
    assert.match(out, /^audit:verify: BROKEN/);
    if (firstSeq !== undefined) assert.match(out, new RegExp(`BROKEN at entry #${firstSeq}:`));
  } finally {
    await undo();
  }
  assertIntact(await verify());
}

test('an entry edited, deleted, or edited and re-hashed is caught, and the first broken entry named', async () => {
  const entry = await knex()(AUDIT_TABLE).where({ action: 'delivery.moved' }).orderBy('seq').first();
  const seq = Number(entry.seq);
  const forged = entry.state.replace('"ARRIVED"', '"REJECTED"');
  assert.notEqual(forged, entry.state);
  await caught(
    () => knex()(AUDIT_TABLE).where({ seq }).update({ state: forged }),
    () => knex()(AUDIT_TABLE).where({ seq }).update({ state: entry.state }),
    new RegExp(`entry #${seq} \\(delivery.moved delivery:\\d+\\) was altered`),
    seq,
  );
  await caught(
    () => knex()(AUDIT_TABLE).where({ seq }).delete(),
    () => knex()(AUDIT_TABLE).insert(entry),
    new RegExp(`entry #${seq} is missing`),
    seq,
  );
  // A careful forger recomputes the entry's own hash: the next entry no longer follows it.
  const rehashed = entryHash({
    seq,
    at: entry.at,
    actor: entry.actor,
    role: entry.actor_role,
    action: entry.action,
    target: entry.target,
    state: JSON.parse(forged),
    prevHash: entry.prev_hash,
  });
  await caught(
    () => knex()(AUDIT_TABLE).where({ seq }).update({ state: forged, hash: rehashed }),
    () => knex()(AUDIT_TABLE).where({ seq }).update({ state: entry.state, hash: entry.hash }),
    new RegExp(`entry #${seq + 1} does not follow entry #${seq}`),
    seq + 1,
  );
});

test('a record edited, deleted or slipped in behind the hub\'s back is caught', async () => {
  const doc = await knex()('document').orderBy('id').first();
  const sentEntry = Number((await knex()(AUDIT_TABLE).where({ target: `document:${doc.id}` }).first()).seq);
  await caught(
    () => knex()('document').where({ id: doc.id }).update({ subject: 'Một trích yếu khác' }),
    () => knex()('document').where({ id: doc.id }).update({ subject: doc.subject }),
    new RegExp(`document ${doc.id} no longer matches entry #${sentEntry}`),
    sentEntry,
  );
  const event = await knex()('status_event').orderBy('id').first();
  await caught(
    () => knex()('status_event').where({ id: event.id }).update({ status: 'COMPLETED', status_code: '06' }),
    () => knex()('status_event').where({ id: event.id }).update({ status: event.status, status_code: event.status_code }),
    new RegExp(`status event ${event.id} no longer matches entry`),
  );
  await caught(
    () => knex()('status_event').where({ id: event.id }).delete(),
    () => knex()('status_event').insert(event),
    new RegExp(`status event ${event.id}, recorded in entry #\\d+, has been deleted`),
  );
  const delivery = await knex()('delivery').orderBy('id', 'desc').first();
  await caught(
    () => knex()('delivery').where({ id: delivery.id }).update({ status: 'COMPLETED' }),
    () => knex()('delivery').where({ id: delivery.id }).update({ status: delivery.status }),
    new RegExp(`delivery ${delivery.id} no longer matches entry`),
  );
  const forgedId = Number(delivery.id) + 1000;
  await caught(
    () => knex()('delivery').insert({ ...delivery, id: forgedId, recipient_code: '000.00.00.G12' }),
    () => knex()('delivery').where({ id: forgedId }).delete(),
    new RegExp(`delivery ${forgedId} is not in the audit log`),
  );
});
