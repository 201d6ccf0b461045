import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SearchResults } from '../../src/subgraphs/documents/agency/search-cache';

const codes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}.${i}`);

test('a result is kept under its revision and dropped when a newer revision is seen', () => {
  const results = new SearchResults(100);
  assert.equal(results.get(1, 'a'), undefined);
  results.set(1, 'a', ['X', 'Y']);
  assert.deepEqual(results.get(1, 'a'), ['X', 'Y']);
  assert.equal(results.get(1, 'b'), undefined);
  assert.equal(results.get(2, 'a'), undefined, 'the directory changed');
  assert.equal(results.size, 0);
  // A reader that read revision 1 before the change finishes after it: what it read is not kept.
  results.set(1, 'a', ['X', 'Y']);
  assert.equal(results.get(2, 'a'), undefined);
  results.set(2, 'a', ['Y']);
  assert.deepEqual(results.get(2, 'a'), ['Y']);
});

test('a reader of an older revision, coming back after a newer one, neither gets nor empties what is kept', () => {
  const results = new SearchResults(100);
  results.get(2, 'a');
  results.set(2, 'a', ['Y']);
  assert.equal(results.get(1, 'a'), undefined);
  results.set(1, 'a', ['X', 'Y']);
  assert.deepEqual(results.get(2, 'a'), ['Y']);
  assert.equal(results.size, 2);
});

test('held within the bound, least recently used out first; too large a result is not kept', () => {
  const results = new SearchResults(30);
  results.get(1, '');
  results.set(1, 'a', codes(9, 'a'));
  results.set(1, 'b', codes(9, 'b'));
  results.set(1, 'c', codes(9, 'c'));
  assert.equal(results.size, 30);
  assert.ok(results.get(1, 'a'), 'a used again: b is now the least recently used');
  results.set(1, 'd', codes(4, 'd'));
  assert.equal(results.get(1, 'b'), undefined);
  assert.ok(results.get(1, 'a'));
  assert.ok(results.get(1, 'c'));
  assert.ok(results.get(1, 'd'));
  assert.ok(results.size <= 30);
  results.set(1, 'huge', codes(30, 'h'));
  assert.equal(results.get(1, 'huge'), undefined);
  assert.ok(results.get(1, 'a'), 'a result too large to keep evicts nothing');
});

test('empty results count against the bound, and a bound of 0 keeps nothing', () => {
  const results = new SearchResults(10);
  results.get(1, '');
  for (let i = 0; i < 50; i++) results.set(1, `absent ${i}`, []);
  assert.equal(results.size, 10);
  assert.deepEqual(results.get(1, 'absent 49'), []);
  assert.equal(results.get(1, 'absent 0'), undefined);
  const none = new SearchResults(0);
  none.get(1, '');
  none.set(1, 'a', []);
  assert.equal(none.get(1, 'a'), undefined);
});
