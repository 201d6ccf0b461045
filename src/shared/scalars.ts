/**
 * The contract's two scalars, defined once so every subgraph prints and parses them the same way
 * (federation composes a scalar from all subgraphs; two definitions could drift apart).
 */
import { GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { badInput } from './errors';

const DATE_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when year, month (1–12) and day name a real day of the (proleptic Gregorian) calendar, from year 1. */
export function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  // The year is set on its own because Date.UTC reads 0–99 as 1900–1999; a day past the month's end
  // (02-30) rolls over into the next month, so a real day survives the round trip unchanged.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** True for a 'YYYY-MM-DD' string naming a real calendar day (so 2023-02-29 is refused). */
export function isCalendarDate(value: string): boolean {
  const m = DATE_FORMAT.exec(value);
  return m !== null && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function parseDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw badInput(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}`);
}

/** A bad value on the way out is the hub's fault, not the caller's: a plain error, reported as internal. */
function serializeDate(value: unknown): string {
  if (typeof value === 'string' && isCalendarDate(value)) return value;
  throw new TypeError(`Date cannot represent ${JSON.stringify(value)}`);
}

/**
 * A calendar date without time or zone, 'YYYY-MM-DD'. Kept as that string end to end: a JS Date would
 * carry a time and a zone and could shift the day.
 */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD (ISO 8601), without time or time zone.',
  serialize: serializeDate,
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw badInput('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

/** An instant, ISO 8601 with a time zone offset (graphql-scalars' RFC 3339 date-time). */
export const DateTimeScalar = DateTimeResolver;
