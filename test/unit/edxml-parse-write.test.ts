import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { EdxmlDocument } from '../../src/subgraphs/documents/edxml/model';
import { EdxmlSyntaxError, parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { writeEdxmlDocument, writeEdxmlStatus } from '../../src/subgraphs/documents/edxml/write';

// Tests run from dist/test/unit; the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

test('reads every field of the document fixture', () => {
  const doc = parseEdxmlDocument(fixture('document.edxml'));
  const h = doc.envelope.header.messageHeader;
  assert.equal(h.from.organId, '000.00.00.H41');
  assert.equal(h.from.organAdd, 'Số 03 Trường Thi, thành phố Vinh, Nghệ An');
  assert.deepEqual(h.to.map((t) => t.organId), ['000.00.00.G22', '000.00.18.G12']);
  assert.deepEqual(h.to[1], { organId: '000.00.18.G12', organName: 'Tổng cục Thuế' });
  assert.equal(h.documentId, '000.00.00.H41,2024/03/15,1234/UBND-VX');
  assert.deepEqual(h.code, { codeNumber: '1234', codeNotation: 'UBND-VX' });
  assert.deepEqual(h.promulgationInfo, { place: 'Nghệ An', promulgationDate: '2024/03/15' });
  assert.deepEqual(h.documentType, { type: '1', typeDetail: '0', typeName: 'Công văn' });
  assert.equal(h.subject, 'V/v triển khai kết nối, liên thông phần mềm quản lý văn bản năm 2024');
  assert.deepEqual(h.signerInfo, { competence: 'KT. CHỦ TỊCH', position: 'Phó Chủ tịch', fullName: 'Nguyễn Văn Đức' });
  assert.equal(h.dueDate, '2024/04/15');
  assert.deepEqual(h.toPlaces, ['Như trên', 'Lưu: VT, VX.']);
  assert.deepEqual(h.otherInfo, {
    priority: '1', sphereOfPromulgation: 'Liên thông văn bản quốc gia', typerNotation: 'NTH', promulgationAmount: '3',
    pageAmount: '2', direction: 'false', appendixes: ['Phụ lục: danh sách đơn vị kết nối'],
  });
  assert.equal(h.steeringType, '0');
  assert.deepEqual(h.responseFor, [{
    organId: '000.00.00.G22', code: '7816/VPCP-TTĐT', promulgationDate: '2024/02/01',
    documentId: '000.00.00.G22,2024/02/01,7816/VPCP-TTĐT',
  }]);
  const trace = doc.envelope.header.traceHeaderList;
  assert.deepEqual(trace?.traceHeaders, [{ organId: '000.00.00.H41', timestamp: '2024/03/15 09:30:00' }]);
  assert.equal(trace?.business?.businessDocType, '0');
  assert.equal(trace?.business?.staffInfo?.staff, 'Trần Thị Hoa');
  assert.deepEqual(doc.envelope.body.manifest.references, [{
    contentId: 'cid:1', contentType: 'application/pdf', description: 'Công văn 1234/UBND-VX', attachmentName: '1234-UBND-VX.pdf',
  }]);
  assert.equal(doc.envelope.body.manifest.version, '1.0');
  assert.equal(doc.attachmentEncoded.attachments.length, 1);
  assert.equal(Buffer.from(doc.attachmentEncoded.attachments[0].content, 'base64').toString('utf8'), '%PDF-1.4\n% Liên Thông — tệp thử nghiệm\n');
  assert.equal(doc.extensions, undefined, 'a message with only known elements has no extensions');
});

test('exposes the Signature verbatim, as it stands in the message', () => {
  const xml = fixture('document.edxml');
  const signature = parseEdxmlDocument(xml).envelope.header.signature;
  assert.ok(signature);
  assert.equal(signature, xml.slice(xml.indexOf('<Signature>'), xml.indexOf('</Signature>') + '</Signature>'.length));
});

test('reads the status fixture', () => {
  const status = parseEdxmlStatus(fixture('status.edxml'));
  const s = status.envelope.header.messageStatus;
  assert.equal(s.responseFor.documentId, '000.00.00.H41,2024/03/15,1234/UBND-VX');
  assert.equal(s.from.organId, '000.00.00.G22');
  assert.equal(s.statusCode, '03');
  assert.equal(s.description, 'Đã tiếp nhận, vào sổ văn bản đến số 567');
  assert.equal(s.timestamp, '2024/03/15 10:05:00');
  assert.deepEqual(s.staffInfo, { department: 'Phòng Hành chính', staff: 'Lê Minh Tâm', email: 'tamlm@chinhphu.vn', mobile: '0987654321' });
});

test('writes the fixtures back byte for byte: the writer emits the platform sample shape', () => {
  const doc = fixture('document.edxml');
  assert.equal(writeEdxmlDocument(parseEdxmlDocument(doc)), doc);
  const status = fixture('status.edxml');
  assert.equal(writeEdxmlStatus(parseEdxmlStatus(status)), status);
});

test('parse(write(x)) deep-equals x', () => {
  const doc = parseEdxmlDocument(fixture('document-extended.edxml'));
  assert.deepEqual(parseEdxmlDocument(writeEdxmlDocument(doc)), doc);
  const status = parseEdxmlStatus(fixture('status.edxml'));
  assert.deepEqual(parseEdxmlStatus(writeEdxmlStatus(status)), status);
});

test('matches on local names in the edXML namespace, whatever the prefix', () => {
  const reference = parseEdxmlDocument(fixture('document.edxml'));
  assert.deepEqual(parseEdxmlDocument(fixture('document-unprefixed.edxml')), reference);
  const extended = parseEdxmlDocument(fixture('document-extended.edxml'));
  assert.equal(extended.envelope.header.messageHeader.subject, reference.envelope.header.messageHeader.subject);
  assert.deepEqual(extended.attachmentEncoded, reference.attachmentEncoded);
});

test('elements outside the model survive verbatim, made self-contained where the writer puts them', () => {
  const doc = parseEdxmlDocument(fixture('document-extended.edxml'));
  const h = doc.envelope.header.messageHeader;
  assert.deepEqual(h.extensions, [
    // A second Subject is not silently merged: it is kept, after the first.
    '<e:Subject xmlns:e="http://www.mic.gov.vn/TBT/QCVN_102_2016">Trích yếu lặp lại</e:Subject>',
    '<x:ArchiveRef xmlns:x="urn:example:archive" x:box="12">HS-2024/07 &amp; phụ lục</x:ArchiveRef>',
  ]);
  assert.deepEqual(h.otherInfo?.extensions, ['<e:LocalNote xmlns:e="http://www.mic.gov.vn/TBT/QCVN_102_2016" lang="vi">Ghi chú nội bộ</e:LocalNote>']);
  assert.deepEqual(doc.extensions, ['<x:Audit xmlns:x="urn:example:archive"><x:Seen at="2024/03/15 09:31:00"/></x:Audit>']);
  const signature = doc.envelope.header.signature;
  assert.match(signature ?? '', /^<ds:Signature xmlns:ds="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">\n {8}<ds:SignedInfo>/);

  const written = writeEdxmlDocument(doc);
  for (const raw of [...(h.extensions ?? []), ...(doc.extensions ?? []), signature ?? '']) assert.ok(written.includes(raw));
  assert.deepEqual(parseEdxmlDocument(written), doc);
});

test('decodes character references and CDATA, and keeps white space inside values', () => {
  const xml = fixture('document.edxml')
    .replace(/<edXML:Subject>.*<\/edXML:Subject>/, '<edXML:Subject>  V/v &#7913;ng d&#x1EE5;ng &lt;CNTT&gt; &amp; <![CDATA[<chuyển đổi số>]]> </edXML:Subject>');
  const doc = parseEdxmlDocument(xml);
  assert.equal(doc.envelope.header.messageHeader.subject, '  V/v ứng dụng <CNTT> & <chuyển đổi số> ');
  assert.deepEqual(parseEdxmlDocument(writeEdxmlDocument(doc)), doc);
});

test('any text value survives write then parse', () => {
  const base = parseEdxmlDocument(fixture('document.edxml'));
  // Every character XML 1.0 can carry; a lone surrogate cannot be UTF-8.
  const xmlChar = fc.oneof(
    fc.constantFrom('\t', '\n', '\r', '\r\n', '&', '<', '>', '"', "'", ']]>', 'Đ', 'ệ', '😀'),
    fc.integer({ min: 0x20, max: 0xd7ff }).map((c) => String.fromCodePoint(c)),
  );
  fc.assert(fc.property(fc.array(xmlChar, { maxLength: 40 }).map((chars) => chars.join('')), (value) => {
    const doc: EdxmlDocument = structuredClone(base);
    doc.envelope.header.messageHeader.subject = value;
    doc.envelope.header.messageHeader.from.organName = value;
    assert.deepEqual(parseEdxmlDocument(writeEdxmlDocument(doc)), doc);
  }));
});

test('an absent optional element stays absent, an empty one stays empty', () => {
  const doc = parseEdxmlDocument(fixture('document.edxml').replace(/ *<edXML:Content>.*<\/edXML:Content>\n/, '').replace('<edXML:Fax>0238 3843 049</edXML:Fax>', '<edXML:Fax/>'));
  assert.equal('content' in doc.envelope.header.messageHeader, false);
  assert.equal(doc.envelope.header.messageHeader.from.fax, '');
  assert.deepEqual(parseEdxmlDocument(writeEdxmlDocument(doc)), doc);
});

test('a missing required element reads as empty, so the validator can report it', () => {
  const doc = parseEdxmlDocument(`<edXML xmlns="${NS}"><edXMLEnvelope/></edXML>`);
  assert.equal(doc.envelope.header.messageHeader.subject, '');
  assert.deepEqual(doc.envelope.header.messageHeader.to, []);
  assert.deepEqual(doc.attachmentEncoded.attachments, []);
});

test('refuses what is not a safe, well-formed edXML message', async (t) => {
  const refuse = (name: string, xml: string | Uint8Array, pattern: RegExp, parse: typeof parseEdxmlDocument | typeof parseEdxmlStatus = parseEdxmlDocument) =>
    t.test(name, () => assert.throws(() => parse(xml, { maxBytes: 1024 * 1024 }), (e: unknown) => e instanceof EdxmlSyntaxError && pattern.test(e.message)));

  await refuse('external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><edXML xmlns="${NS}">&x;</edXML>`, /DTD/);
  await refuse('entity expansion (billion laughs)', `<!DOCTYPE lolz [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><edXML xmlns="${NS}">&b;</edXML>`, /DTD/);
  await refuse('over the size cap', `<edXML xmlns="${NS}"><!--${'x'.repeat(1024 * 1024)}--></edXML>`, /limit/);
  await refuse('not well-formed', `<edXML xmlns="${NS}"><edXMLEnvelope></edXML>`, /not well-formed/);
  await refuse('undefined entity', `<edXML xmlns="${NS}"><Subject>&nbsp;</Subject></edXML>`, /not defined/);
  await refuse('bare ampersand', `<edXML xmlns="${NS}"><Subject>A & B</Subject></edXML>`, /./);
  await refuse('illegal character reference', `<edXML xmlns="${NS}"><Subject>&#0;</Subject></edXML>`, /not a legal XML character/);
  await refuse('undeclared prefix', `<edXML xmlns="${NS}"><edXML:edXMLEnvelope/></edXML>`, /not declared/);
  await refuse('root outside the namespace', '<edXML><edXMLEnvelope/></edXML>', /root element/);
  await refuse('another root', `<Document xmlns="${NS}"/>`, /root element/);
  await refuse('not UTF-8', Uint8Array.from([...Buffer.from(`<edXML xmlns="${NS}">`), 0xff, ...Buffer.from('</edXML>')]), /UTF-8/);
  await refuse('declared in another encoding', `<?xml version="1.0" encoding="windows-1258"?><edXML xmlns="${NS}"/>`, /encoding/);
  await refuse('a status message read as a document', fixture('status.edxml'), /status message/);
  await refuse('a document read as a status message', fixture('document.edxml'), /document message/, parseEdxmlStatus);
});

test('reads bytes as well as text, a byte-order mark included', () => {
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(fixture('document.edxml'))]);
  assert.deepEqual(parseEdxmlDocument(new Uint8Array(bytes)), parseEdxmlDocument(fixture('document.edxml')));
});
