/**
 * The directory search's condition (listAgencies): the unit's name, folded (shared/text.ts), contains the
 * folded text, or its code starts with the text upper-cased. Every character is itself: % and _ are no
 * wildcards. It is tested on the directory held in memory (search-cache.ts SearchableDirectory), not by
 * the database: a broad search matches a fifth of a 120,000-unit directory, and a substring index (FTS5
 * trigrams, pg_trgm) took ~20–80 ms to find, count and order such a match, where the units' trigram
 * signatures in memory pass over most non-matching names without reading them.
 */
import { foldForSearch } from '../../../shared/text';

/** A unit as the search reads it (agency's columns): its code, folded name and parent. */
export interface SearchableUnit {
  code: string;
  search_name: string;
  parent_code: string | null;
}

export interface SearchTerms {
  folded: string;
  codePrefix: string;
}

/** What `search` looks for, or null for a blank search, which finds all. */
export function searchTerms(search: string | null | undefined): SearchTerms | null {
  if (search == null || search.trim() === '') return null;
  return { folded: foldForSearch(search), codePrefix: search.trim().toUpperCase() };
}

/**
 * Each unit's trigrams hashed into a signature of SIGNATURE_WORDS 32-bit words. A name that contains the
 * search holds every trigram of it, so a unit whose signature lacks a bit of the search's is passed over
 * without reading its name: a name of ~70 characters sets ~50 of the 256 bits (the synthetic directory
 * of 120,000 units), so a search of five trigrams lets ~1 in 3,000 non-matching units through to the
 * substring test.
 */
const SIGNATURE_WORDS = 8;

/** ORs the signature of `text` into `into`: its word w at `at` + w × `stride`. */
function addSignature(text: string, into: Uint32Array, at: number, stride: number): void {
  for (let i = 0; i + 3 <= text.length; i++) {
    const hash = Math.imul(text.charCodeAt(i) * 961 + text.charCodeAt(i + 1) * 31 + text.charCodeAt(i + 2), 0x9e3779b1) >>> 24;
    into[at + (hash >>> 5) * stride] |= 1 << (hash & 31);
  }
}

/**
 * Units ordered by code (as JavaScript compares), with their signatures word by word: word w of unit i at
 * w × units.length + i. A scan tests one word of every unit first, and those words lie side by side
 * (each unit's signature whole in a row, the scan read 32 bytes a unit for the 4 it mostly needs; fix 32
 * in bench/changes.ts).
 */
interface UnitChunk {
  units: readonly SearchableUnit[];
  signatures: Uint32Array;
}

/**
 * The directory's units ordered by code, in chunks of about `chunkUnits`: an edit copies the chunks it
 * touches and shares the others with the directory it came from.
 */
export interface SearchableUnits {
  chunks: readonly UnitChunk[];
  chunkUnits: number;
}

/** Units per chunk: an edit copies ~1,000 units' references and 32 KiB of signatures, not the directory. */
const CHUNK_UNITS = 1024;

/** `units`, ordered by code, indexed for the search. */
export function searchableUnits(units: readonly SearchableUnit[], chunkUnits = CHUNK_UNITS): SearchableUnits {
  const chunks: UnitChunk[] = [];
  for (let from = 0; from < units.length; from += chunkUnits) chunks.push(chunkOf(units.slice(from, from + chunkUnits)));
  return { chunks, chunkUnits };
}

function chunkOf(units: readonly SearchableUnit[]): UnitChunk {
  const signatures = new Uint32Array(units.length * SIGNATURE_WORDS);
  units.forEach((unit, i) => addSignature(unit.search_name, signatures, i, units.length));
  return { units, signatures };
}

/** A chunk of `units`, each one's signature copied from its place in `old` (`oldIndexes`), or computed where that is null. */
function chunkFrom(old: UnitChunk, units: readonly SearchableUnit[], oldIndexes: readonly (number | null)[]): UnitChunk {
  const count = units.length;
  const oldCount = old.units.length;
  const signatures = new Uint32Array(count * SIGNATURE_WORDS);
  oldIndexes.forEach((oldIndex, i) => {
    if (oldIndex === null) addSignature(units[i].search_name, signatures, i, count);
    else for (let w = 0; w < SIGNATURE_WORDS; w++) signatures[w * count + i] = old.signatures[w * oldCount + oldIndex];
  });
  return { units, signatures };
}

/**
 * `from` with the `changed` units as they are `now` (a changed unit not in `now` is gone). Only the chunks
 * a change falls in are made anew, their kept units' signatures copied, not computed again.
 */
export function withChanges(from: SearchableUnits, changed: readonly string[], now: readonly SearchableUnit[]): SearchableUnits {
  const { chunkUnits } = from;
  const chunks = [...from.chunks];
  if (chunks.length === 0) return searchableUnits([...now].sort(byCode), chunkUnits);
  const touched = new Map<number, { gone: Set<string>; added: Map<string, SearchableUnit> }>();
  const touch = (code: string) => {
    const at = chunkFor(chunks, code);
    let edit = touched.get(at);
    if (!edit) touched.set(at, (edit = { gone: new Set(), added: new Map() }));
    return edit;
  };
  for (const code of changed) touch(code).gone.add(code);
  for (const unit of now) touch(unit.code).added.set(unit.code, unit);
  for (const [at, { gone, added }] of touched) {
    const old = chunks[at];
    const insert = [...added.values()].sort(byCode);
    // The chunk's units in order, each with its place in the old chunk (null: indexed anew).
    const units: SearchableUnit[] = [];
    const oldIndexes: (number | null)[] = [];
    let next = 0;
    const push = (unit: SearchableUnit, oldIndex: number | null) => {
      units.push(unit);
      oldIndexes.push(oldIndex);
    };
    old.units.forEach((unit, i) => {
      while (next < insert.length && insert[next].code < unit.code) push(insert[next++], null);
      if (!gone.has(unit.code)) push(unit, i);
    });
    while (next < insert.length) push(insert[next++], null);
    chunks[at] = chunkFrom(old, units, oldIndexes);
  }
  // Chunks emptied go; chunks grown past twice the size are split.
  const result: UnitChunk[] = [];
  for (const chunk of chunks) {
    if (chunk.units.length <= 2 * chunkUnits) {
      if (chunk.units.length > 0) result.push(chunk);
      continue;
    }
    for (let from = 0; from < chunk.units.length; from += chunkUnits) {
      const units = chunk.units.slice(from, from + chunkUnits);
      result.push(chunkFrom(chunk, units, units.map((_, k) => from + k)));
    }
  }
  return { chunks: result, chunkUnits };
}

/** Orders units by code, as < compares strings (codes are ASCII, agency-code.ts). */
export function byCode(a: SearchableUnit, b: SearchableUnit): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

/** The codes of the units the search finds, under `parentCode` when one is given, in their order. */
export function matchingCodes(directory: SearchableUnits, terms: SearchTerms, parentCode?: string | null): string[] {
  const { codePrefix } = terms;
  const wanted = new Uint32Array(SIGNATURE_WORDS);
  addSignature(terms.folded, wanted, 0, 1);
  // The words with the most bits wanted first: a unit is least likely to hold them all.
  const words = [...wanted.keys()].filter((w) => wanted[w] !== 0).sort((a, b) => bitCount(wanted[b]) - bitCount(wanted[a]));
  // Signed, as & yields them, so that a word with bit 31 wanted compares equal.
  const masks = Int32Array.from(words, (w) => wanted[w]);
  const codes: string[] = [];
  for (const { units, signatures } of directory.chunks) {
    // Codes are ordered: those starting with the prefix are one run, which the signatures must not pass over.
    const prefixFrom = lowerBound(units, codePrefix);
    let prefixTo = prefixFrom;
    while (prefixTo < units.length && units[prefixTo].code.startsWith(codePrefix)) prefixTo++;
    const starts = Int32Array.from(words, (w) => w * units.length);
    // Most units lack a bit of the first word wanted: tested here, one read each, side by side. A search
    // of under three characters has no trigram, so no word wanted: 0 of word 0 passes every unit.
    const firstStart = starts.length ? starts[0] : 0;
    const firstMask = masks.length ? masks[0] : 0;
    for (let i = 0; i < units.length; i++) {
      const prefixed = i >= prefixFrom && i < prefixTo;
      if (!prefixed && ((signatures[firstStart + i] & firstMask) !== firstMask || !holdsRest(signatures, starts, masks, i))) continue;
      if (finds(units[i], terms, parentCode)) codes.push(units[i].code);
    }
  }
  return codes;
}

/** Whether unit `unit`'s signature has every bit of `masks` after the first, the words wanted that start at `starts`. */
function holdsRest(signatures: Uint32Array, starts: Int32Array, masks: Int32Array, unit: number): boolean {
  for (let k = 1; k < masks.length; k++) if ((masks[k] & signatures[starts[k] + unit]) !== masks[k]) return false;
  return true;
}

function bitCount(word: number): number {
  let count = 0;
  for (let rest = word; rest !== 0; rest &= rest - 1) count++;
  return count;
}

/** The search's condition on one unit. */
function finds(unit: SearchableUnit, terms: SearchTerms, parentCode: string | null | undefined): boolean {
  if (parentCode != null && unit.parent_code !== parentCode) return false;
  return unit.code.startsWith(terms.codePrefix) || unit.search_name.includes(terms.folded);
}

/** Those of `codes` whose units the search finds, under `parentCode` when one is given. */
export function matchingOf(directory: SearchableUnits, codes: readonly string[], terms: SearchTerms, parentCode?: string | null): string[] {
  const { chunks } = directory;
  return codes.filter((code) => {
    const units = chunks[chunkFor(chunks, code)]?.units ?? [];
    const unit = units[lowerBound(units, code)];
    return unit?.code === code && finds(unit, terms, parentCode);
  });
}

/** The chunk that holds `code` or would: the last whose first code is not above it (the first for any below). */
function chunkFor(chunks: readonly UnitChunk[], code: string): number {
  return Math.max(0, partitionPoint(chunks.length, (i) => chunks[i].units[0].code <= code) - 1);
}

/** The index of the first unit whose code is not below `code`. */
function lowerBound(units: readonly SearchableUnit[], code: string): number {
  return partitionPoint(units.length, (i) => units[i].code < code);
}

/** Where paging resumes after the unit `code` in `codes` (ordered): past it, or past where it would be (it may no longer match). */
export function indexAfter(codes: readonly string[], code: string): number {
  return partitionPoint(codes.length, (i) => codes[i] <= code);
}

/** The first of `count` indexes for which `before` is false, `before` being true up to some index and false after. */
function partitionPoint(count: number, before: (i: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (before(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}
