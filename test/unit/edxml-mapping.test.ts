import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { DeliveryStatus } from '../../src/subgraphs/documents/delivery/status-machine';
import { DocumentIdParts, formatDocumentId, parseDocumentId } from '../../src/subgraphs/documents/edxml/document-id';
import {
  DocumentDto, businessKindOfDocType, deliveryStatusOfCode, docTypeOfBusinessKind, documentToDto, dtoToDocument, dtoToStatus,
  priorityOfUrgency, statusCodeOfDeliveryStatus, statusToDto, urgencyOfPriority,
} from '../../src/subgraphs/documents/edxml/mapping';
import { parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { validateEdxmlDocument } from '../../src/subgraphs/documents/edxml/validate';
import { writeEdxmlDocument } from '../../src/subgraphs/documents/edxml/write';

// Tests run from dist/test/unit; the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const document = () => parseEdxmlDocument(fixture('document.edxml'));
const withoutPreserved = ({ preserved: _, ...rest }: DocumentDto) => rest;

test('Priority 0–4 ↔ Urgency', () => {
  const table = [['0', 'NORMAL'], ['1', 'URGENT'], ['2', 'VERY_URGENT'], ['3', 'FLASH'], ['4', 'FLASH_TIMED']] as const;
  for (const [priority, urgency] of table) {
    assert.equal(urgencyOfPriority(priority), urgency);
    assert.equal(priorityOfUrgency(urgency), priority);
  }
  assert.equal(urgencyOfPriority(undefined), 'NORMAL', 'no Priority is a normal document');
  for (const bad of ['5', '-1', '01', 'x', '']) assert.throws(() => urgencyOfPriority(bad), RangeError);
});

test('status codes ↔ DeliveryStatus', () => {
  const table = [['01', 'ARRIVED'], ['02', 'REJECTED'], ['03', 'ACCEPTED'], ['04', 'ASSIGNED'], ['05', 'PROCESSING'],
    ['06', 'COMPLETED'], ['13', 'RECALL_REQUESTED'], ['15', 'RECALLED']] as const;
  for (const [code, status] of table) {
    assert.equal(deliveryStatusOfCode(code), status);
    assert.equal(statusCodeOfDeliveryStatus(DeliveryStatus[status]), code);
  }
  assert.equal(deliveryStatusOfCode('16'), null, 'a refused recall restores the earlier status');
  assert.equal(statusCodeOfDeliveryStatus(DeliveryStatus.PENDING), null);
  for (const bad of ['14', '00', '1', '']) assert.throws(() => deliveryStatusOfCode(bad), RangeError);
});

test('BussinessDocType ↔ business kind', () => {
  for (const [type, kind] of [['0', 'NEW'], ['1', 'REVOKE'], ['2', 'UPDATE'], ['3', 'REPLACE']] as const) {
    assert.equal(businessKindOfDocType(type), kind);
    assert.equal(docTypeOfBusinessKind(kind), type);
  }
  assert.equal(businessKindOfDocType(undefined), 'NEW');
  assert.throws(() => businessKindOfDocType('4'), RangeError);
});

test('DocumentId examples', () => {
  assert.deepEqual(parseDocumentId('000.00.00.G22,2015/09/30,7816/VPCP-TTĐT'), {
    issuerCode: '000.00.00.G22', promulgationDate: '2015-09-30', codeNumber: '7816', codeNotation: 'VPCP-TTĐT',
  });
  assert.deepEqual(parseDocumentId('000.00.00.G22,2018/07/12,28/2018/QĐ-TTg')?.codeNotation, '2018/QĐ-TTg');
  for (const bad of ['000.00.00.G22,2014/02/30,7806/VPCP-TTĐT', '000.00.00.G22,2015-09-30,7816/VPCP', 'g22,2015/09/30,7816/VPCP',
    '000.00.00.G22,2015/09/30,7816', '000.00.00.G22,2015/09/30,/VPCP', '000.00.00.G22,2015/09/30,7816/', '7816/VPCP-TTĐT']) {
    assert.equal(parseDocumentId(bad), null, bad);
  }
  assert.equal(formatDocumentId({ issuerCode: '000.00.00.G22', promulgationDate: '2015-09-30', codeNumber: '7816', codeNotation: 'VPCP-TTĐT' }),
    '000.00.00.G22,2015/09/30,7816/VPCP-TTĐT');
  assert.throws(() => formatDocumentId({ issuerCode: '000.00.00.G22', promulgationDate: '2015-02-30', codeNumber: '1', codeNotation: 'X' }), RangeError);
  assert.throws(() => formatDocumentId({ issuerCode: '000.00.00.G22', promulgationDate: '2015-09-30', codeNumber: '1/2', codeNotation: 'X' }), RangeError);
});

const agencyCode = fc.array(fc.stringMatching(/^[0-9A-Z]{1,5}$/), { minLength: 1, maxLength: 4 }).map((gs) => gs.join('.'));
const isoDate = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const documentIdParts: fc.Arbitrary<DocumentIdParts> = fc.record({
  issuerCode: agencyCode,
  promulgationDate: isoDate,
  codeNumber: fc.string({ minLength: 1, maxLength: 11 }).filter((s) => !/[,/]/.test(s)),
  codeNotation: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes(',')),
});

test('property: parseDocumentId(formatDocumentId(parts)) gives the parts back', () => {
  fc.assert(fc.property(documentIdParts, (parts) => {
    // fast-check's records have no prototype; the parser returns plain objects.
    assert.deepEqual(parseDocumentId(formatDocumentId(parts)), { ...parts });
  }));
});

test('property: whatever parses formats back to the same text', () => {
  const piece = fc.oneof(fc.constantFrom(',', '/', '.', '000.00.00.G22', '2015/09/30', '2015/02/30', 'VPCP-TTĐT'), fc.string({ maxLength: 4 }));
  const candidate = fc.oneof(
    documentIdParts.map(formatDocumentId),
    fc.array(piece, { maxLength: 8 }).map((ps) => ps.join('')),
  );
  fc.assert(fc.property(candidate, (text) => {
    const parts = parseDocumentId(text);
    if (parts) assert.equal(formatDocumentId(parts), text);
  }));
});

test('a document message becomes the contract-shaped DTO', () => {
  const dto = documentToDto(document());
  assert.deepEqual(withoutPreserved(dto), {
    documentId: '000.00.00.H41,2024/03/15,1234/UBND-VX',
    codeNumber: '1234',
    codeNotation: 'UBND-VX',
    documentType: 'Công văn',
    subject: 'V/v triển khai kết nối, liên thông phần mềm quản lý văn bản năm 2024',
    promulgationPlace: 'Nghệ An',
    promulgationDate: '2024-03-15',
    signerName: 'Nguyễn Văn Đức',
    signerPosition: 'Phó Chủ tịch',
    urgency: 'URGENT',
    dueDate: '2024-04-15',
    senderCode: '000.00.00.H41',
    recipients: ['000.00.00.G22', '000.00.18.G12'],
    attachments: [{ fileName: '1234-UBND-VX.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0xLjQKJSBMacOqbiBUaMO0bmcg4oCUIHThu4dwIHRo4butIG5naGnhu4dtCg==' }],
    inReplyTo: '000.00.00.G22,2024/02/01,7816/VPCP-TTĐT',
    business: 'NEW',
    businessReason: 'Văn bản điện tử mới',
  });
  assert.deepEqual(dto.preserved?.envelope.header.messageHeader.toPlaces, ['Như trên', 'Lưu: VT, VX.']);
  assert.equal(dto.preserved?.attachmentEncoded.attachments[0].content, '', 'attachment bytes live in the DTO only once');
});

test('edXML → DTO → edXML gives back the same message, unmodelled parts included', () => {
  for (const name of ['document.edxml', 'document-extended.edxml']) {
    const doc = parseEdxmlDocument(fixture(name));
    assert.deepEqual(dtoToDocument(documentToDto(doc)), doc, name);
  }
  assert.equal(writeEdxmlDocument(dtoToDocument(documentToDto(document()))), fixture('document.edxml'));
});

test('DTO fields win over the preserved message', () => {
  const dto = documentToDto(document());
  const doc = dtoToDocument({
    ...dto, subject: 'Trích yếu mới', urgency: 'FLASH', dueDate: null, recipients: ['000.00.18.G12', '000.00.00.H29'], inReplyTo: undefined,
  });
  const h = doc.envelope.header.messageHeader;
  assert.equal(h.subject, 'Trích yếu mới');
  assert.equal(h.otherInfo?.priority, '3');
  assert.equal(h.otherInfo?.pageAmount, '2', 'what the DTO does not model is kept');
  assert.equal('dueDate' in h, false);
  assert.deepEqual(h.to, [{ organId: '000.00.18.G12', organName: 'Tổng cục Thuế' }, { organId: '000.00.00.H29' }]);
  assert.deepEqual(h.responseFor, []);
  assert.deepEqual(validateEdxmlDocument(doc, new Date('2024-06-01T00:00:00Z')), []);
});

test('a DTO that never was edXML makes a valid message', () => {
  const dto: DocumentDto = {
    documentId: '000.00.00.G22,2024/05/20,15/VPCP-KSTT', codeNumber: '15', codeNotation: 'VPCP-KSTT', documentType: 'Thông báo',
    subject: 'Thông báo kết luận của Thủ tướng Chính phủ', promulgationPlace: 'Hà Nội', promulgationDate: '2024-05-20',
    signerName: 'Trần Văn Sơn', signerPosition: 'Bộ trưởng, Chủ nhiệm', urgency: 'NORMAL', dueDate: null, senderCode: '000.00.00.G22',
    recipients: ['000.00.00.H41'], attachments: [{ fileName: 'tb.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0=' }],
    inReplyTo: '000.00.00.H41,2024/03/15,1234/UBND-VX', business: 'REPLACE', supersedes: '000.00.00.G22,2024/05/01,9/VPCP-KSTT',
    businessReason: 'Thay thế do sai sót', preserved: null,
  };
  const doc = parseEdxmlDocument(writeEdxmlDocument(dtoToDocument(dto)));
  assert.deepEqual(validateEdxmlDocument(doc, new Date('2024-06-01T00:00:00Z')), []);
  assert.deepEqual(doc.envelope.header.messageHeader.responseFor, [{
    organId: '000.00.00.H41', code: '1234/UBND-VX', promulgationDate: '2024/03/15', documentId: '000.00.00.H41,2024/03/15,1234/UBND-VX',
  }]);
  assert.equal('otherInfo' in doc.envelope.header.messageHeader, false, 'NORMAL needs no Priority');
  assert.deepEqual(doc.envelope.header.traceHeaderList?.business, {
    businessDocType: '3', businessDocReason: 'Thay thế do sai sót', documentId: '000.00.00.G22,2024/05/01,9/VPCP-KSTT',
  });
  assert.deepEqual(doc.envelope.body.manifest.references, [{ contentId: 'cid:1', contentType: 'application/pdf', description: 'tb.pdf', attachmentName: 'tb.pdf' }]);
  assert.deepEqual(withoutPreserved(documentToDto(doc)), withoutPreserved(dto));
});

test('revoke, update and replace point at the earlier document', () => {
  const as = (type: string) => {
    const doc = document();
    const business = doc.envelope.header.traceHeaderList?.business;
    assert.ok(business);
    business.businessDocType = type;
    business.documentId = '000.00.00.H41,2024/03/01,1200/UBND-VX';
    return documentToDto(doc);
  };
  assert.deepEqual([as('1').business, as('1').revokes, as('1').supersedes], ['REVOKE', '000.00.00.H41,2024/03/01,1200/UBND-VX', undefined]);
  assert.deepEqual([as('2').business, as('2').supersedes, as('2').revokes], ['UPDATE', '000.00.00.H41,2024/03/01,1200/UBND-VX', undefined]);
  assert.deepEqual([as('3').business, as('3').supersedes], ['REPLACE', '000.00.00.H41,2024/03/01,1200/UBND-VX']);
  assert.equal(as('0').supersedes, undefined, 'a new document supersedes nothing, whatever its Bussiness DocumentId says');
});

test('status message ↔ status DTO', () => {
  const status = parseEdxmlStatus(fixture('status.edxml'));
  const dto = statusToDto(status);
  assert.deepEqual({ ...dto, preserved: null }, {
    documentId: '000.00.00.H41,2024/03/15,1234/UBND-VX', byAgency: '000.00.00.G22', statusCode: '03',
    note: 'Đã tiếp nhận, vào sổ văn bản đến số 567', at: '2024-03-15T10:05:00+07:00', preserved: null,
  });
  assert.equal(deliveryStatusOfCode(dto.statusCode), 'ACCEPTED');
  assert.deepEqual(dtoToStatus(dto), status);

  const fresh = dtoToStatus({ ...dto, statusCode: '02', note: 'Sai thẩm quyền', at: '2024-03-15T03:10:00Z', preserved: null });
  assert.deepEqual(fresh.envelope.header.messageStatus, {
    responseFor: { organId: '000.00.00.H41', code: '1234/UBND-VX', promulgationDate: '2024/03/15', documentId: '000.00.00.H41,2024/03/15,1234/UBND-VX' },
    from: { organId: '000.00.00.G22' }, statusCode: '02', description: 'Sai thẩm quyền', timestamp: '2024/03/15 10:10:00',
  });
});
