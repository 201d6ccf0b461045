/**
 * Substring and prefix search with SQL LIKE, the caller's own % and _ taken literally: plain SQL
 * (LIKE … ESCAPE), so it runs the same on SQLite and PostgreSQL.
 */
import { foldForSearch } from './text';

/** '!' rather than backslash: backslash in a string literal means different things in SQLite and PostgreSQL. */
const ESCAPE = '!';

/** The condition for whereRaw: `column` LIKE the parameter, a pattern built with likeLiteral (or containsPattern). */
export function likeCondition(column: string): string {
  return `${column} like ? escape '${ESCAPE}'`;
}

/** `text` with LIKE's wildcards (and the escape character) escaped, so that it matches only itself: "50%" -> "50!%". */
export function likeLiteral(text: string): string {
  return text.replace(/[!%_]/g, (c) => ESCAPE + c);
}

/** The LIKE parameter that finds folded text containing `text`: "Hà Nội" -> "%ha noi%". */
export function containsPattern(text: string): string {
  return `%${likeLiteral(foldForSearch(text))}%`;
}
