/**
 * The authorization matrix, cell by cell, through the gateway with the three real subgraphs: what an
 * agency (sender, recipient, third party), a hub operator and an analyst each may and may not do — and
 * `_entities` asked directly at the subgraph, a deactivated agency, a merger.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../src/shared/identity';
import { codes, collect, gql, wsClient, type GraphQLResponse } from '../helpers/graphql';
import { signedAs, tokenFor } from '../helpers/env';
import { startHub, type TestHub } from '../helpers/hub';

const SENDER = '000.00.00.G22'; // Văn phòng Chính phủ
const RECIPIENT = '000.00.00.H41'; // UBND tỉnh Nghệ An
const OTHER_RECIPIENT = '000.00.00.H29'; // TP Hồ Chí Minh
const THIRD = '000.00.00.G12'; // Bộ Tài chính: neither sender nor recipient

type Who = 'sender' | 'recipient' | 'third' | 'operator' | 'analyst';
const WHO: Record<Who, [string, Role]> = {
  sender: [SENDER, 'AGENCY'],
  recipient: [RECIPIENT, 'AGENCY'],
  third: [THIRD, 'AGENCY'],
  operator: ['operator-1', 'OPERATOR'],
  analyst: ['analyst-1', 'ANALYST'],
};

let hub: TestHub;
const tokens = {} as Record<Who, string>;
let doc: { id: string; deliveries: { id: string; recipient: { code: string } }[] };
let citizenId: string;

const as = (who: Who, query: string, variables: Record<string, unknown> = {}) => gql(hub.url, query, variables, tokens[who]);

function ok(res: GraphQLResponse, what: string): Record<string, any> {
  assert.equal(res.errors, undefined, `${what}: ${JSON.stringify(res.errors)}`);
  return res.data!;
}

function refused(res: GraphQLResponse, code: string, what: string): void {
  assert.deepEqual([...new Set(codes(res))], [code], `${what}: ${JSON.stringify(res.errors ?? res.data)}`);
}

const SEND = `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`;
let sent = 0;
function sendInput(over: Record<string, unknown> = {}) {
  sent++;
  return {
    clientRequestId: `matrix-${sent}`,
    codeNumber: String(sent),
    codeNotation: 'VPCP-KSTT',
    documentType: 'Công văn',
    subject: 'Về việc bảo mật trục liên thông',
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-11-20',
    signerName: 'Trần Văn Sơn',
    signerPosition: 'Bộ trưởng, Chủ nhiệm',
    recipients: [RECIPIENT, OTHER_RECIPIENT],
    attachments: [{ fileName: 'cv.txt', contentType: 'text/plain', contentBase64: Buffer.from('nội dung mật').toString('base64') }],
    citizenIds: [citizenId],
    ...over,
  };
}

before(async () => {
  hub = await startHub();
  for (const [who, [sub, role]] of Object.entries(WHO)) tokens[who as Who] = await tokenFor(hub.config, sub, role);
  citizenId = ok(await as('sender', `{ citizens(first: 1) { edges { node { personalId } } } }`), 'a citizen').citizens.edges[0].node.personalId;
  doc = ok(await as('sender', SEND, { input: sendInput() }), 'send').sendDocument;
});

after(() => hub?.close());

const deliveryOf = (code: string) => doc.deliveries.find((d) => d.recipient.code === code)!.id;

describe('documents: who sees what', () => {
  const DOC = `query($id: ID!) { document(id: $id) { id subject codeNumber deliveries { recipient { code } history { status } } attachments { fileName sha256 } } }`;

  it('the sender sees the document and every delivery', async () => {
    const d = ok(await as('sender', DOC, { id: doc.id }), 'sender').document;
    assert.deepEqual(d.deliveries.map((x: any) => x.recipient.code).sort(), [OTHER_RECIPIENT, RECIPIENT].sort());
  });

  it('a recipient sees the document and only its own delivery and history', async () => {
    const d = ok(await as('recipient', DOC, { id: doc.id }), 'recipient').document;
    assert.deepEqual(d.deliveries.map((x: any) => x.recipient.code), [RECIPIENT]);
  });

  it('a third agency is FORBIDDEN', async () => {
    refused(await as('third', DOC, { id: doc.id }), 'FORBIDDEN', 'third');
  });

  it('an operator sees the envelope and every delivery for support', async () => {
    const d = ok(await as('operator', DOC, { id: doc.id }), 'operator').document;
    assert.equal(d.deliveries.length, 2);
    assert.equal(d.attachments[0].fileName, 'cv.txt');
  });

  it('an analyst never sees a document, its subject or its attachments', async () => {
    refused(await as('analyst', DOC, { id: doc.id }), 'FORBIDDEN', 'analyst');
    refused(await as('analyst', `query($id: ID!) { document(id: $id) { subject } }`, { id: doc.id }), 'FORBIDDEN', 'analyst subject');
  });

  it('attachment content: sender and recipient yes, operator FORBIDDEN', async () => {
    const Q = `query($id: ID!) { document(id: $id) { attachments { contentBase64 } } }`;
    const expected = Buffer.from('nội dung mật').toString('base64');
    assert.equal(ok(await as('sender', Q, { id: doc.id }), 'sender').document.attachments[0].contentBase64, expected);
    assert.equal(ok(await as('recipient', Q, { id: doc.id }), 'recipient').document.attachments[0].contentBase64, expected);
    refused(await as('operator', Q, { id: doc.id }), 'FORBIDDEN', 'operator content');
  });

  it('the citizens a document concerns: sender and recipient yes, operator FORBIDDEN', async () => {
    const Q = `query($id: ID!) { document(id: $id) { citizens { personalId fullName } } }`;
    assert.equal(ok(await as('recipient', Q, { id: doc.id }), 'recipient').document.citizens[0].personalId, citizenId);
    refused(await as('operator', Q, { id: doc.id }), 'FORBIDDEN', 'operator citizens');
  });

  it('inbox and outbox are an agency\'s own; operators and analysts are FORBIDDEN', async () => {
    const INBOX = `{ inbox(first: 100) { edges { node { id document { id } } } } }`;
    const OUTBOX = `{ outbox(first: 100) { edges { node { id } } } }`;
    const inbox = async (who: Who) => ok(await as(who, INBOX), `${who} inbox`).inbox.edges as { node: { id: string; document: { id: string } } }[];
    assert.ok((await inbox('recipient')).some((e) => e.node.id === deliveryOf(RECIPIENT)));
    assert.ok(!(await inbox('third')).some((e) => e.node.document.id === doc.id));
    assert.ok(ok(await as('sender', OUTBOX), 'outbox').outbox.edges.some((e: any) => e.node.id === doc.id));
    assert.ok(!ok(await as('recipient', OUTBOX), 'outbox').outbox.edges.some((e: any) => e.node.id === doc.id));
    for (const who of ['operator', 'analyst'] as const) {
      refused(await as(who, INBOX), 'FORBIDDEN', `${who} inbox`);
      refused(await as(who, OUTBOX), 'FORBIDDEN', `${who} outbox`);
      refused(await as(who, `{ me { code } }`), 'FORBIDDEN', `${who} me`);
    }
  });

  it('_entities asked directly at the documents subgraph is no way around it', async () => {
    const Q = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Document { id subject } } }`;
    const r = [{ __typename: 'Document', id: doc.id }];
    const url = hub.subgraphs.documents.url;
    refused(await gql(url, Q, { r }, signedAs(hub.config, THIRD)), 'FORBIDDEN', 'third via _entities');
    refused(await gql(url, Q, { r }, signedAs(hub.config, 'analyst-1', 'ANALYST')), 'FORBIDDEN', 'analyst via _entities');
    refused(await gql(url, Q, { r }, tokens.recipient), 'UNAUTHENTICATED', 'a client JWT straight to the subgraph');
    assert.equal(ok(await gql(url, Q, { r }, signedAs(hub.config, RECIPIENT)), 'recipient via _entities')._entities[0].id, doc.id);
    // Through the gateway `_entities` is not even in the schema.
    refused(await as('third', Q, { r }), 'BAD_USER_INPUT', '_entities through the gateway');
  });
});

describe('documents: who changes what', () => {
  const MOVE = `mutation($id: ID!, $s: DeliveryStatus!) { updateDeliveryStatus(deliveryId: $id, status: $s) { id status } }`;
  const RECALL = `mutation($id: ID!) { recallDocument(documentId: $id, reason: "Ban hành nhầm") { id } }`;

  it('only the recipient moves its own delivery', async () => {
    for (const who of ['sender', 'third', 'operator', 'analyst'] as const) {
      refused(await as(who, MOVE, { id: deliveryOf(RECIPIENT), s: 'ARRIVED' }), 'FORBIDDEN', `${who} moves the recipient's delivery`);
    }
    refused(await as('recipient', MOVE, { id: deliveryOf(OTHER_RECIPIENT), s: 'ARRIVED' }), 'FORBIDDEN', "a recipient moves another's delivery");
    assert.equal(ok(await as('recipient', MOVE, { id: deliveryOf(RECIPIENT), s: 'ARRIVED' }), 'own move').updateDeliveryStatus.status, 'ARRIVED');
  });

  it('only the sender recalls, and only agencies send', async () => {
    for (const who of ['recipient', 'third', 'operator', 'analyst'] as const) {
      refused(await as(who, RECALL, { id: doc.id }), 'FORBIDDEN', `${who} recalls`);
    }
    for (const who of ['operator', 'analyst'] as const) refused(await as(who, SEND, { input: sendInput() }), 'FORBIDDEN', `${who} sends`);
    const other = ok(await as('sender', SEND, { input: sendInput() }), 'send').sendDocument;
    assert.equal(ok(await as('sender', RECALL, { id: other.id }), 'sender recalls').recallDocument.id, other.id);
  });

  it('live arrivals are for agencies: an analyst subscribing gets FORBIDDEN', async () => {
    const client = wsClient(hub.url, tokens.analyst);
    try {
      const s = collect(client, `subscription { documentArrived { cursor } }`);
      await assert.rejects(s.next(1, 5000));
      assert.equal((s.errors[0] as any)[0]?.extensions?.code ?? (s.errors[0] as any).extensions?.code, 'FORBIDDEN', JSON.stringify(s.errors));
    } finally {
      await client.dispose();
    }
  });
});

describe('national records and statistics', () => {
  const RECORDS = `{ citizens(first: 1) { totalCount } landParcels(first: 1) { totalCount } }`;
  const STATS = `{ documentStatistics { documents deliveries byDocumentType { key count } byUrgency { key count } byStatus { key count } bySender { key count } byRecipient { key count } byMonth { key count } } }`;

  it('population and land: agencies and analysts yes, operators FORBIDDEN', async () => {
    ok(await as('recipient', RECORDS), 'agency');
    ok(await as('analyst', RECORDS), 'analyst');
    refused(await as('operator', `{ citizens(first: 1) { totalCount } }`), 'FORBIDDEN', 'operator citizens');
    refused(await as('operator', `{ landParcels(first: 1) { totalCount } }`), 'FORBIDDEN', 'operator parcels');
  });

  it('statistics: analysts and operators get counts; agencies FORBIDDEN; no subject anywhere in them', async () => {
    const stats = ok(await as('analyst', STATS), 'analyst').documentStatistics;
    assert.ok(stats.documents >= 2 && stats.deliveries >= 4, JSON.stringify(stats));
    assert.deepEqual(stats.byDocumentType, [{ key: 'Công văn', count: stats.documents }]);
    assert.ok(stats.bySender.some((c: any) => c.key === SENDER));
    assert.ok(stats.byRecipient.some((c: any) => c.key === RECIPIENT));
    assert.ok(stats.byStatus.some((c: any) => c.key === 'ARRIVED'));
    assert.match(stats.byMonth[0].key, /^\d{4}-\d{2}$/);
    assert.ok(!JSON.stringify(stats).includes('bảo mật'), 'a subject leaked into the statistics');
    ok(await as('operator', STATS), 'operator');
    refused(await as('sender', STATS), 'FORBIDDEN', 'agency statistics');
    const period = ok(await as('analyst', `{ documentStatistics(from: "2001-01-01", to: "2001-12-31") { documents } }`), 'empty period');
    assert.equal(period.documentStatistics.documents, 0);
  });
});

describe('the directory', () => {
  const CREATE = `mutation($input: CreateAgencyInput!) { createAgency(input: $input) { code name active parent { code } } }`;
  const UPDATE = `mutation($code: ID!, $input: UpdateAgencyInput!) { updateAgency(code: $code, input: $input) { code name parent { code } } }`;
  const DEACTIVATE = `mutation($code: ID!) { deactivateAgency(code: $code) { code active } }`;
  const MERGE = `mutation($code: ID!, $to: ID!) { mergeAgency(code: $code, successorCode: $to) { code active successor { code } } }`;

  it('every role reads it; only operators change it', async () => {
    for (const who of Object.keys(WHO) as Who[]) ok(await as(who, `{ agency(code: "${SENDER}") { name } agencies(first: 2) { totalCount } }`), who);
    for (const who of ['sender', 'analyst'] as const) {
      refused(await as(who, CREATE, { input: { code: '000.00.99.G12', name: 'Cục thử' } }), 'FORBIDDEN', `${who} creates`);
      refused(await as(who, UPDATE, { code: THIRD, input: { name: 'Bộ khác' } }), 'FORBIDDEN', `${who} updates`);
      refused(await as(who, DEACTIVATE, { code: THIRD }), 'FORBIDDEN', `${who} deactivates`);
      refused(await as(who, MERGE, { code: THIRD, to: SENDER }), 'FORBIDDEN', `${who} merges`);
    }
  });

  it('an operator creates and updates units, by the import rules', async () => {
    const created = ok(await as('operator', CREATE, { input: { code: '000.00.99.G12', name: '  Cục Thử nghiệm  ', parentCode: THIRD } }), 'create').createAgency;
    assert.deepEqual(created, { code: '000.00.99.G12', name: 'Cục Thử nghiệm', active: true, parent: { code: THIRD } });
    refused(await as('operator', CREATE, { input: { code: '000.00.99.G12', name: 'Lần hai' } }), 'CONFLICT', 'duplicate code');
    const bad = await as('operator', CREATE, { input: { code: 'not a code', name: '', email: 'nope' } });
    refused(bad, 'BAD_USER_INPUT', 'bad unit');
    assert.deepEqual(bad.errors![0].extensions!.problems.map((p: any) => p.field).sort(), ['code', 'email', 'name']);
    refused(await as('operator', UPDATE, { code: THIRD, input: { parentCode: '000.00.99.G12' } }), 'BAD_USER_INPUT', 'a loop of parents');
    refused(await as('operator', UPDATE, { code: '000.00.98.G12', input: { name: 'x' } }), 'NOT_FOUND', 'unknown unit');
    const renamed = ok(await as('operator', UPDATE, { code: '000.00.99.G12', input: { name: 'Cục Thử nghiệm 2' } }), 'update').updateAgency;
    assert.equal(renamed.name, 'Cục Thử nghiệm 2');
  });

  it("a deactivated agency's token stops at once, at every subgraph and on WebSocket", async () => {
    const code = '000.00.97.G12';
    ok(await as('operator', CREATE, { input: { code, name: 'Cục sắp giải thể', parentCode: THIRD } }), 'create');
    const token = await tokenFor(hub.config, code);
    ok(await gql(hub.url, `{ me { code } }`, {}, token), 'before');
    ok(await gql(hub.url, `{ citizens(first: 1) { totalCount } }`, {}, token), 'population before');
    assert.equal(ok(await as('operator', DEACTIVATE, { code }), 'deactivate').deactivateAgency.active, false);
    refused(await gql(hub.url, `{ me { code } }`, {}, token), 'UNAUTHENTICATED', 'documents after');
    refused(await gql(hub.url, `{ citizens(first: 1) { totalCount } }`, {}, token), 'UNAUTHENTICATED', 'population after');
    refused(await gql(hub.url, `{ agencies(first: 1) { totalCount } }`, {}, token), 'UNAUTHENTICATED', 'directory after');
    const client = wsClient(hub.url, token);
    try {
      const s = collect(client, `subscription { documentArrived { cursor } }`);
      await assert.rejects(s.next(1, 5000));
      assert.match(JSON.stringify(s.errors), /UNAUTHENTICATED/);
    } finally {
      await client.dispose();
    }
    refused(await as('operator', DEACTIVATE, { code }), 'CONFLICT', 'deactivated twice');
    refused(await as('sender', SEND, { input: sendInput({ recipients: [code] }) }), 'BAD_USER_INPUT', 'sending to it');
  });

  it('a merged agency: its mail goes to the successor', async () => {
    const code = '000.00.96.G12';
    ok(await as('operator', CREATE, { input: { code, name: 'Cục được sáp nhập', parentCode: THIRD } }), 'create');
    refused(await as('operator', MERGE, { code, to: code }), 'BAD_USER_INPUT', 'its own successor');
    const merged = ok(await as('operator', MERGE, { code, to: RECIPIENT }), 'merge').mergeAgency;
    assert.deepEqual(merged, { code, active: false, successor: { code: RECIPIENT } });
    const routed = ok(await as('sender', SEND, { input: sendInput({ recipients: [code] }) }), 'send to merged').sendDocument;
    assert.deepEqual(routed.deliveries.map((d: any) => d.recipient.code), [RECIPIENT]);
  });
});
