/**
 * What the directory search keeps, brought up to date as the directory changes: the directory itself, its
 * units' codes, folded names and parents (SearchableDirectory), which every search scans, and recent
 * searches' results (SearchResults), so that a repeat or the next page of a broad search ("bo phan van thu"
 * finds a fifth of a 120,000-unit directory) does not scan again, and after an edit only the units it
 * changed are tested again. The directory changes only when it is imported or an operator edits it, and
 * people search for the same few things.
 *
 * Every write to agency that changes what a search reads (a unit added or removed, its code, folded name or
 * parent), by any writer and on any instance, moves the directory's revision and records the units it
 * changed (triggers, Migration20261202000000DirectoryChanges). A search reads the revision first and uses
 * only what was read at that revision or later; the directory and kept results held at an earlier revision
 * are brought up to it with only the units changed since, when the log still holds them all and they are few.
 * Units are read after the revision, so they are at least as new as the revision they are kept under, and a
 * change visible to a reader is never answered from before it.
 */
import type { Knex } from '@mikro-orm/knex';
import { byCode, searchableUnits, withChanges, type SearchableUnit, type SearchableUnits } from './agency-search';

/** One row, one column: the directory's revision. */
export const DIRECTORY_REVISION_TABLE = 'directory_revision';

/** (revision, code): the units each revision changed. */
export const DIRECTORY_CHANGE_TABLE = 'directory_change';

/** The log holds this many revisions back; older rows are deleted as new ones come (the migration writes it into the triggers). */
export const DIRECTORY_CHANGES_KEPT = 10_000;

/** More changed units than this and a kept result is read anew rather than brought up to date. */
export const MAX_CHANGES_APPLIED = 1_000;

export async function directoryRevision(knex: Knex): Promise<number> {
  const [row] = await knex(DIRECTORY_REVISION_TABLE).select('revision');
  return Number(row.revision);
}

/**
 * The codes of the units changed after revision `from` up to `to`, or null when they cannot all be told:
 * more than MAX_CHANGES_APPLIED, or a revision with no record (pruned from the log, a PostgreSQL TRUNCATE,
 * or made before the log existed).
 */
export async function directoryChanges(knex: Knex, from: number, to: number): Promise<string[] | null> {
  // Every recorded revision lists at least one unit.
  if (to - from > MAX_CHANGES_APPLIED) return null;
  const rows: { revision: number | string; code: string }[] = await knex(DIRECTORY_CHANGE_TABLE)
    .select('revision', 'code')
    .where('revision', '>', from)
    .andWhere('revision', '<=', to)
    .limit(MAX_CHANGES_APPLIED + 1);
  if (rows.length > MAX_CHANGES_APPLIED) return null;
  if (new Set(rows.map((r) => Number(r.revision))).size !== to - from) return null;
  return [...new Set(rows.map((r) => r.code))];
}

/**
 * `codes` (ordered, as JavaScript compares) brought up to date: of the `changed` units, those `matching`
 * now are in it, in their places, and the others are not.
 */
export function applyChanges(codes: readonly string[], changed: readonly string[], matching: readonly string[]): string[] {
  const gone = new Set(changed);
  // sort() with no comparator orders strings by code unit, as < compares them.
  const added = [...new Set(matching)].sort();
  const result: string[] = [];
  let next = 0;
  for (const code of codes) {
    if (gone.has(code)) continue;
    while (next < added.length && added[next] < code) result.push(added[next++]);
    result.push(code);
  }
  while (next < added.length) result.push(added[next++]);
  return result;
}

const UNIT_COLUMNS = ['code', 'search_name', 'parent_code'];

/** The directory as the search reads it, with the revision it was read at (read after it). */
export interface DirectorySnapshot {
  revision: number;
  directory: SearchableUnits;
}

/**
 * The directory held in memory for the search (~290 bytes a unit): read whole the first time, then
 * brought up to date with the units each revision changed, or read whole again when they cannot all be
 * told (an import, a pruned log). Each snapshot is replaced, never changed (an edit's shares the chunks
 * it did not touch with the one before), so a search scanning one is not disturbed by the next.
 */
export class SearchableDirectory {
  private held: DirectorySnapshot | null = null;
  private reading: { revision: number; snapshot: Promise<DirectorySnapshot> } | null = null;

  /** The directory at `revision` (read before calling) or later. */
  async at(knex: Knex, revision: number): Promise<DirectorySnapshot> {
    if (this.held && this.held.revision >= revision) return this.held;
    // Searches arriving together after a change wait for one read.
    if (this.reading && this.reading.revision >= revision) return this.reading.snapshot;
    const reading = { revision, snapshot: this.read(knex, this.held, revision) };
    this.reading = reading;
    try {
      const snapshot = await reading.snapshot;
      if (!this.held || this.held.revision < snapshot.revision) this.held = snapshot;
      return snapshot;
    } finally {
      if (this.reading === reading) this.reading = null;
    }
  }

  private async read(knex: Knex, from: DirectorySnapshot | null, revision: number): Promise<DirectorySnapshot> {
    const changed = from ? await directoryChanges(knex, from.revision, revision) : null;
    if (from && changed) {
      const now: SearchableUnit[] = changed.length ? await knex('agency').select(UNIT_COLUMNS).whereIn('code', changed) : [];
      return { revision, directory: withChanges(from.directory, changed, now) };
    }
    const units: SearchableUnit[] = await knex('agency').select(UNIT_COLUMNS).orderBy('code');
    // The database's order may not be JavaScript's (a linguistic collation on PostgreSQL); sorting rows
    // already in order costs one comparison each.
    units.sort(byCode);
    return { revision, directory: searchableUnits(units) };
  }
}

export interface KeptResult {
  revision: number;
  codes: string[];
}

/**
 * Each search's matching codes, in the database's order, with the revision they were read at. Bounded by
 * the codes held (an entry counts one more, so empty results are bounded too), least recently used first
 * out; a result larger than the bound is not kept.
 */
export class SearchResults {
  private readonly entries = new Map<string, KeptResult>();
  private held = 0;

  constructor(private readonly maxCodes: number) {}

  get(key: string): KeptResult | undefined {
    const kept = this.entries.get(key);
    if (kept) {
      // A Map iterates in insertion order: re-inserting makes it the most recently used.
      this.entries.delete(key);
      this.entries.set(key, kept);
    }
    return kept;
  }

  /**
   * Keeps `codes` as read at `revision`, in place of an older result. Readers on other connections
   * (PostgreSQL's pool) may come back out of order: one that read an older revision replaces nothing.
   */
  set(revision: number, key: string, codes: string[]): void {
    const old = this.entries.get(key);
    if (old && old.revision >= revision) return;
    const cost = codes.length + 1;
    if (old) {
      this.entries.delete(key);
      this.held -= old.codes.length + 1;
    }
    if (cost > this.maxCodes) return;
    for (const [oldest, entry] of this.entries) {
      if (this.held + cost <= this.maxCodes) break;
      this.entries.delete(oldest);
      this.held -= entry.codes.length + 1;
    }
    this.entries.set(key, { revision, codes });
    this.held += cost;
  }

  /** What is held now, as counted against the bound. */
  get size(): number {
    return this.held;
  }
}
