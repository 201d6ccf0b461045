import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { indexAfter, matchingCodes, matchingOf, searchableUnits, searchTerms, withChanges, type SearchableUnit, type SearchableUnits } from '../../src/subgraphs/documents/agency/agency-search';
import { foldForSearch } from '../../src/shared/text';

const unit = (code: string, search_name: string, parent_code: string | null = null): SearchableUnit => ({ code, search_name, parent_code });

const UNITS = [
  unit('000.00.00.G22', 'van phong chinh phu'),
  unit('000.00.00.H41', 'ubnd tinh nghe an'),
  unit('000.00.01.H41', 'van phong ubnd tinh nghe an', '000.00.00.H41'),
  unit('000.00.02.H41', 'so tu phap 50% von', '000.00.00.H41'),
  unit('000.01.00.H41', 'ban quan ly du an_2', '000.00.00.H41'),
];

test('a blank search is no search', () => {
  for (const blank of [null, undefined, '', '   ']) assert.equal(searchTerms(blank), null);
});

test('names are matched folded, codes by their prefix upper-cased, % and _ as themselves', () => {
  const codes = (search: string, parent?: string) => matchingCodes(searchableUnits(UNITS), searchTerms(search)!, parent);
  assert.deepEqual(codes('Văn  Phòng'), ['000.00.00.G22', '000.00.01.H41']);
  assert.deepEqual(codes('NGHỆ AN'), ['000.00.00.H41', '000.00.01.H41']);
  assert.deepEqual(codes('000.00.0'), ['000.00.00.G22', '000.00.00.H41', '000.00.01.H41', '000.00.02.H41']);
  assert.deepEqual(codes('00.G22'), [], 'a code matches from its start only');
  assert.deepEqual(codes('50%'), ['000.00.02.H41']);
  assert.deepEqual(codes('%'), ['000.00.02.H41']);
  assert.deepEqual(codes('_'), ['000.01.00.H41']);
  assert.deepEqual(codes('an_2'), ['000.01.00.H41']);
  assert.deepEqual(codes('a_'), [], '_ is no wildcard');
  assert.deepEqual(codes('nghe an', '000.00.00.H41'), ['000.00.01.H41'], 'under a parent: its children only');
});

/** The search's definition, from every unit's name and code. */
function defined(units: readonly SearchableUnit[], search: string, parentCode?: string): string[] {
  const folded = foldForSearch(search);
  const prefix = search.trim().toUpperCase();
  return units.filter((u) => (parentCode === undefined || u.parent_code === parentCode) && (u.search_name.includes(folded) || u.code.startsWith(prefix))).map((u) => u.code);
}

test('the trigram signatures pass over no unit the search finds, for any names and any search', () => {
  const letters = fc.constantFrom(...'abn hgt.%_'.split(''));
  const text = fc.array(letters, { maxLength: 24 }).map((l) => l.join(''));
  const code = fc.stringMatching(/^[0-9A-C]{1,3}(\.[0-9A-C]{1,2}){0,2}$/);
  const directory = fc.uniqueArray(fc.record({ code, name: text, parent: fc.constantFrom(null, 'P1', 'P2') }), { selector: (u) => u.code, maxLength: 40 });
  fc.assert(
    fc.property(directory, fc.oneof(text, code), fc.constantFrom(undefined, 'P1'), (rows, search, parentCode) => {
      fc.pre(search.trim() !== '');
      const units = rows
        .map((r) => unit(r.code, foldForSearch(r.name), r.parent))
        .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
      // Names of the whole alphabet, so most units match something; then a search from within one of them.
      assert.deepEqual(matchingCodes(searchableUnits(units), searchTerms(search)!, parentCode), defined(units, search, parentCode));
      assert.deepEqual(matchingCodes(searchableUnits(units, 3), searchTerms(search)!, parentCode), defined(units, search, parentCode), 'in chunks of 3');
      for (const u of units.slice(0, 3)) {
        const inside = u.search_name.slice(1, 9);
        if (inside.trim()) assert.deepEqual(matchingCodes(searchableUnits(units), searchTerms(inside)!), defined(units, inside), inside);
      }
    }),
  );
});

test('paging resumes past the cursor, or past where it was when it no longer matches', () => {
  const codes = ['A', 'C', 'E'];
  assert.equal(indexAfter(codes, 'A'), 1);
  assert.equal(indexAfter(codes, 'B'), 1);
  assert.equal(indexAfter(codes, 'E'), 3);
  assert.equal(indexAfter(codes, '0'), 0);
  assert.equal(indexAfter([], 'A'), 0);
  fc.assert(
    fc.property(fc.uniqueArray(fc.string(), { maxLength: 30 }), fc.string(), (list, cursor) => {
      const sorted = [...list].sort();
      assert.deepEqual(sorted.slice(indexAfter(sorted, cursor)), sorted.filter((c) => c > cursor));
    }),
  );
});

/** The units of `directory` in order, and each one's signature (its words, stored word by word in a chunk), whatever its chunks. */
function flat(directory: SearchableUnits): { units: SearchableUnit[]; signatures: number[][] } {
  const signatureOf = ({ units, signatures }: SearchableUnits['chunks'][number], i: number) =>
    Array.from({ length: signatures.length / units.length }, (_, w) => signatures[w * units.length + i]);
  return { units: directory.chunks.flatMap((c) => c.units), signatures: directory.chunks.flatMap((c) => c.units.map((_, i) => signatureOf(c, i))) };
}

test('an edit applied: a renamed unit in its place with its new name, a removed one gone, new ones in order', () => {
  const updated = withChanges(
    searchableUnits(UNITS, 2),
    ['000.00.01.H41', '000.00.02.H41', '000.00.00.A01', '000.09.00.H41'],
    [unit('000.00.01.H41', 'phong noi vu'), unit('000.09.00.H41', 'xa tan phu'), unit('000.00.00.A01', 'van phong a')],
  );
  assert.deepEqual(
    flat(updated).units.map((u) => u.code),
    ['000.00.00.A01', '000.00.00.G22', '000.00.00.H41', '000.00.01.H41', '000.01.00.H41', '000.09.00.H41'],
  );
  assert.deepEqual(matchingCodes(updated, searchTerms('van phong')!), ['000.00.00.A01', '000.00.00.G22']);
  assert.deepEqual(matchingCodes(updated, searchTerms('noi vu')!), ['000.00.01.H41']);
  assert.deepEqual(matchingCodes(updated, searchTerms('tu phap')!), []);
  assert.ok(updated.chunks.every((c) => c.units.length > 0 && c.units.length <= 4), 'no chunk empty or past twice its size');
});

test('an edit applied searches as the directory indexed anew, for any directory, edit and chunk size: kept signatures copied to the units\' new places', () => {
  const code = fc.stringMatching(/^[0-9A-C]{1,2}(\.[0-9A-C]{1,2}){0,1}$/);
  const name = fc.constantFrom('van phong', 'so tu phap', 'ubnd xa tan phu', 'bo phan van thu', 'phong noi vu');
  const sorted = (units: SearchableUnit[]) => [...units].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  fc.assert(
    fc.property(fc.uniqueArray(code, { maxLength: 30 }), fc.func(name), fc.uniqueArray(code, { maxLength: 15 }), fc.func(fc.option(name)), fc.integer({ min: 1, max: 8 }), (codes, nameOf, changed, nameNow, chunkUnits) => {
      const before = sorted(codes.map((c) => ({ code: c, search_name: nameOf(c), parent_code: null })));
      const now = changed.flatMap((c) => {
        const renamed = nameNow(c);
        return renamed === null ? [] : [{ code: c, search_name: renamed, parent_code: null }];
      });
      const gone = new Set(changed);
      const anew = searchableUnits(sorted([...before.filter((u) => !gone.has(u.code)), ...now]));
      const updated = withChanges(searchableUnits(before, chunkUnits), changed, now);
      assert.deepEqual(flat(updated), flat(anew));
      assert.ok(updated.chunks.every((c) => c.units.length > 0 && c.units.length <= 2 * chunkUnits));
      for (const search of ['van', 'phong', 'tan phu', 'A']) assert.deepEqual(matchingCodes(updated, searchTerms(search)!), matchingCodes(anew, searchTerms(search)!));
    }),
  );
});

test('the changed units a search finds are told from the directory, absent ones found by none', () => {
  const codes = ['000.00.00.G22', '000.00.01.H41', '000.01.00.H41', '000.00.00.A01', 'ZZZ'];
  for (const chunkUnits of [1, 2, 1024]) {
    const directory = searchableUnits(UNITS, chunkUnits);
    assert.deepEqual(matchingOf(directory, codes, searchTerms('van phong')!), ['000.00.00.G22', '000.00.01.H41'], `chunks of ${chunkUnits}`);
    assert.deepEqual(matchingOf(directory, codes, searchTerms('van phong')!, '000.00.00.H41'), ['000.00.01.H41']);
    assert.deepEqual(matchingOf(directory, codes, searchTerms('000.01')!), ['000.01.00.H41']);
    assert.deepEqual(matchingOf(searchableUnits([]), codes, searchTerms('van phong')!), []);
  }
});
