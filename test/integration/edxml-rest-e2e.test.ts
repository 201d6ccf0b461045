/**
 * The edXML REST API on the gateway's port, end to end with the whole hub and LIENTHONG_REQUIRE_SIGNATURE
 * on: a GraphQL front-end (Văn phòng Chính phủ) and an edXML document-management system (Nghệ An, the
 * QLVB simulator, signing with a certificate made for the test) exchange documents both ways.
 */
// The gateway's and the pagination modules carry decorated classes: the polyfill loads first.
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EDXML_OPERATIONS } from '../../src/gateway/edxml-openapi';
import { encodeCursor } from '../../src/shared/pagination';
import { parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { signEdxml, verifyEdxmlSignature } from '../../src/subgraphs/documents/edxml/signature';
import { writeEdxmlDocument } from '../../src/subgraphs/documents/edxml/write';
import { QlvbSimulator } from '../../src/simulator/qlvb';
import { makeSigningKey, type TestSigningKey } from '../helpers/certificates';
import { tokenFor } from '../helpers/env';
import { collect, gql, wsClient } from '../helpers/graphql';
import { startHub, type TestHub } from '../helpers/hub';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const VPCP = '000.00.00.G22'; // the GraphQL front-end
const NGHE_AN = '000.00.00.H41'; // the edXML system
const MAX_REQUEST_BYTES = 200_000;

let hub: TestHub;
let base: string;
let key: TestSigningKey;
const tokens: Record<string, string> = {};

before(async () => {
  hub = await startHub({ LIENTHONG_REQUIRE_SIGNATURE: 'true', LIENTHONG_MAX_REQUEST_BYTES: String(MAX_REQUEST_BYTES) });
  base = new URL(hub.url).origin;
  key = makeSigningKey('Văn thư UBND tỉnh Nghệ An');
  for (const code of [VPCP, NGHE_AN]) tokens[code] = await tokenFor(hub.config, code);
});
after(() => hub.close());

async function rest(method: string, route: string, options: { as?: string; body?: BodyInit; authorization?: string } = {}) {
  const authorization = options.authorization ?? (options.as ? `Bearer ${tokens[options.as]}` : undefined);
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { ...(authorization ? { authorization } : {}), ...(options.body ? { 'content-type': 'application/xml' } : {}) },
    body: options.body,
    ...(options.body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: res.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : undefined };
}

/** A signed reply (or, with `business`, a revoke) from Nghệ An to VPCP, built from the fixture. */
function ngheAnMessage(number: string, answering: string | null, business?: { type: string; target: string; reason: string }): string {
  const doc = parseEdxmlDocument(fs.readFileSync(path.join(FIXTURES, 'document.edxml'), 'utf8'));
  delete doc.envelope.header.signature;
  const h = doc.envelope.header.messageHeader;
  h.documentId = `${NGHE_AN},2024/05/21,${number}/UBND-VX`;
  h.code.codeNumber = number;
  h.promulgationInfo.promulgationDate = '2024/05/21';
  h.dueDate = '2024/06/30';
  h.to = [{ organId: VPCP }];
  h.responseFor = answering ? [{ organId: VPCP, code: answering.split(',')[2], promulgationDate: answering.split(',')[1], documentId: answering }] : [];
  const b = doc.envelope.header.traceHeaderList!.business!;
  if (business) Object.assign(b, { businessDocType: business.type, documentId: business.target, businessDocReason: business.reason });
  return signEdxml(writeEdxmlDocument(doc), key);
}

let sent = 0;
async function sendFromVpcp(): Promise<{ id: string }> {
  sent++;
  const res = await gql(hub.url, `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id } }`, {
    input: {
      clientRequestId: `vpcp-${sent}`, codeNumber: String(7800 + sent), codeNotation: 'VPCP-TTĐT', documentType: 'Công văn',
      subject: 'V/v báo cáo tình hình kết nối liên thông', promulgationPlace: 'Hà Nội', promulgationDate: '2024-05-20',
      signerName: 'Trần Văn Sơn', signerPosition: 'Bộ trưởng, Chủ nhiệm', urgency: 'URGENT', recipients: [NGHE_AN],
      attachments: [{ fileName: 'cv.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7 công văn').toString('base64') }],
    },
  }, tokens[VPCP]);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.sendDocument;
}

async function vpcpDocument(id: string) {
  const res = await gql(hub.url, `query($id: ID!) { document(id: $id) { id subject inReplyTo { id } edxmlSignature { verdict signerSubject }
    deliveries { id status statusCode statusEdxml history { status statusCode note byAgency { code } } } } }`, { id }, tokens[VPCP]);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data!.document;
}

describe('the REST surface', () => {
  test('/edxml/openapi.json documents every operation, and each documented one is served', async () => {
    const { status, json } = await rest('GET', '/edxml/openapi.json');
    assert.equal(status, 200);
    assert.equal(json.openapi, '3.1.0');
    for (const [operationId, op] of Object.entries(EDXML_OPERATIONS)) {
      assert.equal(json.paths[op.path][op.method.toLowerCase()].operationId, operationId);
      const res = await rest(op.method, op.path.replace('{id}', '1'));
      assert.equal(res.status, op.authenticated ? 401 : 200, `${op.method} ${op.path} without a token`);
    }
  });

  test('authenticated like GraphQL: 401 with a Bearer challenge, for no token and for a bad one', async () => {
    for (const authorization of [undefined, 'Bearer not-a-jwt', 'Basic abc']) {
      const res = await rest('GET', '/edxml/received', { authorization });
      assert.equal(res.status, 401);
      assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      assert.equal(res.json.status, 'FAIL');
      assert.equal(res.json.code, 'UNAUTHENTICATED');
    }
  });

  test('404 for an unknown operation, 405 with Allow for a wrong method, 400 for a bad parameter', async () => {
    assert.equal((await rest('GET', '/edxml/nothing-here', { as: NGHE_AN })).status, 404);
    const wrong = await rest('GET', '/edxml/send', { as: NGHE_AN });
    assert.deepEqual([wrong.status, wrong.headers.get('allow')], [405, 'POST']);
    const bad = await rest('GET', '/edxml/received?status=DONE', { as: NGHE_AN });
    assert.deepEqual([bad.status, bad.json.code, bad.json.problems[0].field], [400, 'BAD_USER_INPUT', 'status']);
    assert.equal((await rest('GET', '/edxml/documents/999999', { as: NGHE_AN })).status, 404);
  });

  test('a body over the limit is refused, declared or not; a body that is not UTF-8 is 400', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let pushed = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pushed++ < 8) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const big = await rest('POST', '/edxml/send', { as: NGHE_AN, body: stream });
    // The gateway may refuse any body without a Content-Length (411); if it lets one through, the REST
    // handler cuts it at the limit (413). Either way it is never read whole.
    assert.ok([411, 413].includes(big.status), `HTTP ${big.status}`);
    const declared = await rest('POST', '/edxml/send', { as: NGHE_AN, body: new Uint8Array(MAX_REQUEST_BYTES + 1).fill(0x20) });
    assert.equal(declared.status, 413);
    const latin1 = await rest('POST', '/edxml/send', { as: NGHE_AN, body: new Uint8Array([0x3c, 0x61, 0xe9, 0x3e]) });
    assert.deepEqual([latin1.status, latin1.json.code], [400, 'BAD_USER_INPUT']);
  });

  test('LIENTHONG_REQUIRE_SIGNATURE refuses an unsigned, a tampered and a wrongly keyed message, at the Signature XPath', async () => {
    const signed = ngheAnMessage('900', null);
    const unsigned = signed.replace(/<Signature xmlns=[\s\S]*<\/Signature>/, '');
    const tampered = signed.replace('<edXML:Subject>V/v', '<edXML:Subject>Về việc');
    const other = makeSigningKey('Kẻ giả mạo');
    const wrongKey = signEdxml(unsigned, { privateKey: other.privateKey, certificate: key.certificate });
    for (const [body, why] of [[unsigned, /carries none/], [tampered, /changed after it was signed/], [wrongKey, /not made with the key/]] as const) {
      const res = await rest('POST', '/edxml/send', { as: NGHE_AN, body });
      assert.equal(res.status, 400);
      assert.equal(res.json.problems[0].field, '/edXML/edXMLEnvelope/edXMLHeader/Signature');
      assert.match(res.json.problems[0].message, why);
    }
    assert.equal((await rest('GET', '/edxml/sent', { as: NGHE_AN })).json.total, 0, 'nothing was sent');
  });
});

describe('a GraphQL front-end and an edXML system, both ways', () => {
  const simulator = () => new QlvbSimulator({ baseUrl: base, agency: NGHE_AN, token: async () => tokens[NGHE_AN], signingKey: key });

  test('GraphQL → edXML: the simulator fetches, registers and answers recalls; the front-end sees every status live', async () => {
    const statuses = collect(wsClient(hub.url, tokens[VPCP]),
      `subscription($after: String) { deliveryStatusChanged(after: $after) { delivery { document { id } status statusCode } } }`,
      { after: encodeCursor('status', 0) });
    const doc = await sendFromVpcp();
    const qlvb = simulator();
    assert.deepEqual((await qlvb.pollOnce()).sent, [`${doc.id}:01`, `${doc.id}:03`]);
    const seen = await statuses.next(2);
    assert.deepEqual(seen.map((e) => [e.deliveryStatusChanged.delivery.document.id, e.deliveryStatusChanged.delivery.statusCode]), [[doc.id, '01'], [doc.id, '03']]);

    const accepted = (await vpcpDocument(doc.id)).deliveries[0];
    assert.deepEqual(accepted.history.map((e: any) => [e.status, e.note, e.byAgency.code]),
      [['ARRIVED', 'Đã nhận văn bản điện tử', NGHE_AN], ['ACCEPTED', 'Đã vào sổ văn bản đến số 1', NGHE_AN]]);
    assert.equal(verifyEdxmlSignature(accepted.statusEdxml, new Date()).verdict, 'VALID', 'the status message is kept as signed');

    const recall = await gql(hub.url, `mutation($id: ID!) { recallDocument(documentId: $id, reason: "Gửi nhầm") { id } }`, { id: doc.id }, tokens[VPCP]);
    assert.equal(recall.errors, undefined);
    assert.deepEqual((await qlvb.pollOnce()).sent, [`${doc.id}:15`]);
    assert.deepEqual((await vpcpDocument(doc.id)).deliveries.map((d: any) => [d.status, d.statusCode]), [['RECALLED', '15']]);
    statuses.dispose();
  });

  test('edXML → GraphQL: a signed reply links to what it answers; the front-end\'s moves come back as status messages', async () => {
    const original = await sendFromVpcp();
    const fetched = await rest('GET', `/edxml/documents/${original.id}`, { as: NGHE_AN });
    assert.equal(fetched.headers.get('content-type'), 'application/xml; charset=utf-8');
    const originalId = parseEdxmlDocument(fetched.text).envelope.header.messageHeader.documentId;
    assert.equal(originalId, `${VPCP},2024/05/20,${7800 + sent}/VPCP-TTĐT`);

    const reply = ngheAnMessage('77', originalId);
    const posted = await rest('POST', '/edxml/send', { as: NGHE_AN, body: reply });
    assert.equal(posted.status, 200, posted.text);
    assert.deepEqual(posted.json.signature, { verdict: 'VALID', signerSubject: key.subject, problem: null });
    assert.deepEqual(posted.json.deliveries.map((d: any) => [d.recipient, d.status]), [[VPCP, 'PENDING']]);
    const docId = posted.json.docId;
    const again = await rest('POST', '/edxml/send', { as: NGHE_AN, body: reply });
    assert.equal(again.json.docId, docId, 'sent again, the same document');

    const inbox = await gql(hub.url, `{ inbox(first: 5) { edges { node { id document { id } } } } }`, {}, tokens[VPCP]);
    const arrival = inbox.data!.inbox.edges.find((e: any) => e.node.document.id === docId).node;
    const answer = await vpcpDocument(docId);
    assert.deepEqual([answer.inReplyTo, answer.edxmlSignature], [{ id: original.id }, { verdict: 'VALID', signerSubject: key.subject }]);
    const asReceived = await rest('GET', `/edxml/documents/${docId}`, { as: VPCP });
    assert.equal(asReceived.text, reply, 'the recipient gets the message byte for byte');
    assert.equal(verifyEdxmlSignature(asReceived.text, new Date()).verdict, 'VALID', 'so the sender\'s signature still verifies');

    for (const status of ['ARRIVED', 'ACCEPTED']) {
      const moved = await gql(hub.url, `mutation($id: ID!, $s: DeliveryStatus!) { updateDeliveryStatus(deliveryId: $id, status: $s) { id } }`, { id: arrival.id, s: status }, tokens[VPCP]);
      assert.equal(moved.errors, undefined);
    }
    const sentList = await rest('GET', '/edxml/sent', { as: NGHE_AN });
    assert.equal(sentList.json.total, 1);
    const [delivery] = sentList.json.items[0].deliveries;
    assert.deepEqual([delivery.recipient, delivery.status, delivery.statusCode], [VPCP, 'ACCEPTED', '03']);
    const statusMessage = parseEdxmlStatus(delivery.statusEdxml).envelope.header.messageStatus;
    assert.deepEqual([statusMessage.statusCode, statusMessage.from.organId, statusMessage.responseFor.documentId], ['03', VPCP, `${NGHE_AN},2024/05/21,77/UBND-VX`]);

    // The edXML system takes its reply back; the front-end refuses (code 16), and the system sees it.
    const revoke = ngheAnMessage('78', null, { type: '1', target: `${NGHE_AN},2024/05/21,77/UBND-VX`, reason: 'Ban hành nhầm' });
    assert.equal((await rest('POST', '/edxml/send', { as: NGHE_AN, body: revoke })).json.docId, docId);
    assert.deepEqual((await vpcpDocument(docId)).deliveries.map((d: any) => [d.status, d.statusCode]), [['RECALL_REQUESTED', '13']]);
    const refused = await gql(hub.url, `mutation($id: ID!) { answerRecall(deliveryId: $id, agree: false, note: "Đã phân công xử lý") { status } }`, { id: arrival.id }, tokens[VPCP]);
    assert.deepEqual(refused.data, { answerRecall: { status: 'ACCEPTED' } });
    const afterRefusal = (await rest('GET', '/edxml/sent', { as: NGHE_AN })).json.items[0].deliveries[0];
    const refusal = parseEdxmlStatus(afterRefusal.statusEdxml).envelope.header.messageStatus;
    // The delivery is back where it was (ACCEPTED, 03); the latest message is the refusal, 16.
    assert.deepEqual([afterRefusal.status, afterRefusal.statusCode, refusal.statusCode, refusal.description], ['ACCEPTED', '03', '16', 'Đã phân công xử lý']);
  });

  test('npm run simulate:qlvb -- --once: the command does one pass and signs with the key and certificate files', async () => {
    const doc = await sendFromVpcp();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lienthong-qlvb-'));
    try {
      fs.writeFileSync(path.join(dir, 'key.pem'), key.privateKey);
      fs.writeFileSync(path.join(dir, 'cert.pem'), key.certificate);
      const cli = path.resolve(__dirname, '../../src/cli/simulate-qlvb.js');
      const { stdout } = await promisify(execFile)(process.execPath, [
        cli, '--agency', NGHE_AN, '--url', base, '--token', tokens[NGHE_AN], '--once', '--key', path.join(dir, 'key.pem'), '--cert', path.join(dir, 'cert.pem'),
      ]);
      assert.match(stdout, new RegExp(`document ${doc.id}: 01 `));
      // A fresh process starts its own incoming book; the previous test's original, never acknowledged, is in it too.
      assert.match(stdout, new RegExp(`document ${doc.id}: 03 Đã vào sổ văn bản đến số \\d+\n`));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const [delivery] = (await vpcpDocument(doc.id)).deliveries;
    assert.deepEqual([delivery.status, verifyEdxmlSignature(delivery.statusEdxml, new Date()).verdict], ['ACCEPTED', 'VALID']);
  });
});
