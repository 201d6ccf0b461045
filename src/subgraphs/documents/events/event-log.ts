/**
 * The event log (the transactional outbox): the `delivery` table is the arrival log (audience = the
 * recipient) and `status_event` the status log (audience = the document's sender). Their rows are
 * written in the transaction of the change they describe, so a rolled-back change leaves no event.
 * A row's id is its seq, the cursor subscribers resume from.
 *
 * Order. A reader that has delivered seq N must be able to trust that no seq below N will still appear.
 * SQLite has one writer at a time, so ids are allocated in commit order. On PostgreSQL, concurrent
 * transactions draw ids from a sequence and may commit out of that order, so every transaction that
 * writes events first takes one transaction-scoped advisory lock: ids are drawn and committed one
 * transaction at a time, a committed seq N means every lower seq is committed or rolled back for good,
 * and "everything after my cursor" is a stable, gap-free read for subscribers and the relay alike.
 * Chosen over per-audience locks (a send to 95 agencies would take 95 locks, in order, and the relay
 * could no longer read the log by one high-water mark) and over a relay that renumbers events after
 * commit (a second numbering, and inbox cursors that no longer equal arrival cursors). The cost is that
 * event-writing transactions run one at a time, as they always did on SQLite; they are a few
 * milliseconds long.
 */
import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/knex';
import { inTransaction, isPostgres, ROWS_PER_STATEMENT, type Orm } from '../../../shared/db';
import type { HubEvent, HubEventKind } from './event-bus';

/** The table each kind is logged in, and the column holding its audience. */
export const LOG: Record<HubEventKind, { table: string; audience: string }> = {
  arrival: { table: 'delivery', audience: 'recipient_code' },
  status: { table: 'status_event', audience: 'sender_code' },
};

export const EVENT_KINDS = Object.keys(LOG) as HubEventKind[];

/** pg_advisory_xact_lock's key: the two int4 halves spell "LT" "evnt", far from any other use. */
export const EVENT_LOG_LOCK = [0x4c54, 0x65766e74] as const;

/**
 * Runs `work` in a transaction that writes events, holding the event-log order lock (PostgreSQL) from
 * its first statement — before any row lock, so two such transactions can never deadlock on each other.
 */
export function inEventLogOrder<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return inTransaction(em, async (tx) => {
    if (isPostgres(tx)) {
      await tx.execute('select pg_advisory_xact_lock(?, ?)', [...EVENT_LOG_LOCK]);
    }
    return work(tx);
  });
}

interface LogRead {
  audience: string;
  after: number;
  limit: number;
}

/** One batching loader per database and kind (not cached: the log grows). */
const loaders = new WeakMap<Orm, Map<HubEventKind, DataLoader<LogRead, HubEvent[]>>>();

/**
 * Up to `limit` events of one kind and audience with seq > after, oldest first.
 *
 * The reads asked for in one turn of the event loop go to the database together, one statement (a
 * UNION ALL of each read, each on the audience's index) per ROWS_PER_STATEMENT: one send to 1,000
 * agencies wakes 1,000 subscriptions at once, and their 1,000 statements, one at a time through the
 * connection pool, held every arrival back ~300 ms before the first was delivered (fan-out benchmark).
 */
export function readLog(orm: Orm, kind: HubEventKind, audience: string, after: number, limit: number): Promise<HubEvent[]> {
  let kinds = loaders.get(orm);
  if (!kinds) loaders.set(orm, (kinds = new Map()));
  let loader = kinds.get(kind);
  if (!loader) {
    loader = new DataLoader((reads: readonly LogRead[]) => readTogether(orm, kind, reads), {
      cache: false,
      maxBatchSize: ROWS_PER_STATEMENT,
      // The next turn, not the end of this one: a wake-up reaches each subscription in its own callback.
      batchScheduleFn: (run) => setImmediate(run),
    });
    kinds.set(kind, loader);
  }
  return loader.load({ audience, after, limit });
}

async function readTogether(orm: Orm, kind: HubEventKind, reads: readonly LogRead[]): Promise<HubEvent[][]> {
  const { table, audience: column } = LOG[kind];
  // Each read is its own select, numbered, so each gets exactly its rows whatever the others ask. Written
  // out rather than built: knex's builder took ~6 ms to compile 200 of them. Run by knex with its
  // placeholders (as shared/read.ts reads are), so a wake-up of as many agencies as the last one reuses
  // its compiled statement, and db.ts's hook counts it.
  const select = (n: number) => `select * from (select id as seq, ${n} as n from ${table} where ${column} = ? and id > ? order by id limit ?) as r${n}`;
  const sql = reads.map((_, n) => select(n)).join(' union all ');
  const bindings = reads.flatMap((read) => [read.audience, read.after, read.limit]);
  const knex = orm.em.getKnex();
  const rows: { seq: number; n: number }[] = await knex.select('*').fromRaw(knex.raw(`(${sql}) as reads`, bindings));
  const found = reads.map((): HubEvent[] => []);
  for (const row of rows) found[Number(row.n)].push({ kind, seq: Number(row.seq), audience: reads[Number(row.n)].audience });
  return found.map((events) => events.sort((a, b) => a.seq - b.seq));
}

/** The newest seq of one kind and audience (0 if none): where a live-only subscription starts. */
export async function latestSeq(orm: Orm, kind: HubEventKind, audience: string): Promise<number> {
  const { table, audience: column } = LOG[kind];
  const [row] = await orm.em.getKnex()(table).max({ seq: 'id' }).where(column, audience);
  return Number(row?.seq ?? 0);
}

/** Up to `limit` events of one kind, every audience, with seq > after, oldest first: the relay's read. */
export async function readWholeLog(orm: Orm, kind: HubEventKind, after: number, limit: number): Promise<HubEvent[]> {
  const { table, audience } = LOG[kind];
  const rows: { id: number; audience: string }[] = await orm.em.getKnex()(table).select('id', { audience }).where('id', '>', after).orderBy('id').limit(limit);
  return rows.map((r) => ({ kind, seq: Number(r.id), audience: r.audience }));
}

/** The newest seq of one kind, every audience (0 if none). */
export async function newestSeq(orm: Orm, kind: HubEventKind): Promise<number> {
  const [row] = await orm.em.getKnex()(LOG[kind].table).max({ seq: 'id' });
  return Number(row?.seq ?? 0);
}
