import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyChanges, SearchResults } from '../../src/subgraphs/documents/agency/search-cache';

const codes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}.${i}`);

test('a result is kept with the revision it was read at, and replaced only by one read at a newer revision', () => {
  const results = new SearchResults(100);
  assert.equal(results.get('a'), undefined);
  results.set(2, 'a', ['X', 'Y']);
  assert.deepEqual(results.get('a'), { revision: 2, codes: ['X', 'Y'] });
  assert.equal(results.get('b'), undefined);
  // A reader on another connection (PostgreSQL's pool) that read revision 1 comes back after it.
  results.set(1, 'a', ['X']);
  assert.deepEqual(results.get('a'), { revision: 2, codes: ['X', 'Y'] });
  results.set(3, 'a', ['Y']);
  assert.deepEqual(results.get('a'), { revision: 3, codes: ['Y'] });
  assert.equal(results.size, 2, 'the replaced result no longer counts');
});

test('held within the bound, least recently used out first; too large a result is not kept', () => {
  const results = new SearchResults(30);
  results.set(1, 'a', codes(9, 'a'));
  results.set(1, 'b', codes(9, 'b'));
  results.set(1, 'c', codes(9, 'c'));
  assert.equal(results.size, 30);
  assert.ok(results.get('a'), 'a used again: b is now the least recently used');
  results.set(1, 'd', codes(4, 'd'));
  assert.equal(results.get('b'), undefined);
  assert.ok(results.get('a'));
  assert.ok(results.get('c'));
  assert.ok(results.get('d'));
  assert.ok(results.size <= 30);
  results.set(1, 'huge', codes(30, 'h'));
  assert.equal(results.get('huge'), undefined);
  assert.ok(results.get('a'), 'a result too large to keep evicts nothing');
  results.set(2, 'a', codes(30, 'a'));
  assert.equal(results.get('a'), undefined, 'its newer result too large to keep: the older one is not kept either');
  assert.equal(results.size, 15);
});

test('empty results count against the bound, and a bound of 0 keeps nothing', () => {
  const results = new SearchResults(10);
  for (let i = 0; i < 50; i++) results.set(1, `absent ${i}`, []);
  assert.equal(results.size, 10);
  assert.deepEqual(results.get('absent 49')?.codes, []);
  assert.equal(results.get('absent 0'), undefined);
  const none = new SearchResults(0);
  none.set(1, 'a', []);
  assert.equal(none.get('a'), undefined);
});

test('changes applied: changed units that match are in their places, those that do not are gone', () => {
  const kept = ['000.00.01.H41', '000.00.03.H41', '000.00.05.H41', '000.00.07.H41'];
  assert.deepEqual(
    applyChanges(kept, ['000.00.03.H41', '000.00.04.H41', '000.00.09.H41', '000.00.00.A01', '000.00.05.H41'], ['000.00.04.H41', '000.00.09.H41', '000.00.00.A01', '000.00.05.H41']),
    ['000.00.00.A01', '000.00.01.H41', '000.00.04.H41', '000.00.05.H41', '000.00.07.H41', '000.00.09.H41'],
  );
  assert.deepEqual(applyChanges([], ['X'], ['X']), ['X']);
  assert.deepEqual(applyChanges(['X'], ['X'], []), []);
});

test('changes applied equal the search read anew, for any directory and any change', () => {
  const code = fc.stringMatching(/^[0-9A-Z]{1,3}(\.[0-9A-Z]{1,2}){0,2}$/);
  fc.assert(
    fc.property(fc.uniqueArray(code, { maxLength: 40 }), fc.uniqueArray(code, { maxLength: 40 }), fc.func(fc.boolean()), fc.func(fc.boolean()), (before, changedPart, matchedBefore, matchesNow) => {
      const sorted = (list: string[]) => [...list].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const universe = [...new Set([...before, ...changedPart])];
      const changed = new Set(changedPart);
      // Before: the units that matched; now: the unchanged ones as before, the changed ones as they are now.
      const was = sorted(universe.filter((c) => matchedBefore(c)));
      const now = sorted(universe.filter((c) => (changed.has(c) ? matchesNow(c) : matchedBefore(c))));
      assert.deepEqual(applyChanges(was, [...changed], [...changed].filter((c) => matchesNow(c))), now);
    }),
  );
});
