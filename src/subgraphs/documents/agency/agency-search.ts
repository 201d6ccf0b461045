/**
 * The directory search's condition (listAgencies): the unit's name, folded (shared/text.ts), contains the
 * folded text, or its code starts with the text upper-cased. The caller's own % and _ are characters, not
 * wildcards. Each database answers it from its own substring index (Migration20261129000000AgencySearch):
 * on PostgreSQL pg_trgm serves the LIKE as written; on SQLite the name goes to the FTS5 trigram table.
 */
import type { Knex } from '@mikro-orm/knex';
import { containsPattern, likeCondition, likeLiteral } from '../../../shared/like';
import { foldForSearch } from '../../../shared/text';

/** SQLite's FTS5 table over agency.search_name, kept by triggers. */
export const AGENCY_SEARCH_TABLE = 'agency_search';

/** A trigram index sees nothing in shorter text: such a search reads every name (it is rare and matches most). */
const TRIGRAM_LENGTH = 3;

/**
 * The FTS5 query that finds exactly the names containing `folded`: one quoted phrase, in which only the
 * double quote is special (doubled). With the trigram tokenizer a phrase is its consecutive trigrams, that
 * is, the substring; % and _ are plain characters there.
 */
export function trigramPhrase(folded: string): string {
  return `"${folded.replace(/"/g, '""')}"`;
}

/**
 * Bounds of the codes starting with `prefix`, for an index range: SQLite's LIKE prefix cannot use the
 * primary key's index (LIKE ignores case, the index does not). Codes are upper-case ASCII (agency-code.ts)
 * and the prefix is upper-cased, so the range holds exactly what `code LIKE 'prefix%'` matched.
 */
export function codePrefixRange(prefix: string): [string, string] {
  return [prefix, `${prefix}\u{10FFFF}`];
}

/**
 * Restricts `q` (over the agency table) to the units `search` finds; false for a blank search, which finds
 * all. `fewRows`: `q` already picks out a few units by code, which are better tested one by one than found
 * through the index (on SQLite the index's match would be read whole first).
 */
export function whereAgencyMatches(q: Knex.QueryBuilder, search: string | null | undefined, postgres: boolean, fewRows = false): boolean {
  if (search == null || search.trim() === '') return false;
  const folded = foldForSearch(search);
  const code = search.trim().toUpperCase();
  const indexed = !fewRows && [...folded].length >= TRIGRAM_LENGTH;
  q.where((or) => {
    if (postgres) {
      or.whereRaw(likeCondition('search_name'), [containsPattern(search)]).orWhereRaw(likeCondition('code'), [`${likeLiteral(code)}%`]);
      return;
    }
    if (indexed) {
      or.whereRaw(`agency.rowid in (select rowid from ${AGENCY_SEARCH_TABLE} where ${AGENCY_SEARCH_TABLE} match ?)`, [trigramPhrase(folded)]);
    } else {
      or.whereRaw(likeCondition('search_name'), [containsPattern(search)]);
    }
    const [from, to] = codePrefixRange(code);
    or.orWhere((range) => range.where('code', '>=', from).andWhere('code', '<', to));
  });
  return true;
}
