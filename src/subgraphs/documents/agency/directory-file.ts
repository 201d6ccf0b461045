/**
 * Reading an agency directory file (danh bạ cơ quan) as a stream of records, one per unit, each with
 * the line it starts on. Validation and storage are directory.ts's.
 *
 * Format, chosen by the file's extension:
 * - `.csv`: UTF-8 (a BOM is allowed), comma-separated with RFC 4180 quoting, one header row naming
 *   the columns in any order: code, name, parentCode, email, phone, address, website, active,
 *   successorCode. Only code and name are required.
 * - `.json`: an array of objects with the same fields, or an object whose first array-valued property
 *   holds them (a wrapped reply such as `{"total": 2, "agencies": [...]}`).
 * Field names are case-insensitive, and the real hub's names are aliases, so its agency list (SDK
 * `AgencyDetail`: id, code, name, pcode, mail, mobile, fax) loads as is: pcode = parentCode,
 * mail = email, mobile = phone. Other fields (id, fax, …) are ignored. `active` is true/false, 1/0 or
 * yes/no; empty means true. Empty values are null.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One unit as read from a directory file, after validation. */
export interface DirectoryEntry {
  code: string;
  name: string;
  parentCode: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  website: string | null;
  active: boolean;
  successorCode: string | null;
}

/** The fields of a directory file, in the order make-directory writes its columns. */
export const DIRECTORY_FIELDS: readonly (keyof DirectoryEntry)[] = [
  'code', 'name', 'parentCode', 'email', 'phone', 'address', 'website', 'active', 'successorCode',
];

export type DirectoryFields = Partial<Record<keyof DirectoryEntry, unknown>>;

/** A row of the file: its fields as written (not yet validated), or why it could not be read at all. */
export type DirectoryRecord = { line: number; fields: DirectoryFields } | { line: number; problem: string };

/** The file as a whole cannot be read as a directory; rows are never reported this way. */
export class DirectoryFileError extends Error {}

/** Lower-cased field name or alias → field. */
const FIELD_BY_NAME = new Map<string, keyof DirectoryEntry>([
  ...DIRECTORY_FIELDS.map((field) => [field.toLowerCase(), field] as const),
  ['pcode', 'parentCode'],
  ['mail', 'email'],
  ['mobile', 'phone'],
]);

/** The directory file formats, by extension. */
export function directoryFormat(file: string): 'csv' | 'json' | null {
  const extension = path.extname(file).toLowerCase();
  return extension === '.csv' ? 'csv' : extension === '.json' ? 'json' : null;
}

/** Streams the records of a directory file; throws DirectoryFileError or the file system's error. */
export async function* readDirectoryFile(file: string): AsyncGenerator<DirectoryRecord> {
  const format = directoryFormat(file);
  if (format === null) throw new DirectoryFileError(`${file}: a directory file must end in .csv or .json`);
  // Opened before streaming so a missing or unreadable file fails here, not inside the parser.
  const handle = await fs.promises.open(file, 'r');
  const input = handle.createReadStream();
  try {
    yield* format === 'csv' ? csvRecords(input) : jsonRecords(input);
  } finally {
    input.destroy();
  }
}

function csvHeader(names: string[]): (keyof DirectoryEntry | undefined)[] {
  const header = names.map((name) => FIELD_BY_NAME.get(name.trim().toLowerCase()));
  for (const field of ['code', 'name'] as const) {
    if (!header.includes(field)) {
      throw new DirectoryFileError(`the CSV header has no "${field}" column (found: ${names.join(', ')})`);
    }
  }
  const repeated = header.find((field, i) => field !== undefined && header.indexOf(field) !== i);
  if (repeated) throw new DirectoryFileError(`the CSV header names the "${repeated}" column twice (aliases included)`);
  return header;
}

/** The fields of one CSV row, with the line it starts on. */
type CsvRow = string[] & { line: number };

/**
 * A row with the wrong number of fields is reported and skipped; broken quoting stops the import with
 * csv-parse's error (it names the line), since every row after it may be misread. (csv-parse's own
 * skip_records_with_error and info options would do the same but nearly double the parsing time.)
 */
async function* csvRecords(input: Readable): AsyncGenerator<DirectoryRecord> {
  // csv-parse's context.lines is the row's last line, and it counts the \r and the \n of a CRLF inside
  // a quoted value as two lines: both are taken back to give the line a row starts on.
  let crlfsBefore = 0;
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (record, context): CsvRow => {
      const { breaks, crlfs } = lineBreaksIn(record);
      const line = context.lines - breaks - crlfsBefore;
      crlfsBefore += crlfs;
      return Object.assign(record, { line });
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  let header: (keyof DirectoryEntry | undefined)[] | undefined;
  for await (const record of parser as AsyncIterable<CsvRow>) {
    const { line } = record;
    if (header === undefined) {
      header = csvHeader(record);
    } else if (record.length !== header.length) {
      yield { line, problem: `has ${record.length} fields, the header ${header.length}` };
    } else {
      const fields: DirectoryFields = {};
      header.forEach((field, i) => {
        if (field !== undefined) fields[field] = record[i];
      });
      yield { line, fields };
    }
  }
  if (header === undefined) throw new DirectoryFileError('the CSV file is empty: a header row is required');
}

const LINE_BREAK = /[\r\n]/;

/** The \r and \n characters in a row's values, and how many of them pair up as CRLF. */
function lineBreaksIn(record: string[]): { breaks: number; crlfs: number } {
  let breaks = 0;
  let crlfs = 0;
  for (const value of record) {
    if (!LINE_BREAK.test(value)) continue;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === Char.Newline || c === Char.CarriageReturn) breaks++;
      if (c === Char.CarriageReturn && value.charCodeAt(i + 1) === Char.Newline) crlfs++;
    }
  }
  return { breaks, crlfs };
}

const enum Char {
  Newline = 10,
  CarriageReturn = 13,
  Quote = 34,
  Comma = 44,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  OpenBrace = 123,
  CloseBrace = 125,
}

/**
 * Splits the records array out of a JSON file chunk by chunk, tracking only nesting and strings, and
 * parses each element on its own, so memory stays one element deep whatever the file's size.
 */
async function* jsonRecords(input: Readable): AsyncGenerator<DirectoryRecord> {
  input.setEncoding('utf8');
  let depth = 0;
  /** The depth just inside the records array; 0 until it is found. */
  let recordsDepth = 0;
  let closed = false;
  let inString = false;
  let escaped = false;
  let line = 1;
  let element: string[] | null = null;
  let elementLine = 0;
  for await (const chunk of input as AsyncIterable<string>) {
    let from = 0;
    for (let i = 0; i < chunk.length && !closed; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === Char.Backslash) escaped = true;
        else if (c === Char.Quote) inString = false;
        continue;
      }
      if (c === Char.Newline) line++;
      if (c <= 32 || c === 0xfeff) continue;
      if (recordsDepth > 0 && depth === recordsDepth) {
        if (c === Char.Comma || c === Char.CloseBracket) {
          if (element !== null) {
            element.push(chunk.slice(from, i));
            yield jsonRecord(element.join(''), elementLine);
            element = null;
          }
          closed = c === Char.CloseBracket;
          continue;
        }
        if (element === null) {
          element = [];
          elementLine = line;
          from = i;
        }
      }
      if (c === Char.Quote) inString = true;
      else if (c === Char.OpenBracket || c === Char.OpenBrace) {
        if (depth === 0 && recordsDepth === 0 && c === Char.OpenBracket) recordsDepth = 1;
        else if (depth === 1 && recordsDepth === 0 && c === Char.OpenBracket) recordsDepth = 2;
        depth++;
      } else if (c === Char.CloseBracket || c === Char.CloseBrace) depth--;
      else if (depth === 0) throw new DirectoryFileError(`line ${line}: a JSON directory must be an array of agencies`);
    }
    if (element !== null) element.push(chunk.slice(from));
    if (closed) break;
  }
  if (!closed) {
    throw new DirectoryFileError(recordsDepth === 0 ? 'the JSON file holds no array of agencies' : 'the JSON file ends inside its array of agencies');
  }
}

function jsonRecord(text: string, line: number): DirectoryRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { line, problem: `not valid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, problem: 'not a JSON object' };
  const fields: DirectoryFields = {};
  for (const [name, fieldValue] of Object.entries(value)) {
    const field = FIELD_BY_NAME.get(name.toLowerCase());
    // With both a name and its alias (pcode and parentCode), the first non-empty one counts.
    if (field !== undefined && (fields[field] === undefined || fields[field] === null || fields[field] === '')) {
      fields[field] = fieldValue;
    }
  }
  return { line, fields };
}
