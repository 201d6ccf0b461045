/**
 * edXML through the hub's GraphQL API (gateway and real subgraphs): sendEdxml, sendEdxmlStatus,
 * Document.edxml, Delivery.statusEdxml — the round trip, idempotency, every malformed fixture refused
 * with its XPaths, replies, revokes, updates and status codes mapped onto the status machine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { documentToDto } from '../../src/subgraphs/documents/edxml/mapping';
import type { EdxmlDocument, EdxmlStatus } from '../../src/subgraphs/documents/edxml/model';
import { parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { validateEdxmlDocument, validateEdxmlStatus } from '../../src/subgraphs/documents/edxml/validate';
import { writeEdxmlDocument, writeEdxmlStatus } from '../../src/subgraphs/documents/edxml/write';
import { tokenFor } from '../helpers/env';
import { codes, gql } from '../helpers/graphql';
import { startHub, type TestHub } from '../helpers/hub';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const H = '/edXML/edXMLEnvelope/edXMLHeader/MessageHeader';
const VPCP = '000.00.00.G22';
const NGHE_AN = '000.00.00.H41';
const MOF = '000.00.00.G12'; // neither sender nor recipient of the fixture

const DOCUMENT_FIELDS = `id codeNumber codeNotation documentType subject promulgationPlace promulgationDate signerName signerPosition
  urgency dueDate sender { code } deliveries { id status recipient { code } } attachments { fileName contentType contentBase64 }
  inReplyTo { id } supersedes { id } edxmlSignature { verdict signerSubject problem }`;
const SEND_EDXML = `mutation($message: String!) { sendEdxml(message: $message) { ${DOCUMENT_FIELDS} } }`;
const SEND_STATUS = `mutation($message: String!) { sendEdxmlStatus(message: $message) { id deliveries { id status statusCode statusEdxml history { status statusCode note byAgency { code } } } } }`;
const DOCUMENT = `query($id: ID!) { document(id: $id) { ${DOCUMENT_FIELDS} edxml deliveries { id status statusCode statusEdxml } } }`;
const SEND = `mutation($input: SendDocumentInput!) { sendDocument(input: $input) { id deliveries { id recipient { code } } } }`;

let hub: TestHub;
const tokens: Record<string, string> = {};

before(async () => {
  hub = await startHub();
  for (const code of [VPCP, NGHE_AN, MOF]) tokens[code] = await tokenFor(hub.config, code);
});
after(() => hub.close());

/** The document fixture, edited as a model and written again (unsigned). */
function documentMessage(edit: (doc: EdxmlDocument) => void = () => undefined): string {
  const doc = parseEdxmlDocument(fixture('document.edxml'));
  delete doc.envelope.header.signature;
  edit(doc);
  return writeEdxmlDocument(doc);
}

/** A status message from `from` about `documentId`. */
function statusMessage(from: string, documentId: string, statusCode: string, description?: string): string {
  const status: EdxmlStatus = parseEdxmlStatus(fixture('status.edxml'));
  const s = status.envelope.header.messageStatus;
  s.from = { organId: from };
  const [issuer, date, code] = documentId.split(',');
  s.responseFor = { organId: issuer, code, promulgationDate: date, documentId };
  s.statusCode = statusCode;
  if (description === undefined) delete s.description;
  else s.description = description;
  return writeEdxmlStatus(status);
}

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string): Promise<T> {
  const res = await gql(hub.url, query, variables, tokens[as]);
  assert.equal(res.errors, undefined, JSON.stringify(res.errors));
  return res.data as T;
}

let sent = 0;
/** A document sent through GraphQL by VPCP to Nghệ An; returns its id, delivery id and DocumentId. */
async function sendFromVpcp(): Promise<{ id: string; deliveryId: string; documentId: string }> {
  sent++;
  const input = {
    clientRequestId: `graphql-${sent}`, codeNumber: String(500 + sent), codeNotation: 'VPCP-KSTT', documentType: 'Công văn',
    subject: 'Về việc kết nối phần mềm quản lý văn bản', promulgationPlace: 'Hà Nội', promulgationDate: '2024-05-20',
    signerName: 'Trần Văn Sơn', signerPosition: 'Bộ trưởng, Chủ nhiệm', urgency: 'FLASH', recipients: [NGHE_AN],
    attachments: [{ fileName: 'cv.txt', contentType: 'text/plain', contentBase64: Buffer.from('Xin chào').toString('base64') }],
  };
  const { sendDocument } = await ok(SEND, { input }, VPCP);
  return { id: sendDocument.id, deliveryId: sendDocument.deliveries[0].id, documentId: `${VPCP},2024/05/20,${500 + sent}/VPCP-KSTT` };
}

test('an edXML document becomes a hub document with every field the contract models, and goes out byte for byte', async () => {
  const message = fixture('document.edxml');
  const { sendEdxml: doc } = await ok(SEND_EDXML, { message }, NGHE_AN);
  const dto = documentToDto(parseEdxmlDocument(message));
  assert.deepEqual(
    {
      codeNumber: doc.codeNumber, codeNotation: doc.codeNotation, documentType: doc.documentType, subject: doc.subject,
      promulgationPlace: doc.promulgationPlace, promulgationDate: doc.promulgationDate, signerName: doc.signerName,
      signerPosition: doc.signerPosition, urgency: doc.urgency, dueDate: doc.dueDate, senderCode: doc.sender.code,
      recipients: doc.deliveries.map((d: any) => d.recipient.code), attachments: doc.attachments,
    },
    {
      codeNumber: dto.codeNumber, codeNotation: dto.codeNotation, documentType: dto.documentType, subject: dto.subject,
      promulgationPlace: dto.promulgationPlace, promulgationDate: dto.promulgationDate, signerName: dto.signerName,
      signerPosition: dto.signerPosition, urgency: dto.urgency, dueDate: dto.dueDate, senderCode: dto.senderCode,
      recipients: dto.recipients, attachments: dto.attachments,
    },
  );
  assert.deepEqual(doc.deliveries.map((d: any) => d.status), ['PENDING', 'PENDING']);
  assert.equal(doc.inReplyTo, null, 'its ResponseFor names a document the hub never carried: kept in the message only');
  // The fixture carries the platform sample's placeholder signature, unprefixed in the edXML namespace.
  assert.equal(doc.edxmlSignature.verdict, 'INVALID');
  assert.match(doc.edxmlSignature.problem, /not in the XML-DSig namespace/);

  for (const reader of [NGHE_AN, VPCP]) {
    const { document } = await ok(DOCUMENT, { id: doc.id }, reader);
    assert.equal(document.edxml, message, `${reader} reads the message exactly as received, unmodelled parts and signature included`);
  }
  const stranger = await gql(hub.url, `query($id: ID!) { document(id: $id) { id } }`, { id: doc.id }, tokens[MOF]);
  assert.deepEqual(codes(stranger), ['FORBIDDEN']);

  const again = await ok(SEND_EDXML, { message }, NGHE_AN);
  assert.equal(again.sendEdxml.id, doc.id, 'a repeat of the same DocumentId is the same send');
  const changed = await gql(hub.url, SEND_EDXML, { message: message.replace('<edXML:Subject>V/v', '<edXML:Subject>Về việc') }, tokens[NGHE_AN]);
  assert.deepEqual(codes(changed), ['CONFLICT']);
  assert.match(changed.errors![0].message, /DocumentId 000\.00\.00\.H41,2024\/03\/15,1234\/UBND-VX was already sent/);
});

test('an agency sends only in its own name', async () => {
  const res = await gql(hub.url, SEND_EDXML, { message: documentMessage() }, tokens[VPCP]);
  assert.deepEqual(codes(res), ['FORBIDDEN']);
  assert.match(res.errors![0].message, /From\/OrganId is 000\.00\.00\.H41, but the caller is 000\.00\.00\.G22/);
});

test('every malformed fixture is refused with the XPath of each problem, and nothing is written', async () => {
  const before = (await ok(`{ outbox(first: 0) { totalCount } }`, {}, NGHE_AN)).outbox.totalCount;
  // Fixture 14's date is in the future only for the unit tests' fixed clock; here, a date after today.
  const names = readdirSync(path.join(FIXTURES, 'malformed')).filter((n) => !n.startsWith('14-')).sort();
  assert.ok(names.length >= 20, `${names.length} malformed fixtures`);
  for (const name of names) {
    const xml = readFileSync(path.join(FIXTURES, 'malformed', name), 'utf8');
    const status = name.includes('-status-');
    const res = await gql(hub.url, status ? SEND_STATUS : SEND_EDXML, { message: xml }, tokens[NGHE_AN]);
    assert.deepEqual(codes(res), ['BAD_USER_INPUT'], name);
    const expected = status ? validateEdxmlStatus(parseEdxmlStatus(xml)) : validateEdxmlDocument(parseEdxmlDocument(xml), new Date());
    assert.ok(expected.length > 0, name);
    assert.deepEqual(res.errors![0].extensions!.problems, expected.map((i) => ({ field: i.path, message: i.message })), name);
  }
  const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '/');
  const future = await gql(hub.url, SEND_EDXML, { message: documentMessage((doc) => { doc.envelope.header.messageHeader.promulgationInfo.promulgationDate = tomorrow; }) }, tokens[NGHE_AN]);
  assert.deepEqual(codes(future), ['BAD_USER_INPUT']);
  assert.deepEqual(future.errors![0].extensions!.problems.map((p: { field: string }) => p.field), [`${H}/PromulgationInfo/PromulgationDate`]);
  const notXml = await gql(hub.url, SEND_EDXML, { message: '<edXML><unclosed></edXML>' }, tokens[NGHE_AN]);
  assert.deepEqual(codes(notXml), ['BAD_USER_INPUT']);
  assert.equal(notXml.errors![0].extensions!.problems[0].field, '/');
  assert.equal((await ok(`{ outbox(first: 0) { totalCount } }`, {}, NGHE_AN)).outbox.totalCount, before);
});

test('problems only the hub can see are reported at the XPath too (an agency not in the directory)', async () => {
  const message = documentMessage((doc) => {
    doc.envelope.header.messageHeader.documentId = '000.00.00.H41,2024/03/15,1235/UBND-VX';
    doc.envelope.header.messageHeader.to[1] = { organId: '000.00.99.G99' };
  });
  const res = await gql(hub.url, SEND_EDXML, { message }, tokens[NGHE_AN]);
  assert.deepEqual(codes(res), ['BAD_USER_INPUT']);
  assert.deepEqual(res.errors![0].extensions!.problems, [{ field: `${H}/To[2]/OrganId`, message: 'agency 000.00.99.G99 is not in the directory' }]);
});

test('a GraphQL document as edXML: valid, and read back it gives the same fields', async () => {
  const sentDoc = await sendFromVpcp();
  const { document } = await ok(DOCUMENT, { id: sentDoc.id }, NGHE_AN);
  const message = parseEdxmlDocument(document.edxml);
  assert.deepEqual(validateEdxmlDocument(message, new Date()), []);
  const dto = documentToDto(message);
  assert.equal(dto.documentId, sentDoc.documentId);
  assert.deepEqual([dto.subject, dto.urgency, dto.recipients, dto.attachments], [document.subject, 'FLASH', [NGHE_AN], document.attachments]);
  const h = message.envelope.header.messageHeader;
  assert.equal(h.from.organName, 'Văn phòng Chính phủ', 'the directory fills in the agencies\' details');
  assert.equal(message.envelope.header.traceHeaderList?.traceHeaders[0].organId, VPCP);
  assert.equal(document.deliveries[0].statusEdxml, null, 'PENDING has no status message');
});

test('status messages move the recipient\'s delivery; a repeat changes nothing; statusEdxml gives the message back', async () => {
  const sentDoc = await sendFromVpcp();
  const arrived = statusMessage(NGHE_AN, sentDoc.documentId, '01', 'Đã nhận');
  for (let i = 0; i < 2; i++) {
    const { sendEdxmlStatus } = await ok(SEND_STATUS, { message: arrived }, NGHE_AN);
    assert.deepEqual(sendEdxmlStatus.deliveries[0].history.map((e: any) => [e.status, e.statusCode, e.note, e.byAgency.code]), [['ARRIVED', '01', 'Đã nhận', NGHE_AN]]);
    assert.equal(sendEdxmlStatus.deliveries[0].statusEdxml, arrived);
  }
  const rejected = await gql(hub.url, SEND_STATUS, { message: statusMessage(NGHE_AN, sentDoc.documentId, '06', 'Xong') }, tokens[NGHE_AN]);
  assert.deepEqual(codes(rejected), ['INVALID_STATUS_TRANSITION'], 'the status machine decides, whatever the way in');
  await ok(SEND_STATUS, { message: statusMessage(NGHE_AN, sentDoc.documentId, '03', 'Vào sổ đến số 12') }, NGHE_AN);
  const { document } = await ok(DOCUMENT, { id: sentDoc.id }, VPCP);
  assert.deepEqual([document.deliveries[0].status, document.deliveries[0].statusCode], ['ACCEPTED', '03']);

  const notMine = await gql(hub.url, SEND_STATUS, { message: statusMessage(MOF, sentDoc.documentId, '01') }, tokens[MOF]);
  assert.deepEqual(codes(notMine), ['NOT_FOUND']);
  const unknown = await gql(hub.url, SEND_STATUS, { message: statusMessage(NGHE_AN, `${VPCP},2024/05/20,1/KHONG-CO`, '01') }, tokens[NGHE_AN]);
  assert.deepEqual(codes(unknown), ['NOT_FOUND']);
});

test('13 from the sender asks for the document back; 15 agrees and 16 refuses; GraphQL moves get written status messages', async () => {
  const first = await sendFromVpcp();
  const second = await sendFromVpcp();
  for (const doc of [first, second]) await ok(SEND_STATUS, { message: statusMessage(NGHE_AN, doc.documentId, '01') }, NGHE_AN);
  for (const doc of [first, second]) {
    const { sendEdxmlStatus } = await ok(SEND_STATUS, { message: statusMessage(VPCP, doc.documentId, '13', 'Gửi nhầm') }, VPCP);
    assert.deepEqual(sendEdxmlStatus.deliveries.map((d: any) => d.status), ['RECALL_REQUESTED']);
  }
  const byRecipient = await gql(hub.url, SEND_STATUS, { message: statusMessage(NGHE_AN, first.documentId, '13', 'x') }, tokens[NGHE_AN]);
  assert.deepEqual(codes(byRecipient), ['FORBIDDEN']);

  const agreed = await ok(SEND_STATUS, { message: statusMessage(NGHE_AN, first.documentId, '15', 'Đồng ý') }, NGHE_AN);
  assert.deepEqual([agreed.sendEdxmlStatus.deliveries[0].status, agreed.sendEdxmlStatus.deliveries[0].statusCode], ['RECALLED', '15']);
  const refused = await ok(SEND_STATUS, { message: statusMessage(NGHE_AN, second.documentId, '16', 'Đã xử lý') }, NGHE_AN);
  assert.deepEqual(refused.sendEdxmlStatus.deliveries[0].history.map((e: any) => [e.status, e.statusCode]), [['ARRIVED', '01'], ['RECALL_REQUESTED', '13'], ['ARRIVED', '16']]);

  // A move made through GraphQL has no message behind it: one is written from the record.
  await ok(`mutation($id: ID!) { updateDeliveryStatus(deliveryId: $id, status: ACCEPTED) { id } }`, { id: second.deliveryId }, NGHE_AN);
  const { document } = await ok(DOCUMENT, { id: second.id }, VPCP);
  const status = parseEdxmlStatus(document.deliveries[0].statusEdxml);
  assert.deepEqual(validateEdxmlStatus(status), []);
  const s = status.envelope.header.messageStatus;
  assert.deepEqual([s.statusCode, s.from.organId, s.from.organName, s.responseFor.documentId], ['03', NGHE_AN, 'Ủy ban nhân dân tỉnh Nghệ An', second.documentId]);
});

test('a reply links to the answered document; an update supersedes; a revoke recalls, once', async () => {
  const original = await sendFromVpcp();
  const reply = documentMessage((doc) => {
    const h = doc.envelope.header.messageHeader;
    h.documentId = '000.00.00.H41,2024/05/21,88/UBND-VX';
    h.code.codeNumber = '88';
    h.promulgationInfo.promulgationDate = '2024/05/21';
    h.dueDate = '2024/06/15';
    h.to = [{ organId: VPCP }];
    h.responseFor = [{ organId: VPCP, code: original.documentId.split(',')[2], promulgationDate: '2024/05/20', documentId: original.documentId }];
  });
  const { sendEdxml: answer } = await ok(SEND_EDXML, { message: reply }, NGHE_AN);
  assert.deepEqual(answer.inReplyTo, { id: original.id });
  assert.equal(answer.edxmlSignature.verdict, 'UNSIGNED');

  const update = reply
    .replace('<edXML:BussinessDocType>0</edXML:BussinessDocType>', '<edXML:BussinessDocType>2</edXML:BussinessDocType>')
    .replace('<edXML:BussinessDocReason>Văn bản điện tử mới</edXML:BussinessDocReason>',
      '<edXML:BussinessDocReason>Sửa trích yếu</edXML:BussinessDocReason>\n          <edXML:DocumentId>000.00.00.H41,2024/05/21,88/UBND-VX</edXML:DocumentId>')
    .replace('<edXML:Subject>V/v', '<edXML:Subject>(Cập nhật) V/v');
  const { sendEdxml: updated } = await ok(SEND_EDXML, { message: update }, NGHE_AN);
  assert.notEqual(updated.id, answer.id, 'an update reusing its original\'s DocumentId is a document of its own');
  assert.deepEqual(updated.supersedes, { id: answer.id });
  const target = 'Sửa trích yếu</edXML:BussinessDocReason>\n          <edXML:DocumentId>000.00.00.H41,2024/05/21,88/UBND-VX';
  assert.ok(update.includes(target));
  const orphan = await gql(hub.url, SEND_EDXML, { message: update.replace(target, target.replace(',88/', ',99/')) }, tokens[NGHE_AN]);
  assert.deepEqual(codes(orphan), ['BAD_USER_INPUT']);
  assert.equal(orphan.errors![0].extensions!.problems[0].field, '/edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/DocumentId');

  await ok(`mutation($id: ID!) { updateDeliveryStatus(deliveryId: $id, status: ARRIVED) { id } }`, { id: answer.deliveries[0].id }, VPCP);
  const revoke = update
    .replace('<edXML:BussinessDocType>2</edXML:BussinessDocType>', '<edXML:BussinessDocType>1</edXML:BussinessDocType>')
    .replace('Sửa trích yếu', 'Ban hành nhầm');
  for (let i = 0; i < 2; i++) {
    const { sendEdxml: revoked } = await ok(SEND_EDXML, { message: revoke }, NGHE_AN);
    assert.equal(revoked.id, updated.id, 'the newest document by that DocumentId is the one taken back');
  }
  const { document } = await ok(DOCUMENT, { id: updated.id }, NGHE_AN);
  assert.deepEqual(document.deliveries.map((d: any) => [d.status, d.statusCode]), [['RECALLED', '15']], 'not yet fetched: recalled at once');
  const { document: first } = await ok(DOCUMENT, { id: answer.id }, VPCP);
  assert.deepEqual(first.deliveries.map((d: any) => d.status), ['ARRIVED'], 'the revoke names the update, not the reply');
});
