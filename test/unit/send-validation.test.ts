import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { vietnamDate } from '../../src/subgraphs/documents/edxml/formats';
import { sendFingerprint, validateSendRequest, type SendRequest } from '../../src/subgraphs/documents/document/send-validation';

const NOW = new Date('2026-11-27T02:00:00Z');
const OPTS = { now: NOW, maxAttachmentBytes: 1024 };
const SENDER = '000.00.00.G22';

function request(over: Partial<SendRequest> = {}): SendRequest {
  return {
    clientRequestId: 'req-1',
    codeNumber: '123',
    codeNotation: 'QĐ-UBND',
    documentType: 'Quyết định',
    subject: 'Về việc phê duyệt kế hoạch chuyển đổi số',
    promulgationPlace: 'Hà Nội',
    promulgationDate: '2026-11-26',
    signerName: 'Nguyễn Văn A',
    signerPosition: 'Chủ tịch',
    recipients: ['000.00.00.H41', '000.00.00.H29'],
    attachments: [{ fileName: 'qd.pdf', contentType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7').toString('base64') }],
    citizenIds: ['001090012345'],
    parcelIds: ['P-001'],
    ...over,
  };
}

const fields = (r: SendRequest) => validateSendRequest(r, SENDER, OPTS).problems.map((p) => p.field);

test('a well-formed request has no problems and its attachment is decoded', () => {
  const v = validateSendRequest(request(), SENDER, OPTS);
  assert.deepEqual(v.problems, []);
  assert.equal(v.attachments[0].content.toString(), '%PDF-1.7');
  assert.equal(v.attachments[0].sha256, createHash('sha256').update('%PDF-1.7').digest('hex'));
});

test('every problem is reported at once, each with its field', () => {
  const got = fields(
    request({
      codeNumber: '123456789012',
      codeNotation: '',
      subject: 'x'.repeat(501),
      promulgationDate: '2026-11-28',
      recipients: ['000.00.00.H41', '000.00.00.H41', 'not a code', SENDER],
      citizenIds: ['12345'],
      attachments: [{ fileName: '../etc/passwd', contentType: 'pdf', contentBase64: '@@@' }],
    }),
  );
  assert.deepEqual(got.sort(), [
    'attachments[0].contentBase64',
    'attachments[0].contentType',
    'attachments[0].fileName',
    'citizenIds[0]',
    'codeNotation',
    'codeNumber',
    'promulgationDate',
    'recipients[1]',
    'recipients[2]',
    'recipients[3]',
    'subject',
  ]);
});

test('promulgation date: today in Vietnam is fine, tomorrow is not (UTC+7 calendar)', () => {
  assert.equal(vietnamDate(new Date('2026-11-27T17:30:00Z')), '2026-11-28');
  assert.deepEqual(fields(request({ promulgationDate: vietnamDate(NOW) })), []);
  assert.deepEqual(fields(request({ promulgationDate: '2026-11-28' })), ['promulgationDate']);
});

test('no recipients, an empty attachment, an oversized one, a due date before promulgation', () => {
  assert.deepEqual(fields(request({ recipients: [] })), ['recipients']);
  assert.deepEqual(fields(request({ attachments: [{ fileName: 'a', contentType: 'text/plain', contentBase64: '' }] })), ['attachments[0].contentBase64']);
  const big = Buffer.alloc(1025).toString('base64');
  const v = validateSendRequest(request({ attachments: [{ fileName: 'a', contentType: 'text/plain', contentBase64: big }] }), SENDER, OPTS);
  assert.match(v.problems[0].message, /limit of 1024 bytes/);
  assert.deepEqual(fields(request({ dueDate: '2026-01-01' })), ['dueDate']);
});

test('property: any bytes within the limit round-trip through base64 validation', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 1024 }), (bytes) => {
      const b64 = Buffer.from(bytes).toString('base64');
      const v = validateSendRequest(request({ attachments: [{ fileName: 'f.bin', contentType: 'application/octet-stream', contentBase64: b64 }] }), SENDER, OPTS);
      return v.problems.length === 0 && Buffer.compare(v.attachments[0].content, Buffer.from(bytes)) === 0;
    }),
  );
});

test('base64 wrapped in lines decodes; unpadded, padded inside, or with a stray or non-ASCII character, it is refused', () => {
  const bytes = Buffer.from(Array.from({ length: 300 }, (_, i) => i % 256));
  const wrapped = bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  const v = validateSendRequest(request({ attachments: [{ fileName: 'f', contentType: 'text/plain', contentBase64: wrapped }] }), SENDER, OPTS);
  assert.deepEqual(v.problems, []);
  assert.equal(Buffer.compare(v.attachments[0].content, bytes), 0);
  for (const bad of ['QUI', 'QUJD*', 'QU=I', 'QUJDQQ==QUJD', 'QUJD====QUJD', 'QUJń', `${wrapped}.`]) {
    assert.deepEqual(fields(request({ attachments: [{ fileName: 'f', contentType: 'text/plain', contentBase64: bad }] })), ['attachments[0].contentBase64'], bad.slice(-8));
  }
});

test('property: strings with characters outside base64 are refused', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /[^A-Za-z0-9+/=\s]/.test(s)), (s) => {
      const v = validateSendRequest(request({ attachments: [{ fileName: 'f', contentType: 'text/plain', contentBase64: s }] }), SENDER, OPTS);
      return v.problems.some((p) => p.field === 'attachments[0].contentBase64');
    }),
  );
});

/** Base64 as the validation defines it: the text, spaces and line breaks aside, is exactly what encoding its bytes gives. */
function canonicalBytes(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  const bytes = Buffer.from(compact, 'base64');
  return bytes.toString('base64') === compact ? bytes : null;
}

test('property: base64 is accepted exactly when it is canonical, whatever is changed in it', () => {
  // What Node's decoder reads leniently: padding, the URL-safe alphabet, non-ASCII read by its low byte
  // ("ń" is 0x144, read as "D"), stray characters, whitespace; and letters whose spare bits differ.
  const tricky = fc.constantFrom('=', '==', '-', '_', 'ń', 'Ł', '一', '*', ' ', '\r\n', 'A', 'B', 'Q', 'R', 'g', 'w', '+', '/');
  const mutated = fc
    .tuple(fc.uint8Array({ minLength: 0, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.boolean(), tricky), { maxLength: 3 }))
    .map(([bytes, edits]) => {
      let text = Buffer.from(bytes).toString('base64');
      for (const [at, replace, piece] of edits) {
        const i = text.length ? at % (text.length + 1) : 0;
        text = text.slice(0, i) + piece + text.slice(replace ? i + 1 : i);
      }
      return text;
    });
  fc.assert(
    fc.property(fc.oneof(mutated, fc.stringMatching(/^[AQgw+/=\-_ń ]{0,12}$/)), (text) => {
      const expected = canonicalBytes(text);
      const v = validateSendRequest(request({ attachments: [{ fileName: 'f', contentType: 'text/plain', contentBase64: text }] }), SENDER, OPTS);
      const refused = v.problems.some((p) => p.field === 'attachments[0].contentBase64');
      if (expected === null || expected.length === 0) return refused;
      return !refused && Buffer.compare(v.attachments[0].content, expected) === 0;
    }),
    { numRuns: 5_000 },
  );
});

test('fingerprint ignores recipient order and defaults, but not content', () => {
  const a = request();
  const decoded = validateSendRequest(a, SENDER, OPTS).attachments;
  const same = sendFingerprint({ ...a, recipients: [...a.recipients].reverse(), urgency: 'NORMAL' }, decoded);
  assert.equal(sendFingerprint(a, decoded), same);
  assert.notEqual(sendFingerprint({ ...a, subject: 'Khác' }, decoded), same);
});
