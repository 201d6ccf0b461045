/**
 * Directory searches' results, kept and brought up to date as the directory changes. A broad search ("bo
 * phan van thu" finds a fifth of a 120,000-unit directory) costs ~20 ms to match, count and order, on every
 * page and every repeat, while the directory changes only when it is imported or an operator edits it, and
 * people search for the same few things.
 *
 * Every write to agency that changes what a search reads (a unit added or removed, its code, folded name or
 * parent), by any writer and on any instance, moves the directory's revision and records the units it
 * changed (triggers, Migration20261202000000DirectoryChanges). A search reads the revision first and uses
 * only results read at that revision; kept results of an earlier revision are brought up to it by reading
 * again only the units changed since, when the log still holds them all and they are few. Matches are read
 * after the revision, so they are at least as new as the revision they are kept under, and a change visible
 * to a reader is never answered from before it.
 */
import type { Knex } from '@mikro-orm/knex';

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
 * Whether the database orders agency codes as JavaScript compares them, which bringing a kept result up to
 * date relies on to put a unit in its place. Codes are ASCII (agency-code.ts): SQLite's BINARY order is
 * JavaScript's; PostgreSQL's is only under a C collation (a linguistic one may skip the dots).
 */
export async function ordersCodesAsJavaScript(knex: Knex, postgres: boolean): Promise<boolean> {
  if (!postgres) return true;
  try {
    const { rows } = (await knex.raw(
      `select c.collation_name, d.datcollate, d.datlocprovider from information_schema.columns c cross join pg_database d
        where d.datname = current_database() and c.table_schema = current_schema() and c.table_name = 'agency' and c.column_name = 'code'`,
    )) as { rows: { collation_name: string | null; datcollate: string; datlocprovider: string }[] };
    const [row] = rows;
    if (!row) return false;
    const byteOrder = (name: string) => ['c', 'posix', 'c.utf-8', 'c.utf8', 'ucs_basic'].includes(name.toLowerCase());
    return row.collation_name !== null ? byteOrder(row.collation_name) : row.datlocprovider === 'c' && byteOrder(row.datcollate);
  } catch {
    // An older server without datlocprovider: results are read anew after every change, as they always may be.
    return false;
  }
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
