/**
 * Bulk generation of documents and deliveries straight into the documents database — not through the
 * API — for inboxes of any depth: 1,000,000 documents and 10,000,000 deliveries in minutes.
 *
 * Each chunk is one transaction of three INSERT … SELECT statements that let SQLite produce the rows
 * itself from a recursive CTE (the row counter), so no row crosses from JavaScript; the agencies and
 * citizens rows point at come from small TEMP lookup tables. Ids are given explicitly and in order,
 * so later sends through the API continue after them (SQLite's AUTOINCREMENT keeps the highest).
 *
 * What is generated: document d (1-based) is sent by senders[d % S] to K recipients
 * recipients[(d + k·⌊R/K⌋) % R], k = 0..K-1 (distinct, and every recipient gets the same share),
 * concerns C citizens, and was sent `spacingMs` after document d-1, the last one now. Its deliveries
 * are PENDING for the newest 1 % of documents and spread over ARRIVED…COMPLETED before that; their
 * status history (status_event) is not generated, as no scenario reads it.
 */
import { performance } from 'node:perf_hooks';
import { inTransaction, type Orm } from '../../src/shared/db';

export interface BulkSpec {
  documents: number;
  deliveriesPerDocument: number;
  recipients: readonly string[];
  senders: readonly string[];
  citizenIds: readonly string[];
  citizensPerDocument: number;
  /** Documents per transaction. */
  chunk?: number;
  spacingMs?: number;
  onProgress?: (documents: number) => void;
}

export interface BulkResult {
  documents: number;
  deliveries: number;
  ms: number;
}

/** Rows per INSERT … VALUES when filling the lookup tables (SQLite caps compound selects at 500). */
const VALUES_PER_STATEMENT = 400;

const COUNTER = 'WITH RECURSIVE s(n) AS (SELECT ? UNION ALL SELECT n + 1 FROM s WHERE n < ?)';
const URGENCY_OF = (doc: string) => `CASE WHEN ${doc} % 50 = 0 THEN 'FLASH' WHEN ${doc} % 10 = 0 THEN 'URGENT' ELSE 'NORMAL' END`;

export async function bulkGenerate(orm: Orm, spec: BulkSpec): Promise<BulkResult> {
  const started = performance.now();
  const K = spec.deliveriesPerDocument;
  const R = spec.recipients.length;
  const C = spec.citizensPerDocument;
  if (K < 1 || K > R) throw new RangeError(`deliveriesPerDocument must be 1..${R}`);
  if (C > spec.citizenIds.length) throw new RangeError(`citizensPerDocument must be at most ${spec.citizenIds.length}`);
  const connection = orm.em.getConnection();
  const run = (sql: string, params: unknown[] = []) => connection.execute(sql, params as never[], 'run');
  const [{ first }] = await connection.execute<{ first: number }[]>('select coalesce(max(id), 0) + 1 as first from document');
  const [{ firstDelivery }] = await connection.execute<{ firstDelivery: number }[]>('select coalesce(max(id), 0) + 1 as "firstDelivery" from delivery');
  if (firstDelivery !== (first - 1) * K + 1) throw new Error('bulkGenerate appends only to a database whose deliveries it generated');

  // For the run only: a page cache big enough that the delivery indexes' random inserts stay in memory,
  // and no journal — a generated database that a crash interrupts is thrown away, not recovered.
  await run('pragma cache_size = -1000000');
  await run('pragma journal_mode = off');
  await run('pragma synchronous = off');
  // Index builds sort; SQLite may use a helper thread for that.
  await run('pragma threads = 2');
  for (const [table, column, values] of [
    ['bench_recipient', 'code', spec.recipients],
    ['bench_sender', 'code', spec.senders],
    ['bench_citizen', 'personal_id', spec.citizenIds],
  ] as const) {
    await run(`create temp table if not exists ${table} (i integer primary key, ${column} text not null)`);
    await run(`delete from ${table}`);
    for (let i = 0; i < values.length; i += VALUES_PER_STATEMENT) {
      const part = values.slice(i, i + VALUES_PER_STATEMENT);
      await run(`insert into ${table} (i, ${column}) values ${part.map(() => '(?, ?)').join(', ')}`, part.flatMap((v, j) => [i + j, v]));
    }
  }

  // Secondary indexes are dropped for the load and rebuilt after it from their own stored definitions
  // (sqlite_master keeps the migration's CREATE INDEX): building an index by sorting once is far
  // cheaper than ten million random inserts into it.
  const indexes = await connection.execute<{ name: string; sql: string }[]>(
    `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('document', 'delivery', 'document_citizen')`,
  );
  for (const index of indexes) await run(`drop index ${index.name}`);

  const last = first + spec.documents - 1;
  const spacing = spec.spacingMs ?? 1_000;
  const t0 = Date.now() - spec.documents * spacing;
  const chunk = spec.chunk ?? 20_000;
  const step = Math.floor(R / K);
  const newest = last - Math.ceil(spec.documents / 100);
  for (let a = first; a <= last; a += chunk) {
    const b = Math.min(last, a + chunk - 1);
    await inTransaction(orm.em.fork(), async (em) => {
      const exec = (sql: string, params: unknown[]) => em.getConnection().execute(sql, params as never[], 'run', em.getTransactionContext());
      await exec(
        `${COUNTER} insert into document (id, client_request_id, request_hash, code_number, code_notation, document_type, subject,
           promulgation_place, promulgation_date, signer_name, signer_position, urgency, due_date, sender_code, sent_at, in_reply_to_id, supersedes_id)
         select n, 'bench-' || n, '${'0'.repeat(64)}', cast(n % 100000 as text), 'UBND-VP', 'Công văn',
           'Về việc triển khai kế hoạch chuyển đổi số năm 2026, văn bản số ' || n, 'Hà Nội', '2026-01-15', 'Nguyễn Văn An', 'Chủ tịch',
           ${URGENCY_OF('n')}, null, (select code from bench_sender where i = n % ?), ? + n * ?, null, null
         from s`,
        [a, b, spec.senders.length, t0 - first * spacing, spacing],
      );
      await exec(
        `${COUNTER} insert into delivery (id, document_id, recipient_code, redirected_from_code, urgency, status, status_before_recall, created_at, updated_at)
         select n, d, (select code from bench_recipient where i = (d + k * ?) % ?), null, ${URGENCY_OF('d')},
           case when d > ? then 'PENDING' else (case n % 4 when 0 then 'ARRIVED' when 1 then 'ACCEPTED' when 2 then 'PROCESSING' else 'COMPLETED' end) end,
           null, ? + d * ?, ? + d * ?
         from (select n, (n - 1) / ${K} + 1 as d, (n - 1) % ${K} as k from s)`,
        [(a - 1) * K + 1, b * K, step, R, newest, t0 - first * spacing, spacing, t0 - first * spacing, spacing],
      );
      if (C > 0) {
        await exec(
          `${COUNTER} insert into document_citizen (document_id, personal_id)
           select (n - 1) / ${C} + 1, (select personal_id from bench_citizen where i = (n - 1) % ?) from s`,
          [(a - 1) * C + 1, b * C, spec.citizenIds.length],
        );
      }
    });
    spec.onProgress?.(b - first + 1);
  }
  for (const index of indexes) await run(index.sql);
  await run('pragma cache_size = -2000');
  await run('pragma journal_mode = wal');
  await run('pragma synchronous = normal');
  return { documents: spec.documents, deliveries: spec.documents * K, ms: performance.now() - started };
}
