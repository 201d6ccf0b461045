import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isQcvn102Code, isValidAgencyCode, parentOfQcvn102Code } from '../../src/subgraphs/documents/agency/agency-code';

const CODE_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');
const group = fc.array(fc.constantFrom(...CODE_CHARS), { minLength: 1, maxLength: 8 }).map((cs) => cs.join(''));
/** A QĐ 20/2020 code built the way the rule reads: dot-separated groups, 35 characters at most. */
const qd20Code = fc.array(group, { minLength: 1, maxLength: 6 }).map((gs) => gs.join('.')).filter((c) => c.length <= 35);

const digits = (n: number) => fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: n, maxLength: n }).map((ds) => ds.join(''));
const level1 = fc.tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')), digits(2)).map(([l, d]) => l + d);
/** Any LLL.KK.JJ.Xnn, whether or not its zeros obey the rule. */
const qcvnShaped = fc.tuple(digits(3), digits(2), digits(2), level1);
const isZero = (segment: string) => /^0+$/.test(segment);

test('QĐ 20/2020 examples', () => {
  for (const code of ['000.00.00.G22', '28.22.H17', '0100109106', 'G22', '000.00.18.G12']) assert.equal(isValidAgencyCode(code), true, code);
  for (const code of ['', '.G22', 'G22.', '000..G22', '000.00.00.g22', '000 00 00 G22', 'Đ01', '000.00.00.G22\n', 'A'.repeat(36)]) {
    assert.equal(isValidAgencyCode(code), false, JSON.stringify(code));
  }
  assert.equal(isValidAgencyCode('A'.repeat(35)), true);
});

test('property: every code built by the QĐ 20 rule is accepted', () => {
  fc.assert(fc.property(qd20Code, (code) => isValidAgencyCode(code)));
});

test('property: a character outside 0-9, A-Z and "." is refused wherever it is', () => {
  const stranger = fc.string({ minLength: 1, maxLength: 1 }).filter((c) => !/[0-9A-Z.]/.test(c));
  fc.assert(fc.property(qd20Code, stranger, fc.nat(), (code, c, at) => {
    const i = at % (code.length + 1);
    return !isValidAgencyCode(code.slice(0, i) + c + code.slice(i));
  }));
});

test('property: an empty group or a code over 35 characters is refused', () => {
  const breakGroup = fc.constantFrom((c: string) => `.${c}`, (c: string) => `${c}.`, (c: string) => `${c}..${c}`);
  fc.assert(fc.property(qd20Code, breakGroup, (code, broken) => !isValidAgencyCode(broken(code))));
  fc.assert(fc.property(fc.array(group, { minLength: 1, maxLength: 12 }).map((gs) => gs.join('.')).filter((c) => c.length > 35),
    (code) => !isValidAgencyCode(code)));
});

test('QCVN 102 examples: zeros only on the left', () => {
  for (const code of ['000.00.00.G22', '000.00.18.G12', '000.05.18.G12', '001.05.18.G12']) assert.equal(isQcvn102Code(code), true, code);
  for (const code of ['001.00.18.G12', '000.05.00.G12', '28.22.H17', '000.00.00.022', '000.00.00.G2', '0000.00.00.G22']) {
    assert.equal(isQcvn102Code(code), false, code);
  }
});

test('property: a QCVN 102 code is valid exactly when no non-zero level sits above a zero one', () => {
  fc.assert(fc.property(qcvnShaped, ([l4, l3, l2, l1]) => {
    const code = `${l4}.${l3}.${l2}.${l1}`;
    const expected = (isZero(l4) || !isZero(l3)) && (isZero(l3) || !isZero(l2));
    assert.equal(isQcvn102Code(code), expected, code);
    if (expected) assert.equal(isValidAgencyCode(code), true, 'every QCVN 102 code is also a QĐ 20 code');
  }));
});

test('parents in the QCVN 102 tree', () => {
  assert.equal(parentOfQcvn102Code('000.00.18.G12'), '000.00.00.G12');
  assert.equal(parentOfQcvn102Code('000.05.18.G12'), '000.00.18.G12');
  assert.equal(parentOfQcvn102Code('001.05.18.G12'), '000.05.18.G12');
  assert.equal(parentOfQcvn102Code('000.00.00.G12'), null);
  assert.equal(parentOfQcvn102Code('28.22.H17'), null);
  assert.equal(parentOfQcvn102Code('001.00.18.G12'), null);
});

test('property: walking up from a valid code reaches its top-level unit in at most three steps, staying valid', () => {
  const valid = qcvnShaped.map(([l4, l3, l2, l1]) => `${l4}.${l3}.${l2}.${l1}`).filter(isQcvn102Code);
  fc.assert(fc.property(valid, (code) => {
    const chain = [code];
    for (let parent = parentOfQcvn102Code(code); parent !== null; parent = parentOfQcvn102Code(parent)) chain.push(parent);
    assert.ok(chain.length <= 4);
    assert.ok(chain.every(isQcvn102Code));
    assert.equal(chain[chain.length - 1], `000.00.00.${code.slice(-3)}`);
  }));
});
