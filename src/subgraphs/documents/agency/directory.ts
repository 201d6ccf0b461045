/**
 * The agency directory (danh bạ cơ quan): the seed written on first start, and the import of an
 * official directory file (CSV or JSON, format in directory-file.ts).
 *
 * Rows are validated one by one and a bad row is reported with its line and reasons, never failing the
 * others. When a row whose code has the QCVN 102 shape gives no parent, the parent is derived from the
 * code (000.00.18.G12 → 000.00.00.G12) if that unit is in the file (before or after the row) or already
 * in the database; otherwise it stays null.
 *
 * Rows are upserted in batches of about 1,000, each in one transaction: one lookup of the stored units,
 * then multi-row INSERT … ON CONFLICT (code) DO UPDATE of only the rows that are new or differ from the
 * stored unit, and one audit log entry naming the codes written and a digest of the rows. So importing the same file twice leaves the table as it was (updated_at included) and
 * reports 0 new, 0 updated.
 */
import { performance } from 'node:perf_hooks';
import { statementSlices, type Orm } from '../../../shared/db';
import { sha256Hex } from '../../../shared/digest';
import type { FieldProblem } from '../../../shared/errors';
import type { Logger } from '../../../shared/logger';
import { foldForSearch } from '../../../shared/text';
import { Agency } from './agency.entity';
import { isValidAgencyCode, parentOfQcvn102Code } from './agency-code';
import { DIRECTORY_FIELDS, readDirectoryFile, type DirectoryEntry, type DirectoryFields, type DirectoryRecord } from './directory-file';
import { SEED_AGENCIES } from './seed-data';
import { canonicalJson, inAuditedTransaction, type AuditInput } from '../audit/audit-log';

export interface RejectedRow {
  /** The line the row starts on in the file (1 = the first line, the CSV header). */
  line: number;
  code: string | null;
  problems: FieldProblem[];
}

export interface ImportProgress {
  /** Data rows read so far, rejected ones included. */
  read: number;
  inserted: number;
  updated: number;
  /** Rows identical to the stored unit, so not written. */
  unchanged: number;
  rejected: number;
}

export interface ImportSummary extends ImportProgress {
  /** Rows without a parent whose parent was derived from their QCVN 102 code. */
  parentsDerived: number;
  /** The first MAX_KEPT_REJECTIONS rejected rows; `rejected` counts them all. */
  rejections: RejectedRow[];
  durationMs: number;
}

export interface ImportOptions {
  /** Called after each committed batch (about every BATCH_SIZE rows) and once at the end. */
  onProgress?: (progress: ImportProgress) => void;
}

/**
 * Rows per transaction: large enough that the per-commit cost vanishes, small enough that a batch
 * commits in milliseconds, so the hub's other writers are never held up by an import.
 */
const BATCH_SIZE = 1_000;
/** A file of garbage would otherwise keep one report per line in memory. */
const MAX_KEPT_REJECTIONS = 1_000;

/** Stored columns by field; search_name and updated_at are computed. */
const COLUMN_OF: Record<keyof DirectoryEntry, string> = {
  code: 'code',
  name: 'name',
  parentCode: 'parent_code',
  email: 'email',
  phone: 'phone',
  address: 'address',
  website: 'website',
  active: 'active',
  successorCode: 'successor_code',
};
const UPDATED_COLUMNS = [...DIRECTORY_FIELDS.filter((f) => f !== 'code').map((f) => COLUMN_OF[f]), 'search_name', 'updated_at'];

type AgencyRow = Record<string, unknown>;
type LengthLimits = Partial<Record<keyof DirectoryEntry, number>>;

function toRow(entry: DirectoryEntry, updatedAt: unknown): AgencyRow {
  const row: AgencyRow = { search_name: foldForSearch(entry.name), updated_at: updatedAt };
  for (const field of DIRECTORY_FIELDS) row[COLUMN_OF[field]] = entry[field];
  return row;
}

/** True when the stored row already says what the entry says; SQLite returns booleans as 0/1. */
function isUnchanged(stored: AgencyRow, entry: DirectoryEntry): boolean {
  return DIRECTORY_FIELDS.every((field) =>
    field === 'active' ? Boolean(stored.active) === entry.active : stored[COLUMN_OF[field]] === entry[field],
  );
}

/** Now, in the form the ORM stores datetimes in (epoch milliseconds on SQLite), so entities read it back. */
function storedNow(orm: Orm): unknown {
  return orm.em.getPlatform().processDateProperty(new Date());
}

/** Who the audit log names for an import: the command, run by whoever operates the hub's host. */
const IMPORT_ACTOR = 'agencies:import';

/** One audit entry for rows written in bulk: which codes, and a digest of exactly what was written. */
function directoryEntry(action: 'directory.seeded' | 'directory.imported', actor: string, rows: AgencyRow[]): AuditInput {
  return { actor, role: 'SYSTEM', action, target: 'directory', state: { codes: rows.map((r) => r.code), rowsSha256: sha256Hex(canonicalJson(rows)) } };
}

/**
 * Inserts the seed (seed-data.ts) when the agency table is empty, in one transaction, so a new hub can
 * address the national top level before the official directory is imported. Returns the rows inserted.
 */
export async function seedDirectoryIfEmpty(orm: Orm, logger: Logger): Promise<number> {
  const updatedAt = storedNow(orm);
  const inserted = await inAuditedTransaction(orm.em, async (trx) => {
    const [{ count }] = await trx('agency').count({ count: '*' });
    if (Number(count) > 0) return { result: 0, audit: null };
    const rows = SEED_AGENCIES.map((seed) =>
      toRow({ ...seed, phone: null, address: null, active: true, successorCode: null }, updatedAt),
    );
    await trx('agency').insert(rows);
    return { result: rows.length, audit: directoryEntry('directory.seeded', 'hub', rows) };
  });
  if (inserted > 0) {
    const samples = SEED_AGENCIES.filter((seed) => seed.source === 'sample').length;
    logger.info({ agencies: inserted, sampleCodes: samples }, 'agency directory was empty: seeded the national top level');
  }
  return inserted;
}

/** Limits from the entity's column lengths, so the directory never accepts what the schema cannot hold. */
function lengthLimits(orm: Orm): LengthLimits {
  const properties = orm.getMetadata().get(Agency.name).properties;
  const limits: LengthLimits = {};
  for (const field of DIRECTORY_FIELDS) {
    const length = properties[field as keyof Agency]?.length;
    if (typeof length === 'number') limits[field] = length;
  }
  return limits;
}

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** Validates one record; returns the entry, or every problem found with it. */
function toEntry(record: DirectoryFields, limits: LengthLimits): DirectoryEntry | FieldProblem[] {
  const problems: FieldProblem[] = [];
  const text = (field: keyof DirectoryEntry): string | null => {
    const value = record[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' && typeof value !== 'number') {
      problems.push({ field, message: 'must be text' });
      return null;
    }
    const trimmed = String(value).trim();
    const limit = limits[field];
    if (limit !== undefined && trimmed.length > limit) problems.push({ field, message: `is longer than ${limit} characters` });
    return trimmed === '' ? null : trimmed;
  };
  const agencyCode = (field: keyof DirectoryEntry): string | null => {
    const code = text(field);
    if (code !== null && !isValidAgencyCode(code)) {
      problems.push({ field, message: `"${code}" is not an agency code (QĐ 20/2020: up to 35 characters, dot-separated groups of 0-9 and A-Z)` });
    }
    return code;
  };

  const code = agencyCode('code');
  if (code === null) problems.push({ field: 'code', message: 'is required' });
  const name = text('name');
  if (name === null) problems.push({ field: 'name', message: 'is required' });
  const parentCode = agencyCode('parentCode');
  const successorCode = agencyCode('successorCode');
  for (const [field, other] of [['parentCode', parentCode], ['successorCode', successorCode]] as const) {
    if (other !== null && other === code) problems.push({ field, message: 'is the unit itself' });
  }
  const email = text('email');
  if (email !== null && !EMAIL_SHAPE.test(email)) problems.push({ field: 'email', message: `"${email}" is not an e-mail address` });

  let active = true;
  const rawActive = record.active;
  if (typeof rawActive === 'boolean') active = rawActive;
  else {
    const word = text('active')?.toLowerCase();
    if (word !== undefined && FALSE_WORDS.has(word)) active = false;
    else if (word !== undefined && !TRUE_WORDS.has(word)) problems.push({ field: 'active', message: `"${word}" is not true/false, 1/0 or yes/no` });
  }

  if (problems.length > 0 || code === null || name === null) return problems;
  return { code, name, parentCode, email, phone: text('phone'), address: text('address'), website: text('website'), active, successorCode };
}

/** Validates one unit by the import's rules (code, lengths from the schema, e-mail shape); the operators' directory mutations use it too. */
export function validateDirectoryEntry(orm: Orm, fields: DirectoryFields): DirectoryEntry | FieldProblem[] {
  return toEntry(fields, lengthLimits(orm));
}

/** The state of one import: counters, the codes seen so far, the batch being filled. */
class DirectoryImport {
  private readonly limits: LengthLimits;
  readonly summary: ImportSummary = {
    read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, parentsDerived: 0, rejections: [], durationMs: 0,
  };
  /** Every accepted code with its line: finds duplicates, and parents listed anywhere in the file. */
  private readonly seen = new Map<string, number>();
  private batch: DirectoryEntry[] = [];
  /** Children whose derived parent was neither in the file yet nor in the database when written. */
  private readonly deferred: { code: string; parentCode: string }[] = [];

  constructor(
    private readonly orm: Orm,
    private readonly onProgress: ImportOptions['onProgress'],
  ) {
    this.limits = lengthLimits(orm);
  }

  async add(record: DirectoryRecord): Promise<void> {
    this.summary.read++;
    if ('problem' in record) return this.reject(record.line, null, [{ field: 'row', message: record.problem }]);
    const entry = toEntry(record.fields, this.limits);
    if (Array.isArray(entry)) {
      const code = record.fields.code;
      return this.reject(record.line, typeof code === 'string' ? code : null, entry);
    }
    const firstLine = this.seen.get(entry.code);
    if (firstLine !== undefined) {
      return this.reject(record.line, entry.code, [{ field: 'code', message: `duplicate of line ${firstLine}` }]);
    }
    this.seen.set(entry.code, record.line);
    this.batch.push(entry);
    if (this.batch.length >= BATCH_SIZE) await this.flush();
  }

  private reject(line: number, code: string | null, problems: FieldProblem[]): void {
    this.summary.rejected++;
    if (this.summary.rejections.length < MAX_KEPT_REJECTIONS) this.summary.rejections.push({ line, code, problems });
  }

  /** Writes the batch in one transaction: one lookup, then multi-row upserts of what changed. */
  async flush(): Promise<void> {
    const batch = this.batch;
    this.batch = [];
    if (batch.length === 0) return;
    // Parents to derive; a parent later in this batch is already in `seen`.
    const orphans = batch.flatMap((entry) => {
      const parentCode = entry.parentCode === null ? parentOfQcvn102Code(entry.code) : null;
      return parentCode === null ? [] : [{ entry, parentCode }];
    });
    const lookup = new Set(batch.map((entry) => entry.code));
    for (const { parentCode } of orphans) if (!this.seen.has(parentCode)) lookup.add(parentCode);

    const updatedAt = storedNow(this.orm);
    const counts = await inAuditedTransaction(this.orm.em, async (trx) => {
      const stored = new Map<string, AgencyRow>();
      for (const row of await trx('agency').select<AgencyRow[]>('*').whereIn('code', [...lookup])) stored.set(String(row.code), row);
      const derived = orphans.filter(({ entry, parentCode }) => {
        if (this.seen.has(parentCode) || stored.has(parentCode)) entry.parentCode = parentCode;
        else this.deferred.push({ code: entry.code, parentCode });
        return entry.parentCode !== null;
      }).length;

      const rows: AgencyRow[] = [];
      let inserted = 0;
      for (const entry of batch) {
        const before = stored.get(entry.code);
        if (before && isUnchanged(before, entry)) continue;
        if (!before) inserted++;
        rows.push(toRow(entry, updatedAt));
      }
      // The lookup and the write share the transaction; ON CONFLICT still keeps a unit written by another
      // process in between from failing the batch.
      // A batch is several statements in its transaction: SQLite caps a multi-row insert (statementSlices).
      for (const slice of statementSlices(rows)) await trx('agency').insert(slice).onConflict('code').merge(UPDATED_COLUMNS);
      return {
        result: { inserted, updated: rows.length - inserted, unchanged: batch.length - rows.length, derived },
        audit: rows.length ? directoryEntry('directory.imported', IMPORT_ACTOR, rows) : null,
      };
    });
    this.summary.inserted += counts.inserted;
    this.summary.updated += counts.updated;
    this.summary.unchanged += counts.unchanged;
    this.summary.parentsDerived += counts.derived;
    this.progress();
  }

  /** Links the children whose parent came later in the file than their batch. */
  async linkDeferredParents(): Promise<void> {
    const links = this.deferred.filter(({ parentCode }) => this.seen.has(parentCode));
    if (links.length === 0) return;
    const updatedAt = storedNow(this.orm);
    await inAuditedTransaction(this.orm.em, async (trx) => {
      for (const { code, parentCode } of links) {
        await trx('agency').where({ code }).update({ parent_code: parentCode, updated_at: updatedAt });
      }
      return { result: undefined, audit: { actor: IMPORT_ACTOR, role: 'SYSTEM', action: 'directory.imported', target: 'directory', state: { parentsLinked: links } } };
    });
    this.summary.parentsDerived += links.length;
  }

  progress(): void {
    const { read, inserted, updated, unchanged, rejected } = this.summary;
    this.onProgress?.({ read, inserted, updated, unchanged, rejected });
  }
}

/**
 * Imports an official directory file (format: see directory-file.ts) into the agency table,
 * streaming it and upserting in batches. Rows are committed batch by batch, so a run stopped half-way
 * keeps what it wrote, and running it again completes it. Throws DirectoryFileError when the file as a
 * whole cannot be read (unknown extension, missing header columns, not a JSON array); a bad row is
 * only reported in the summary.
 */
export async function importDirectory(orm: Orm, file: string, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const run = new DirectoryImport(orm, options.onProgress);
  for await (const record of readDirectoryFile(file)) await run.add(record);
  await run.flush();
  await run.linkDeferredParents();
  run.progress();
  run.summary.durationMs = Math.round(performance.now() - started);
  return run.summary;
}
