import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEdxmlDocument, parseEdxmlStatus } from '../../src/subgraphs/documents/edxml/parse';
import { isBase64, validateEdxmlDocument, validateEdxmlStatus } from '../../src/subgraphs/documents/edxml/validate';

// Tests run from dist/test/unit; the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/edxml');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const H = '/edXML/edXMLEnvelope/edXMLHeader/MessageHeader';
const S = '/edXML/edXMLEnvelope/edXMLHeader/MessageStatus';
/** 1 June 2024, 17:00 in Vietnam. */
const NOW = new Date('2024-06-01T10:00:00Z');

function issuesOf(kind: 'document' | 'status', xml: string) {
  return kind === 'document' ? validateEdxmlDocument(parseEdxmlDocument(xml), NOW) : validateEdxmlStatus(parseEdxmlStatus(xml));
}

test('the well-formed fixtures have no issues', () => {
  assert.deepEqual(issuesOf('document', fixture('document.edxml')), []);
  assert.deepEqual(issuesOf('document', fixture('document-unprefixed.edxml')), []);
  assert.deepEqual(issuesOf('document', fixture('document-extended.edxml')), []);
  assert.deepEqual(issuesOf('status', fixture('status.edxml')), []);
});

test('accepts what the platform\'s own sample does: QĐ 20 codes, a sender other than the issuer, a stray Bussiness DocumentId', () => {
  const xml = fixture('document.edxml')
    .replace('<edXML:OrganId>000.00.00.H41</edXML:OrganId>\n          <edXML:OrganizationInCharge>', '<edXML:OrganId>002.00.20.H13</edXML:OrganId>\n          <edXML:OrganizationInCharge>')
    .replace('<edXML:OrganId>000.00.18.G12<', '<edXML:OrganId>28.22.H17<')
    .replace('<edXML:CodeNumber>1234<', '<edXML:CodeNumber>74fass22<')
    .replace('<edXML:BussinessDocType>0<', '<edXML:DocumentId>000.00.00.G22,2014/02/30,7806/VPCP-TTĐT</edXML:DocumentId>\n          <edXML:BussinessDocType>0<');
  const doc = parseEdxmlDocument(xml);
  assert.equal(doc.envelope.header.messageHeader.from.organId, '002.00.20.H13');
  assert.equal(doc.envelope.header.traceHeaderList?.business?.documentId, '000.00.00.G22,2014/02/30,7806/VPCP-TTĐT');
  assert.deepEqual(validateEdxmlDocument(doc, NOW), []);
});

/** Each malformed fixture and exactly the XPaths it must be reported at, in document order. */
const MALFORMED: [string, 'document' | 'status', string[]][] = [
  ['01-missing-code-number.edxml', 'document', [`${H}/Code/CodeNumber`]],
  ['02-code-number-too-long.edxml', 'document', [`${H}/Code/CodeNumber`]],
  ['03-code-notation-too-long.edxml', 'document', [`${H}/Code/CodeNotation`]],
  ['04-missing-subject.edxml', 'document', [`${H}/Subject`]],
  ['05-blank-subject.edxml', 'document', [`${H}/Subject`]],
  ['06-subject-too-long.edxml', 'document', [`${H}/Subject`]],
  ['07-content-too-long.edxml', 'document', [`${H}/Content`]],
  ['08-no-recipient.edxml', 'document', [`${H}/To`]],
  ['09-duplicate-recipient.edxml', 'document', [`${H}/To[2]/OrganId`]],
  ['10-bad-agency-code.edxml', 'document', [`${H}/To[2]/OrganId`]],
  ['11-agency-code-too-long.edxml', 'document', [`${H}/From/OrganId`]],
  ['12-organization-too-long.edxml', 'document', [`${H}/From/OrganName`, `${H}/From/OrganAdd`, `${H}/From/Email`, `${H}/From/Telephone`, `${H}/From/Fax`]],
  ['13-place-too-long.edxml', 'document', [`${H}/PromulgationInfo/Place`]],
  ['14-future-promulgation-date.edxml', 'document', [`${H}/PromulgationInfo/PromulgationDate`]],
  ['15-impossible-promulgation-date.edxml', 'document', [`${H}/PromulgationInfo/PromulgationDate`]],
  ['16-promulgation-date-format.edxml', 'document', [`${H}/PromulgationInfo/PromulgationDate`]],
  ['17-bad-due-date.edxml', 'document', [`${H}/DueDate`]],
  ['18-bad-document-id.edxml', 'document', [`${H}/DocumentId`]],
  ['19-to-place-too-long.edxml', 'document', [`${H}/ToPlaces/Place[2]`]],
  ['20-priority-out-of-range.edxml', 'document', [`${H}/OtherInfo/Priority`]],
  ['21-typer-notation-too-long.edxml', 'document', [`${H}/OtherInfo/TyperNotation`]],
  ['22-bad-response-for.edxml', 'document', [`${H}/ResponseFor[1]/DocumentId`]],
  ['23-bad-trace-timestamp.edxml', 'document', ['/edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/TraceHeader[1]/Timestamp']],
  ['24-business-doc-type-out-of-range.edxml', 'document', ['/edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/BussinessDocType']],
  ['25-revoke-without-target.edxml', 'document', ['/edXML/edXMLEnvelope/edXMLHeader/TraceHeaderList/Bussiness/DocumentId']],
  ['26-bad-base64.edxml', 'document', ['/edXML/AttachmentEncoded/Attachment[1]/ContentTransferEncoded']],
  ['27-attachment-not-in-manifest.edxml', 'document', ['/edXML/edXMLEnvelope/edXMLBody/edXMLManifest/Reference[1]/ContentId', '/edXML/AttachmentEncoded/Attachment[1]/ContentId']],
  ['28-many-problems.edxml', 'document', [`${H}/Code/CodeNumber`, `${H}/PromulgationInfo/PromulgationDate`, `${H}/Subject`, `${H}/OtherInfo/Priority`, '/edXML/AttachmentEncoded/Attachment[1]/ContentTransferEncoded']],
  ['29-status-unknown-code.edxml', 'status', [`${S}/StatusCode`]],
  ['30-status-rejected-without-reason.edxml', 'status', [`${S}/Description`]],
  ['31-status-bad-timestamp.edxml', 'status', [`${S}/Timestamp`]],
  ['32-status-bad-response-for.edxml', 'status', [`${S}/ResponseFor/OrganId`, `${S}/ResponseFor/DocumentId`]],
];

for (const [file, kind, paths] of MALFORMED) {
  test(`malformed/${file} is reported at ${paths.join(', ')}`, () => {
    const issues = issuesOf(kind, fixture(`malformed/${file}`));
    assert.deepEqual(issues.map((i) => i.path), paths);
    for (const issue of issues) assert.ok(issue.message.length > 0);
  });
}

test('an empty message reports every required field at once', () => {
  const doc = parseEdxmlDocument('<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>');
  assert.deepEqual(validateEdxmlDocument(doc, NOW).map((i) => i.path), [
    `${H}/From/OrganId`, `${H}/To`, `${H}/DocumentId`, `${H}/Code/CodeNumber`, `${H}/Code/CodeNotation`,
    `${H}/PromulgationInfo/Place`, `${H}/PromulgationInfo/PromulgationDate`, `${H}/DocumentType/TypeName`, `${H}/Subject`,
    `${H}/SignerInfo/Position`, `${H}/SignerInfo/FullName`,
  ]);
});

test('"not in the future" is judged by the date in Vietnam', () => {
  const doc = parseEdxmlDocument(fixture('document.edxml').replace('<edXML:PromulgationDate>2024/03/15<', '<edXML:PromulgationDate>2024/06/02<'));
  const paths = (now: string) => validateEdxmlDocument(doc, new Date(now)).map((i) => i.path);
  assert.deepEqual(paths('2024-06-01T16:59:59Z'), [`${H}/PromulgationInfo/PromulgationDate`], '23:59:59 on 1 June in Hà Nội');
  assert.deepEqual(paths('2024-06-01T17:00:00Z'), [], 'midnight of 2 June in Hà Nội');
});

test('messages say what is wrong', () => {
  const [issue] = issuesOf('document', fixture('malformed/02-code-number-too-long.edxml'));
  assert.deepEqual(issue, { path: `${H}/Code/CodeNumber`, message: 'is 12 characters, at most 11 allowed' });
});

test('base64 may be broken into lines but must be whole', () => {
  assert.equal(isBase64('SGVs\nbG8='), true);
  assert.equal(isBase64('SGVsbG8'), false);
  assert.equal(isBase64('SGVs=bG8'), false);
  assert.equal(isBase64('SGV*bG8='), false);
});
