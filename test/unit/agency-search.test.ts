import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codePrefixRange, trigramPhrase } from '../../src/subgraphs/documents/agency/agency-search';

test('the FTS5 phrase quotes the folded text whole: only a double quote is doubled, % _ * and ( stay characters', () => {
  assert.equal(trigramPhrase('van phong'), '"van phong"');
  assert.equal(trigramPhrase('50% _ * ( ) : ^ - or not near'), '"50% _ * ( ) : ^ - or not near"');
  assert.equal(trigramPhrase('"mot cua"'), '"""mot cua"""');
  assert.equal(trigramPhrase('a\\b'), '"a\\b"');
});

test('the code range holds exactly the codes starting with the prefix', () => {
  const [from, to] = codePrefixRange('000.00.01');
  const inRange = (code: string) => code >= from && code < to;
  for (const code of ['000.00.01', '000.00.01.H41', '000.00.01Z']) assert.ok(inRange(code), code);
  for (const code of ['000.00.00.H41', '000.00.02', '000.00.0', '000.00.1', '100.00.01.H41']) assert.ok(!inRange(code), code);
  // A prefix that is no code finds none, as LIKE 'prefix%' did.
  const [f2, t2] = codePrefixRange('VAN PHONG');
  assert.ok(!('000.00.00.G22' >= f2 && '000.00.00.G22' < t2));
});
