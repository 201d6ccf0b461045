/**
 * What a send and a status move write, statement by statement: only the rows they change. Found by the
 * send benchmark: MikroORM compared a `datetime` property's snapshot (a number on SQLite) with the
 * loaded Date, so every entity an operation had read was written back on flush — the recipients'
 * agency rows in every send, and a delivery's old updatedAt over the one its status move had just set.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { syntheticDirectory, writeSyntheticDirectory } from '../../src/cli/make-directory';
import { signIdentity } from '../../src/shared/identity';
import { importDirectory } from '../../src/subgraphs/documents/agency/directory';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { tempEnv, type TempEnv } from '../helpers/env';

const VPCP = '000.00.00.G22';
const NGHE_AN = '000.00.00.H41';
const HCM = '000.00.00.H29';

let env: TempEnv;
let server: DocumentsServer;
let clock = new Date('2026-03-02T01:00:00.000Z');
const statements: string[] = [];

before(async () => {
  env = tempEnv();
  server = await startDocumentsSubgraph(env.config, { port: 0, now: () => clock, onQuery: (sql) => statements.push(sql) });
});

after(async () => {
  await server.close();
  env.cleanup();
});

async function call(as: string, query: string, variables: Record<string, unknown>) {
  const res = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signIdentity(env.config.gatewaySecret, { sub: as, role: 'AGENCY' }) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: Record<string, any>; errors?: unknown };
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  return body.data!;
}

const writes = (sql: string[]) => sql.filter((s) => /^(insert|update|delete)\b/i.test(s));

test('a send inserts the document, its deliveries and its audit entry, and updates nothing', async () => {
  statements.length = 0;
  const { sendDocument } = await call(
    VPCP,
    `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id } } }`,
    {
      input: {
        clientRequestId: 'writes-1',
        codeNumber: '12',
        codeNotation: 'VPCP-KGVX',
        documentType: 'Công văn',
        subject: 'Về việc kiểm tra các câu lệnh ghi',
        promulgationPlace: 'Hà Nội',
        promulgationDate: '2026-03-01',
        signerName: 'Nguyễn Văn A',
        signerPosition: 'Chánh Văn phòng',
        recipients: [NGHE_AN, HCM],
      },
    },
  );
  assert.equal(sendDocument.deliveries.length, 2);
  const written = writes(statements);
  assert.deepEqual(written.filter((s) => /^update/i.test(s)), [], `a send updated rows: ${written.join('\n')}`);
  assert.deepEqual(
    written.map((s) => /^insert into `(\w+)`/i.exec(s)?.[1]),
    ['document', 'delivery', 'audit_entry'],
    `writes of one send:\n${written.join('\n')}`,
  );
});

test('a status move sets updatedAt to its own time and writes only the delivery, one status event and its audit entry', async () => {
  const { inbox } = await call(NGHE_AN, '{ inbox(first: 1) { edges { node { id updatedAt } } } }', {});
  const delivery = inbox.edges[0].node;
  assert.equal(delivery.updatedAt, '2026-03-02T01:00:00.000Z');

  clock = new Date('2026-03-02T02:30:00.000Z');
  statements.length = 0;
  const { updateDeliveryStatus } = await call(
    NGHE_AN,
    'mutation($id: ID!) { updateDeliveryStatus(deliveryId: $id, status: ARRIVED) { status updatedAt } }',
    { id: delivery.id },
  );
  assert.deepEqual(updateDeliveryStatus, { status: 'ARRIVED', updatedAt: '2026-03-02T02:30:00.000Z' });
  const written = writes(statements);
  assert.equal(written.length, 3, `writes of one move:\n${written.join('\n')}`);
  assert.match(written[0], /^update `delivery`/i);
  assert.match(written[1], /^insert into `status_event`/i);
  assert.match(written[2], /^insert into `audit_entry`/i);
});

test('a send to 600 agencies, about 600 citizens and 600 parcels is stored whole (SQLite takes at most 500 rows in one insert)', async () => {
  const file = path.join(env.dir, 'directory.csv');
  await writeSyntheticDirectory(file, 700);
  await importDirectory(server.orm, file);
  const recipients = [...syntheticDirectory(700)].filter((unit) => unit.active).slice(0, 600).map((unit) => unit.code);
  const citizenIds = recipients.map((_, i) => String(100_000_000_000 + i));
  const parcelIds = recipients.map((_, i) => `P-${i}`);
  const { sendDocument } = await call(
    VPCP,
    `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } citizens { personalId } } }`,
    {
      input: {
        clientRequestId: 'writes-many',
        codeNumber: '13',
        codeNotation: 'VPCP-KGVX',
        documentType: 'Công văn',
        subject: 'Gửi sáu trăm cơ quan',
        promulgationPlace: 'Hà Nội',
        promulgationDate: '2026-03-01',
        signerName: 'Nguyễn Văn A',
        signerPosition: 'Chánh Văn phòng',
        recipients,
        citizenIds,
        parcelIds,
      },
    },
  );
  const deliveries = sendDocument.deliveries as { id: string; recipient: { code: string } }[];
  assert.deepEqual(deliveries.map((d) => d.recipient.code).sort(), [...recipients].sort());
  assert.equal(new Set(deliveries.map((d) => d.id)).size, 600, 'each delivery its own id');
  const knex = server.orm.em.getKnex();
  const count = async (table: string) => Number((await knex(table).where('document_id', sendDocument.id).count({ n: '*' }))[0].n);
  assert.deepEqual([await count('delivery'), await count('document_citizen'), await count('document_parcel')], [600, 600, 600]);
  // Each delivery's id is the one stored for its recipient (ids were matched by recipient, not by order).
  const stored = await knex('delivery').where('document_id', sendDocument.id).select('id', 'recipient_code');
  const idOf = new Map(stored.map((row: { id: number; recipient_code: string }) => [row.recipient_code, String(row.id)]));
  assert.ok(deliveries.every((d) => idOf.get(d.recipient.code) === d.id));
});

