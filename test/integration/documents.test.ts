/**
 * The documents subgraph over real HTTP and WebSocket on an ephemeral loopback port, with a real
 * SQLite database in a temporary folder: sends, idempotency, every status move, recall, isolation.
 */
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDocumentsSubgraph, type DocumentsServer } from '../../src/subgraphs/documents/server';
import { IDENTITY_HEADER, signIdentity } from '../../src/shared/identity';
import { codes, gql } from '../helpers/graphql';
import { signedAs, tempEnv, tokenFor, type SignedCaller, type TempEnv } from '../helpers/env';

const VPCP = '000.00.00.G22'; // Văn phòng Chính phủ: the sender
const NGHE_AN = '000.00.00.H41';
const HCM = '000.00.00.H29';
const MOF = '000.00.00.G12'; // Bộ Tài chính: neither sender nor recipient

let env: TempEnv;
let server: DocumentsServer;
const callers: Record<string, SignedCaller> = {};

before(async () => {
  env = tempEnv();
  server = await startDocumentsSubgraph(env.config, { port: 0 });
  for (const code of [VPCP, NGHE_AN, HCM, MOF]) callers[code] = signedAs(env.config, code);
});

after(async () => {
  await server.close();
  env.cleanup();
});

const SEND = `mutation Send($input: SendDocumentInput!) {
  sendDocument(input: $input) {
    id codeNumber codeNotation subject urgency promulgationDate sentAt
    sender { code name }
    deliveries { id status statusCode recipient { code } history { status } }
    attachments { fileName contentType size sha256 contentBase64 }
  }
}`;

let counter = 0;
function input(over: Record<string, unknown> = {}) {
  counter++;
  return {
    clientRequestId: `req-${counter}`,
    codeNumber: String(100 + counter),
    codeNotation: 'VPCP-KSTT',
    documentType: 'Công văn',
    subject: 'Về việc triển khai trục liên thông văn bản quốc gia',
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-11-20',
    signerName: 'Trần Văn Sơn',
    signerPosition: 'Bộ trưởng, Chủ nhiệm',
    urgency: 'URGENT',
    recipients: [NGHE_AN, HCM],
    attachments: [{ fileName: 'cong-van.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7 nội dung').toString('base64') }],
    ...over,
  };
}

async function send(over: Record<string, unknown> = {}, as = VPCP) {
  return gql(server.url, SEND, { input: input(over) }, callers[as]);
}

async function rowCounts(): Promise<Record<string, number>> {
  const knex = server.orm.em.getKnex();
  const out: Record<string, number> = {};
  for (const table of ['document', 'delivery', 'attachment', 'status_event', 'document_citizen']) {
    const [{ n }] = await knex(table).count({ n: '*' });
    out[table] = Number(n);
  }
  return out;
}

const MOVE = `mutation Move($id: ID!, $status: DeliveryStatus!, $note: String) {
  updateDeliveryStatus(deliveryId: $id, status: $status, note: $note) { id status statusCode history { status statusCode note byAgency { code } } }
}`;

function deliveryOf(doc: any, code: string): string {
  return doc.deliveries.find((d: any) => d.recipient.code === code).id;
}

test('send to several recipients: one document, one PENDING delivery each, attachment stored with its digest', async () => {
  const res = await send();
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  const doc = res.data!.sendDocument;
  assert.equal(doc.sender.code, VPCP);
  assert.equal(doc.sender.name, 'Văn phòng Chính phủ');
  assert.deepEqual(doc.deliveries.map((d: any) => [d.recipient.code, d.status, d.statusCode, d.history.length]).sort(), [
    [HCM, 'PENDING', null, 0],
    [NGHE_AN, 'PENDING', null, 0],
  ]);
  const [att] = doc.attachments;
  assert.equal(att.size, Buffer.byteLength('%PDF-1.7 nội dung'));
  assert.equal(att.sha256, createHash('sha256').update('%PDF-1.7 nội dung').digest('hex'));
  assert.equal(Buffer.from(att.contentBase64, 'base64').toString(), '%PDF-1.7 nội dung');
});

test('idempotent resend: same key and payload returns the same document and writes nothing', async () => {
  const payload = input();
  const first = await gql(server.url, SEND, { input: payload }, callers[VPCP]);
  const before = await rowCounts();
  const again = await gql(server.url, SEND, { input: { ...payload, recipients: [...payload.recipients].reverse() } }, callers[VPCP]);
  assert.equal(again.data!.sendDocument.id, first.data!.sendDocument.id);
  assert.deepEqual(await rowCounts(), before);
});

test('same key with a different payload is CONFLICT and writes nothing', async () => {
  const payload = input();
  await gql(server.url, SEND, { input: payload }, callers[VPCP]);
  const before = await rowCounts();
  const res = await gql(server.url, SEND, { input: { ...payload, subject: 'Nội dung khác' } }, callers[VPCP]);
  assert.deepEqual(codes(res), ['CONFLICT']);
  assert.deepEqual(await rowCounts(), before);
});

test('bad input is BAD_USER_INPUT listing every problem, and nothing is half-written', async () => {
  const before = await rowCounts();
  const res = await send({
    codeNumber: '',
    recipients: [NGHE_AN, NGHE_AN, '000.00.00.H99', VPCP],
    promulgationDate: '2099-01-01',
    attachments: [{ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: 'not base64!' }],
  });
  assert.deepEqual(codes(res), ['BAD_USER_INPUT']);
  const fields = res.errors![0].extensions!.problems.map((p: any) => p.field).sort();
  assert.deepEqual(fields, ['attachments[0].contentBase64', 'codeNumber', 'promulgationDate', 'recipients[1]', 'recipients[3]']);
  const unknown = await send({ recipients: ['000.00.00.H99'] });
  assert.deepEqual(codes(unknown), ['BAD_USER_INPUT']);
  assert.match(unknown.errors![0].message, /000\.00\.00\.H99 is not in the directory/);
  assert.deepEqual(await rowCounts(), before);
});

test('each status move, its edXML code and history; illegal moves are refused and write nothing', async () => {
  const doc = (await send()).data!.sendDocument;
  const id = deliveryOf(doc, NGHE_AN);
  const steps: [string, string][] = [
    ['ARRIVED', '01'],
    ['ACCEPTED', '03'],
    ['ASSIGNED', '04'],
    ['PROCESSING', '05'],
    ['COMPLETED', '06'],
  ];
  for (const [status, code] of steps) {
    const res = await gql(server.url, MOVE, { id, status }, callers[NGHE_AN]);
    assert.equal(res.errors, undefined, JSON.stringify(res.errors));
    assert.equal(res.data!.updateDeliveryStatus.status, status);
    assert.equal(res.data!.updateDeliveryStatus.statusCode, code);
  }
  const history = (await gql(server.url, MOVE, { id, status: 'COMPLETED' }, callers[NGHE_AN]));
  assert.deepEqual(codes(history), ['INVALID_STATUS_TRANSITION']);
  const before = await rowCounts();
  assert.deepEqual(codes(await gql(server.url, MOVE, { id, status: 'ARRIVED' }, callers[NGHE_AN])), ['INVALID_STATUS_TRANSITION']);
  assert.deepEqual(await rowCounts(), before);

  const other = deliveryOf(doc, HCM);
  assert.deepEqual(codes(await gql(server.url, MOVE, { id: other, status: 'ACCEPTED' }, callers[HCM])), ['INVALID_STATUS_TRANSITION']);
  await gql(server.url, MOVE, { id: other, status: 'ARRIVED' }, callers[HCM]);
  assert.deepEqual(codes(await gql(server.url, MOVE, { id: other, status: 'REJECTED' }, callers[HCM])), ['BAD_USER_INPUT']);
  const rejected = await gql(server.url, MOVE, { id: other, status: 'REJECTED', note: 'Không đúng thẩm quyền' }, callers[HCM]);
  assert.equal(rejected.data!.updateDeliveryStatus.statusCode, '02');
  assert.deepEqual(
    rejected.data!.updateDeliveryStatus.history.map((h: any) => [h.status, h.statusCode, h.byAgency.code, h.note]),
    [
      ['ARRIVED', '01', HCM, null],
      ['REJECTED', '02', HCM, 'Không đúng thẩm quyền'],
    ],
  );
});

test('recall: PENDING copies become RECALLED, delivered ones RECALL_REQUESTED; answerRecall agrees or restores', async () => {
  const doc = (await send()).data!.sendDocument;
  const nghean = deliveryOf(doc, NGHE_AN);
  const hcm = deliveryOf(doc, HCM);
  await gql(server.url, MOVE, { id: hcm, status: 'ARRIVED' }, callers[HCM]);
  await gql(server.url, MOVE, { id: hcm, status: 'ACCEPTED' }, callers[HCM]);

  const RECALL = `mutation($id: ID!, $reason: String!) { recallDocument(documentId: $id, reason: $reason) { id deliveries { recipient { code } status statusCode } } }`;
  assert.deepEqual(codes(await gql(server.url, RECALL, { id: doc.id, reason: 'Sai sót' }, callers[NGHE_AN])), ['FORBIDDEN']);
  assert.deepEqual(codes(await gql(server.url, RECALL, { id: doc.id, reason: '  ' }, callers[VPCP])), ['BAD_USER_INPUT']);
  const recalled = await gql(server.url, RECALL, { id: doc.id, reason: 'Ban hành nhầm' }, callers[VPCP]);
  assert.equal(recalled.errors, undefined, JSON.stringify(recalled.errors));
  const byCode = Object.fromEntries(recalled.data!.recallDocument.deliveries.map((d: any) => [d.recipient.code, [d.status, d.statusCode]]));
  assert.deepEqual(byCode, { [NGHE_AN]: ['RECALLED', '15'], [HCM]: ['RECALL_REQUESTED', '13'] });
  assert.deepEqual(codes(await gql(server.url, RECALL, { id: doc.id, reason: 'lần nữa' }, callers[VPCP])), ['INVALID_STATUS_TRANSITION']);

  const ANSWER = `mutation($id: ID!, $agree: Boolean!, $note: String) { answerRecall(deliveryId: $id, agree: $agree, note: $note) { status statusCode history { status statusCode note } } }`;
  assert.deepEqual(codes(await gql(server.url, ANSWER, { id: nghean, agree: true }, callers[NGHE_AN])), ['INVALID_STATUS_TRANSITION']);
  assert.deepEqual(codes(await gql(server.url, MOVE, { id: hcm, status: 'PROCESSING' }, callers[HCM])), ['INVALID_STATUS_TRANSITION']);
  const refused = await gql(server.url, ANSWER, { id: hcm, agree: false, note: 'Đã xử lý một phần' }, callers[HCM]);
  assert.equal(refused.data!.answerRecall.status, 'ACCEPTED');
  assert.equal(refused.data!.answerRecall.statusCode, '03');
  assert.deepEqual(refused.data!.answerRecall.history.at(-1), { status: 'ACCEPTED', statusCode: '16', note: 'Đã xử lý một phần' });

  const again = await gql(server.url, RECALL, { id: doc.id, reason: 'Thu hồi lần hai' }, callers[VPCP]);
  assert.equal(again.errors, undefined);
  const agreed = await gql(server.url, ANSWER, { id: hcm, agree: true }, callers[HCM]);
  assert.deepEqual([agreed.data!.answerRecall.status, agreed.data!.answerRecall.statusCode], ['RECALLED', '15']);
});

test('isolation: a third agency gets FORBIDDEN; a recipient sees only its own delivery; the sender sees all', async () => {
  const doc = (await send()).data!.sendDocument;
  const Q = `query($id: ID!) { document(id: $id) { id deliveries { recipient { code } } attachments { contentBase64 } } }`;
  const third = await gql(server.url, Q, { id: doc.id }, callers[MOF]);
  assert.deepEqual(codes(third), ['FORBIDDEN']);
  assert.equal(third.data?.document ?? null, null);
  const recipient = await gql(server.url, Q, { id: doc.id }, callers[NGHE_AN]);
  assert.deepEqual(recipient.data!.document.deliveries, [{ recipient: { code: NGHE_AN } }]);
  const sender = await gql(server.url, Q, { id: doc.id }, callers[VPCP]);
  assert.equal(sender.data!.document.deliveries.length, 2);
  assert.deepEqual(codes(await gql(server.url, MOVE, { id: deliveryOf(doc, HCM), status: 'ARRIVED' }, callers[NGHE_AN])), ['FORBIDDEN']);
  assert.deepEqual(codes(await gql(server.url, MOVE, { id: deliveryOf(doc, HCM), status: 'ARRIVED' }, callers[VPCP])), ['FORBIDDEN']);
  const missing = await gql(server.url, `{ document(id: "999999") { id } }`, {}, callers[VPCP]);
  assert.equal(missing.errors, undefined);
  assert.equal(missing.data!.document, null);
  const inbox = await gql(server.url, `{ inbox(first: 100) { edges { node { recipient { code } } } } }`, {}, callers[MOF]);
  assert.deepEqual(inbox.data!.inbox.edges, []);
});

test('inbox and outbox page newest first with cursors, filters and totalCount', async () => {
  for (let i = 0; i < 3; i++) await send({ urgency: i === 0 ? 'FLASH' : 'NORMAL' });
  const Q = `query($after: String, $urgency: [Urgency!]) { inbox(first: 2, after: $after, urgency: $urgency) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id urgency: document { urgency } } } } }`;
  const page1 = (await gql(server.url, Q, {}, callers[NGHE_AN])).data!.inbox;
  assert.equal(page1.edges.length, 2);
  assert.equal(page1.pageInfo.hasNextPage, true);
  assert.ok(Number(page1.edges[0].node.id) > Number(page1.edges[1].node.id));
  const page2 = (await gql(server.url, Q, { after: page1.pageInfo.endCursor }, callers[NGHE_AN])).data!.inbox;
  assert.ok(Number(page2.edges[0].node.id) < Number(page1.edges[1].node.id));
  assert.equal(page2.totalCount, page1.totalCount);
  const flash = (await gql(server.url, Q, { urgency: ['FLASH'] }, callers[NGHE_AN])).data!.inbox;
  assert.ok(flash.edges.every((e: any) => e.node.urgency.urgency === 'FLASH') && flash.totalCount >= 1);
  const outbox = (await gql(server.url, `{ outbox(first: 1) { totalCount edges { node { sender { code } } } } }`, {}, callers[VPCP])).data!.outbox;
  assert.equal(outbox.edges[0].node.sender.code, VPCP);
  assert.ok(outbox.totalCount >= 3);
  assert.deepEqual(codes(await gql(server.url, `{ inbox(first: 101) { totalCount } }`, {}, callers[NGHE_AN])), ['BAD_USER_INPUT']);
  assert.deepEqual(codes(await gql(server.url, `{ inbox(after: "garbage") { totalCount } }`, {}, callers[NGHE_AN])), ['BAD_USER_INPUT']);
});

test('directory: search without diacritics, by code prefix, children of a parent', async () => {
  const Q = `query($s: String, $p: ID) { agencies(search: $s, parentCode: $p, first: 100) { totalCount edges { node { code name parent { code } } } } }`;
  const hcm = (await gql(server.url, Q, { s: 'ho chi minh' }, callers[VPCP])).data!.agencies;
  assert.ok(hcm.edges.some((e: any) => e.node.code === HCM), JSON.stringify(hcm));
  const nghean = (await gql(server.url, Q, { s: 'NGHE AN' }, callers[VPCP])).data!.agencies;
  assert.deepEqual(nghean.edges.map((e: any) => e.node.code), [NGHE_AN]);
  const children = (await gql(server.url, Q, { p: MOF }, callers[VPCP])).data!.agencies;
  assert.ok(children.edges.some((e: any) => e.node.code === '000.00.18.G12' && e.node.parent.code === MOF));
  const me = await gql(server.url, `{ me { code name active } }`, {}, callers[NGHE_AN]);
  assert.equal(me.data!.me.code, NGHE_AN);
});

test("only the gateway's signature gets in: none, a client JWT, a forged, stale or edited signature are UNAUTHENTICATED", async () => {
  const Q = `{ me { code } }`;
  const headers = (h: Record<string, string>) => ({ signed: () => h });
  assert.deepEqual(codes(await gql(server.url, Q)), ['UNAUTHENTICATED']);
  // A valid client token sent straight to the subgraph would skip the gateway's limits: refused.
  const direct = await gql(server.url, Q, {}, await tokenFor(env.config, VPCP));
  assert.deepEqual(codes(direct), ['UNAUTHENTICATED']);
  assert.match(direct.errors![0].message, /signed by the Liên Thông gateway/);
  const forged = signIdentity('another-secret', { sub: VPCP, role: 'AGENCY' });
  assert.deepEqual(codes(await gql(server.url, Q, {}, headers(forged))), ['UNAUTHENTICATED']);
  const stale = signIdentity(env.config.gatewaySecret, { sub: VPCP, role: 'AGENCY' }, Date.now() - 120_000);
  assert.deepEqual(codes(await gql(server.url, Q, {}, headers(stale))), ['UNAUTHENTICATED']);
  // Another agency's identity under VPCP's signature: the HMAC covers the identity, so it no longer matches.
  const genuine = signIdentity(env.config.gatewaySecret, { sub: VPCP, role: 'AGENCY' });
  const other = signIdentity(env.config.gatewaySecret, { sub: NGHE_AN, role: 'AGENCY' });
  const edited = { ...genuine, [IDENTITY_HEADER]: other[IDENTITY_HEADER] };
  assert.deepEqual(codes(await gql(server.url, Q, {}, headers(edited))), ['UNAUTHENTICATED']);
  assert.deepEqual(codes(await gql(server.url, Q, {}, signedAs(env.config, '000.00.00.X01'))), ['UNAUTHENTICATED']);
  assert.deepEqual(codes(await gql(server.url, Q, {}, signedAs(env.config, 'analyst-1', 'ANALYST'))), ['FORBIDDEN']);
  // The schema itself stays readable without an identity: the gateway composes from it.
  const sdl = await gql(server.url, `{ _service { sdl } }`);
  assert.equal(sdl.errors, undefined);
  assert.match(sdl.data!._service.sdl, /type Document/);
});

test('citizens and parcels: Document.citizens/landParcels give references; Citizen.documents shows only visible documents', async () => {
  const citizenA = '001090000001';
  const citizenB = '079185000002';
  const mine = (await send({ citizenIds: [citizenA, citizenB], parcelIds: ['HN-01-0001'] })).data!.sendDocument;
  const other = (await send({ citizenIds: [citizenA], recipients: [HCM] })).data!.sendDocument;
  const doc = await gql(server.url, `query($id: ID!) { document(id: $id) { citizens { personalId } landParcels { parcelId } } }`, { id: mine.id }, callers[NGHE_AN]);
  assert.deepEqual(doc.data!.document, { citizens: [{ personalId: citizenA }, { personalId: citizenB }], landParcels: [{ parcelId: 'HN-01-0001' }] });

  const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
    ... on Citizen { personalId documents(first: 5) { totalCount edges { node { id } } } }
    ... on LandParcel { parcelId documents { totalCount edges { node { id } } } } } }`;
  const reps = [
    { __typename: 'Citizen', personalId: citizenA },
    { __typename: 'Citizen', personalId: citizenB },
    { __typename: 'LandParcel', parcelId: 'HN-01-0001' },
  ];
  const ids = (r: any) => r.documents.edges.map((e: any) => e.node.id);
  const asNgheAn = (await gql(server.url, ENTITIES, { reps }, callers[NGHE_AN])).data!._entities;
  assert.deepEqual(ids(asNgheAn[0]), [mine.id]);
  assert.equal(asNgheAn[0].documents.totalCount, 1);
  assert.deepEqual(ids(asNgheAn[2]), [mine.id]);
  const asSender = (await gql(server.url, ENTITIES, { reps }, callers[VPCP])).data!._entities;
  assert.deepEqual(ids(asSender[0]), [other.id, mine.id]);
  assert.equal(asSender[0].documents.totalCount, 2);
  const asThird = (await gql(server.url, ENTITIES, { reps }, callers[MOF])).data!._entities;
  assert.deepEqual(asThird.map((e: any) => e.documents.totalCount), [0, 0, 0]);
});

test('_entities is no way around isolation: a foreign Document by reference is FORBIDDEN', async () => {
  const doc = (await send()).data!.sendDocument;
  const Q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Document { id subject } } }`;
  const res = await gql(server.url, Q, { reps: [{ __typename: 'Document', id: doc.id }] }, callers[MOF]);
  assert.deepEqual(codes(res), ['FORBIDDEN']);
  assert.equal(res.data!._entities[0], null);
  const ok = await gql(server.url, Q, { reps: [{ __typename: 'Document', id: doc.id }] }, callers[HCM]);
  assert.equal(ok.data!._entities[0].id, doc.id);
});
