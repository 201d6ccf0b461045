/**
 * Substring search over the folded columns (searchName, searchResidence, searchAddress): a LIKE with the
 * caller's own % and _ taken literally. LIKE … ESCAPE is plain SQL, so it runs the same on PostgreSQL.
 */
import { foldForSearch } from '../../shared/text';

/** '!' rather than backslash: backslash in a string literal means different things in SQLite and PostgreSQL. */
const ESCAPE = '!';

/** The condition for QueryBuilder.andWhere: `column` contains the parameter built by containsPattern. */
export function containsCondition(column: string): string {
  return `${column} like ? escape '${ESCAPE}'`;
}

/** The LIKE parameter that finds folded text containing `text`: "Hà Nội" -> "%ha noi%". */
export function containsPattern(text: string): string {
  return `%${foldForSearch(text).replace(/[!%_]/g, (c) => ESCAPE + c)}%`;
}
