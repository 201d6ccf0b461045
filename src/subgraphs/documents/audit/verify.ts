/**
 * `npm run audit:verify`: checks the whole chain — every seq in turn, each entry's hash recomputed and
 * linked to the one before — then compares the mail tables with it: every document, delivery and status
 * event written since the log began must be in the log and still match it (a row edited, deleted or
 * slipped in behind the hub's back is caught). Directory rows are protected by the chain only: bulk
 * imports log a digest per batch, not each unit's state.
 *
 * What a chain alone cannot show is its own tail cut off; the report ends with the head (seq and hash)
 * for operators to note outside the hub and compare next time.
 */
import type { Orm } from '../../../shared/db';
import { Delivery, StatusEvent } from '../delivery/delivery.entity';
import { Attachment } from '../document/attachment.entity';
import { Document, DocumentCitizen, DocumentParcel } from '../document/document.entity';
import { AUDIT_TABLE, canonicalJson, entryHash, GENESIS_HASH, type AuditEntry } from './audit-log';
import { deliveryState, documentDigest, statusEventState } from './records';

export interface AuditProblem {
  /** The entry at fault, or null for a row the log has never heard of. */
  seq: number | null;
  message: string;
}

export interface AuditReport {
  entries: number;
  head: { seq: number; hash: string } | null;
  /** Rows compared with the log. */
  checked: { documents: number; deliveries: number; statusEvents: number };
  /** Sorted by seq (rows unknown to the log last); empty when all is well. problems[0] is the first broken entry. */
  problems: AuditProblem[];
}

const PAGE = 1000;
/** Past this many, further problems are only counted in the message of the last one. */
const MAX_PROBLEMS = 100;

interface Logged<T> {
  seq: number;
  state: T;
}

/** What the chain says each record should be, by id. */
interface Expected {
  baseline: Record<'document' | 'delivery' | 'status_event', number>;
  documents: Map<number, Logged<string>>;
  deliveries: Map<number, Logged<string>>;
  statusEvents: Map<number, Logged<string>>;
}

type Row = Record<string, unknown>;

function fromRow(r: Row): AuditEntry {
  return {
    seq: Number(r.seq),
    at: String(r.at),
    actor: String(r.actor),
    role: r.actor_role as AuditEntry['role'],
    action: r.action as AuditEntry['action'],
    target: String(r.target),
    state: JSON.parse(String(r.state)) as Record<string, unknown>,
    prevHash: String(r.prev_hash),
    hash: String(r.hash),
  };
}

/** Records what one entry says about the mail tables. */
function learn(expected: Expected, e: AuditEntry): void {
  const state = e.state as Record<string, any>;
  if (e.action === 'audit.started') expected.baseline = state.baseline;
  if (e.action === 'document.sent') {
    expected.documents.set(Number(e.target.split(':')[1]), { seq: e.seq, state: state.digest });
    for (const d of state.deliveries) expected.deliveries.set(d.id, { seq: e.seq, state: canonicalJson(d) });
  }
  if (e.action === 'delivery.moved' || e.action === 'delivery.recalled' || e.action === 'delivery.recall_answered') {
    expected.deliveries.set(state.delivery.id, { seq: e.seq, state: canonicalJson(state.delivery) });
    expected.statusEvents.set(state.event.id, { seq: e.seq, state: canonicalJson(state.event) });
  }
}

/** Walks the chain; stops at the first broken link, since nothing after it can be trusted. */
async function verifyChain(orm: Orm, report: AuditReport, expected: Expected): Promise<boolean> {
  const knex = orm.em.getKnex();
  let previous: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH };
  for (;;) {
    const rows: Row[] = await knex(AUDIT_TABLE).select('*').where('seq', '>', previous.seq).orderBy('seq').limit(PAGE);
    for (const row of rows) {
      const seq = Number(row.seq);
      let entry: AuditEntry;
      try {
        entry = fromRow(row);
      } catch {
        report.problems.push({ seq, message: `entry #${seq} cannot be read (its state is not JSON)` });
        return false;
      }
      const problem =
        seq !== previous.seq + 1
          ? `entry #${previous.seq + 1} is missing (the next one is #${seq})`
          : entry.prevHash !== previous.hash
            ? `entry #${seq} does not follow entry #${previous.seq} (its previous hash is not that entry's hash)`
            : entryHash(entry) !== entry.hash
              ? `entry #${seq} (${entry.action} ${entry.target}) was altered: its content no longer gives its hash`
              : seq === 1 && entry.action !== 'audit.started'
                ? 'entry #1 is not the start of the log'
                : null;
      if (problem) {
        report.problems.push({ seq: seq !== previous.seq + 1 ? previous.seq + 1 : seq, message: problem });
        return false;
      }
      learn(expected, entry);
      report.entries++;
      previous = { seq, hash: entry.hash };
      report.head = previous;
    }
    if (rows.length < PAGE) return true;
  }
}

/**
 * Compares one table, page by page, with what the log expects of each row after the baseline; then
 * reports what the log expects and the table no longer has.
 */
async function compare<T extends { id: number }>(
  report: AuditReport,
  what: string,
  after: number,
  expected: Map<number, Logged<string>>,
  page: (afterId: number) => Promise<T[]>,
  actual: (rows: T[]) => Promise<Map<number, string>>,
): Promise<number> {
  let checked = 0;
  const seen = new Set<number>();
  for (let last = after; ; ) {
    const rows = await page(last);
    const states = await actual(rows);
    for (const row of rows) {
      checked++;
      seen.add(row.id);
      const logged = expected.get(row.id);
      if (!logged) report.problems.push({ seq: null, message: `${what} ${row.id} is not in the audit log: it was written behind the hub's back` });
      else if (logged.state !== states.get(row.id)) {
        report.problems.push({ seq: logged.seq, message: `${what} ${row.id} no longer matches entry #${logged.seq}: it was changed behind the hub's back` });
      }
    }
    if (rows.length < PAGE) break;
    last = rows[rows.length - 1].id;
  }
  for (const [id, logged] of expected) {
    if (id > after && !seen.has(id)) report.problems.push({ seq: logged.seq, message: `${what} ${id}, recorded in entry #${logged.seq}, has been deleted` });
  }
  return checked;
}

export async function verifyAuditLog(orm: Orm): Promise<AuditReport> {
  const report: AuditReport = { entries: 0, head: null, checked: { documents: 0, deliveries: 0, statusEvents: 0 }, problems: [] };
  const expected: Expected = {
    baseline: { document: 0, delivery: 0, status_event: 0 },
    documents: new Map(),
    deliveries: new Map(),
    statusEvents: new Map(),
  };
  if (!(await verifyChain(orm, report, expected))) return report;
  const em = orm.em.fork();
  const pageOf = <T extends object>(entity: new () => T) => (afterId: number) =>
    em.find(entity, { id: { $gt: afterId } } as never, { orderBy: { id: 'asc' } as never, limit: PAGE });

  report.checked.documents = await compare(report, 'document', expected.baseline.document, expected.documents, pageOf(Document), async (docs) => {
    const ids = docs.map((d) => d.id);
    const [files, citizens, parcels] = await Promise.all([
      em.find(Attachment, { documentId: { $in: ids } }),
      em.find(DocumentCitizen, { documentId: { $in: ids } }),
      em.find(DocumentParcel, { documentId: { $in: ids } }),
    ]);
    const of = <R extends { documentId: number }>(rows: R[], id: number) => rows.filter((r) => r.documentId === id);
    return new Map(
      docs.map((d) => [d.id, documentDigest(d, of(files, d.id), of(citizens, d.id).map((c) => c.personalId), of(parcels, d.id).map((p) => p.parcelId))]),
    );
  });
  report.checked.deliveries = await compare(report, 'delivery', expected.baseline.delivery, expected.deliveries, pageOf(Delivery), async (rows) =>
    new Map(rows.map((d) => [d.id, canonicalJson(deliveryState(d))])),
  );
  report.checked.statusEvents = await compare(report, 'status event', expected.baseline.status_event, expected.statusEvents, pageOf(StatusEvent), async (rows) =>
    new Map(rows.map((e) => [e.id, canonicalJson(statusEventState(e))])),
  );
  report.problems.sort((a, b) => (a.seq ?? Infinity) - (b.seq ?? Infinity));
  if (report.problems.length > MAX_PROBLEMS) {
    const more = report.problems.length - MAX_PROBLEMS;
    report.problems = report.problems.slice(0, MAX_PROBLEMS);
    report.problems.push({ seq: null, message: `… and ${more} more` });
  }
  return report;
}
