/**
 * Property-based tests (fast-check) of the validators a hostile caller reaches first: client JWTs,
 * the gateway's signed identity, cursors, calendar dates, attachment digests, and the audit log's
 * canonical form and hash chain.
 */
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHubError } from '../../src/shared/errors';
import { signIdentity, signToken, verifySignedIdentity, verifyToken, IDENTITY_HEADER, SIGNATURE_HEADER, type JwtKeys } from '../../src/shared/identity';
import { decodeCursor, encodeCursor } from '../../src/shared/pagination';
import { isCalendarDate } from '../../src/shared/scalars';
import { canonicalJson, chainEntries, entryHash, GENESIS_HASH, type AuditInput } from '../../src/subgraphs/documents/audit/audit-log';
import { validateSendRequest } from '../../src/subgraphs/documents/document/send-validation';

const KEYS: JwtKeys = { jwtSecret: 'unit-test-secret', jwtPreviousSecret: null, jwtClockSkewSeconds: 30 };
const GATEWAY_SECRET = 'unit-test-gateway-secret';

/** Runs fn; true when it threw the hub's UNAUTHENTICATED (or BAD_USER_INPUT), false when it returned. */
function refusedWith(code: string, fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (e) {
    if (isHubError(e) && e.code === code) return true;
    throw e;
  }
}

const flip = (text: string, at: number) => {
  const i = at % text.length;
  const c = text[i] === 'A' ? 'B' : 'A';
  return text.slice(0, i) + c + text.slice(i + 1);
};

/** A JWT's three segments as the bytes they decode to. */
const bytesOf = (token: string) => token.split('.').map((segment) => Buffer.from(segment, 'base64url').toString('hex')).join('.');

test('property: any token but one signed with the secret, HS256, with exp, is UNAUTHENTICATED', async () => {
  const good = await signToken(KEYS.jwtSecret, { sub: '000.00.00.G22', role: 'AGENCY' }, 600);
  assert.deepEqual(await verifyToken(KEYS, good), { sub: '000.00.00.G22', role: 'AGENCY' });
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string(), fc.nat({ max: good.length - 1 }).map((i) => flip(good, i))), async (token) => {
      // A segment's last base64url character carries bits no byte uses: A and B there decode alike, so
      // such a "change" is the same token, not a forgery.
      if (token === good || bytesOf(token) === bytesOf(good)) return true;
      try {
        await verifyToken(KEYS, token);
        return false;
      } catch (e) {
        return isHubError(e) && e.code === 'UNAUTHENTICATED';
      }
    }),
    { numRuns: 300 },
  );
});

test('property: the gateway signature fails if one character of the identity or the signature changes', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 35 }), fc.constantFrom('AGENCY', 'OPERATOR', 'ANALYST'), fc.nat(), fc.boolean(), (sub, role, at, inValue) => {
      const headers = signIdentity(GATEWAY_SECRET, { sub, role: role as 'AGENCY' });
      const value = headers[IDENTITY_HEADER];
      const signature = headers[SIGNATURE_HEADER];
      assert.deepEqual(verifySignedIdentity(GATEWAY_SECRET, value, signature), { sub, role });
      return refusedWith('UNAUTHENTICATED', () =>
        inValue ? verifySignedIdentity(GATEWAY_SECRET, flip(value, at), signature) : verifySignedIdentity(GATEWAY_SECRET, value, flip(signature, at)),
      );
    }),
  );
});

test('property: a signature is refused once older (or newer) than a minute, and under another secret', () => {
  fc.assert(
    fc.property(fc.integer({ min: 60_001, max: 10_000_000 }), fc.boolean(), (age, past) => {
      const now = 1_800_000_000_000;
      const h = signIdentity(GATEWAY_SECRET, { sub: 'x', role: 'AGENCY' }, past ? now - age : now + age);
      return (
        refusedWith('UNAUTHENTICATED', () => verifySignedIdentity(GATEWAY_SECRET, h[IDENTITY_HEADER], h[SIGNATURE_HEADER], now)) &&
        refusedWith('UNAUTHENTICATED', () => verifySignedIdentity('other', h[IDENTITY_HEADER], h[SIGNATURE_HEADER], now - (past ? age : -age)))
      );
    }),
  );
});

test('property: cursors round-trip, and anything else is BAD_USER_INPUT, never another error', () => {
  fc.assert(fc.property(fc.constantFrom('arrival', 'outbox', 'agency'), fc.string({ minLength: 1 }), (kind, value) => decodeCursor(kind, encodeCursor(kind, value)) === value));
  fc.assert(
    fc.property(fc.string(), (garbage) => {
      try {
        return encodeCursor('arrival', decodeCursor('arrival', garbage)) === garbage;
      } catch (e) {
        return isHubError(e) && e.code === 'BAD_USER_INPUT';
      }
    }),
    { numRuns: 500 },
  );
});

// The oracle is the Gregorian leap-year rule itself, not a JS Date: Date.UTC reads years 0–99 as 1900–1999.
test('property: isCalendarDate accepts exactly the days a calendar has', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
      const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
      const real = y >= 1 && d >= 1 && d <= daysInMonth;
      return isCalendarDate(text) === real;
    }),
    { numRuns: 2000 },
  );
});

const request = (attachment: { contentBase64: string; sha256?: string | null }) => ({
  clientRequestId: 'k',
  codeNumber: '1',
  codeNotation: 'CV',
  documentType: 'Công văn',
  subject: 'Về việc',
  promulgationPlace: 'Hà Nội',
  promulgationDate: '2026-01-01',
  signerName: 'A',
  signerPosition: 'B',
  recipients: ['000.00.00.H41'],
  attachments: [{ fileName: 'a.bin', contentType: 'application/octet-stream', ...attachment }],
});
const OPTS = { now: new Date('2026-11-27T00:00:00Z'), maxAttachmentBytes: 4096 };

test('property: an attachment digest is accepted exactly when it is the SHA-256 of the content', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 1, maxLength: 512 }), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), (bytes, other) => {
      const content = Buffer.from(bytes);
      const digest = createHash('sha256').update(content).digest('hex');
      const contentBase64 = content.toString('base64');
      const ok = validateSendRequest(request({ contentBase64, sha256: digest.toUpperCase() }), '000.00.00.G22', OPTS).problems;
      const wrong = validateSendRequest(request({ contentBase64, sha256: other }), '000.00.00.G22', OPTS).problems;
      return ok.length === 0 && (other.toLowerCase() === digest || wrong.some((p) => p.field === 'attachments[0].sha256'));
    }),
  );
});

test('property: validateSendRequest reports problems for any strings, and never throws', () => {
  const text = fc.string({ maxLength: 600 });
  fc.assert(
    fc.property(
      fc.record({ clientRequestId: text, codeNumber: text, codeNotation: text, documentType: text, subject: text, promulgationPlace: text, promulgationDate: text, signerName: text, signerPosition: text }),
      fc.array(text, { maxLength: 5 }),
      (fields, recipients) => {
        const { problems } = validateSendRequest({ ...fields, recipients }, '000.00.00.G22', OPTS);
        return problems.every((p) => typeof p.field === 'string' && p.message.length > 0);
      },
    ),
  );
});

const json = fc.jsonValue({ maxDepth: 3 });

test('property: canonicalJson does not depend on key order, and parses back to the same value', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), json), (object) => {
      const reversed = Object.fromEntries(Object.entries(object).reverse());
      return canonicalJson(object) === canonicalJson(reversed) && canonicalJson(JSON.parse(canonicalJson(object))) === canonicalJson(object);
    }),
  );
});

test('property: a chain links each entry to the previous hash, and changing any entry changes its hash', () => {
  const input = fc.record({
    actor: fc.string(),
    role: fc.constantFrom('AGENCY', 'OPERATOR', 'SYSTEM'),
    action: fc.constantFrom('document.sent', 'delivery.moved', 'agency.created'),
    target: fc.string(),
    state: fc.dictionary(fc.string(), json),
  }) as fc.Arbitrary<AuditInput>;
  fc.assert(
    fc.property(fc.array(input, { minLength: 1, maxLength: 8 }), fc.nat(), fc.string({ minLength: 1 }), (inputs, pick, extra) => {
      const entries = chainEntries(null, inputs, '2026-11-27T00:00:00.000Z');
      const linked = entries.every((e, i) => e.seq === i + 1 && e.prevHash === (i ? entries[i - 1].hash : GENESIS_HASH) && entryHash(e) === e.hash);
      const victim = entries[pick % entries.length];
      const changed = [
        { ...victim, actor: victim.actor + extra },
        { ...victim, target: victim.target + extra },
        { ...victim, state: { ...victim.state, [`x${extra}`]: extra } },
        { ...victim, seq: victim.seq + 1 },
        { ...victim, at: '2026-11-27T00:00:00.001Z' },
      ];
      return linked && changed.every((e) => entryHash(e) !== victim.hash);
    }),
  );
});
