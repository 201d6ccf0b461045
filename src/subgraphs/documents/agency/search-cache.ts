/**
 * Directory searches' results, kept until the directory next changes. A broad search ("bo phan van thu"
 * finds a fifth of a 120,000-unit directory) costs ~20 ms to match, count and order, on every page and
 * every repeat, while the directory changes only when it is imported or an operator edits it, and people
 * search for the same few things.
 *
 * Every write to agency, by any writer and on any instance, moves the directory's revision (triggers,
 * Migration20261201000000DirectoryRevision). A search reads the revision first and uses only results read
 * at that revision; the matches themselves are read after it, so they are at least as new as the revision
 * they are kept under, and a change visible to a reader is never answered from before it.
 */
import type { Knex } from '@mikro-orm/knex';

/** One row, one column: the directory's revision. */
export const DIRECTORY_REVISION_TABLE = 'directory_revision';

export async function directoryRevision(knex: Knex): Promise<number> {
  const [row] = await knex(DIRECTORY_REVISION_TABLE).select('revision');
  return Number(row.revision);
}

/**
 * Each search's matching codes, in the database's order, under one revision: a newer revision empties it.
 * Bounded by the codes held (an entry counts one more, so empty results are bounded too), least recently
 * used first out; a result larger than the bound is not kept.
 */
export class SearchResults {
  private revision: number | null = null;
  private readonly entries = new Map<string, string[]>();
  private held = 0;

  constructor(private readonly maxCodes: number) {}

  get(revision: number, key: string): string[] | undefined {
    // Readers on other connections (PostgreSQL's pool) may come back out of order: one that read an older
    // revision neither gets nor empties what was kept for the newer one.
    if (this.revision !== null && revision < this.revision) return undefined;
    if (revision !== this.revision) {
      this.entries.clear();
      this.held = 0;
      this.revision = revision;
      return undefined;
    }
    const codes = this.entries.get(key);
    if (codes) {
      // A Map iterates in insertion order: re-inserting makes it the most recently used.
      this.entries.delete(key);
      this.entries.set(key, codes);
    }
    return codes;
  }

  /** Kept only if `revision` is still the newest seen: a slower reader's older result is dropped. */
  set(revision: number, key: string, codes: string[]): void {
    const cost = codes.length + 1;
    if (revision !== this.revision || cost > this.maxCodes || this.entries.has(key)) return;
    for (const [oldest, old] of this.entries) {
      if (this.held + cost <= this.maxCodes) break;
      this.entries.delete(oldest);
      this.held -= old.length + 1;
    }
    this.entries.set(key, codes);
    this.held += cost;
  }

  /** What is held now, as counted against the bound. */
  get size(): number {
    return this.held;
  }
}
