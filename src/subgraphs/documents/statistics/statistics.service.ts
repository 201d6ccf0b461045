/**
 * Aggregate document statistics (thống kê) for analysts and operators: counts only, grouped by document
 * type, urgency, delivery status, sending or receiving agency, and month — never a subject, a name, a
 * note or an attachment (authorization.ts). Each grouping is one GROUP BY, run only when selected.
 */
import type { Knex } from '@mikro-orm/knex';
import { requireIdentity } from '../../../shared/auth';
import { isPostgres } from '../../../shared/db';
import { badInput, forbidden } from '../../../shared/errors';
import { pageSize } from '../../../shared/pagination';
import { mayReadStatistics } from '../authorization';
import type { DocumentsContext } from '../context';

/** Vietnam's offset (UTC+7, no daylight saving): days and months are counted in the agencies' time. */
const VN_OFFSET = '+07:00';

export interface Period {
  /** The first instant counted, or null from the beginning. */
  from: Date | null;
  /** The first instant no longer counted, or null up to now. */
  until: Date | null;
}

export type Grouping = 'documentType' | 'urgency' | 'status' | 'sender' | 'recipient' | 'month';

export interface GroupCount {
  key: string;
  count: number;
}

/** The period from..to (calendar dates, both included, Vietnam time); FORBIDDEN to agencies. */
export function statisticsPeriod(ctx: DocumentsContext, from?: string | null, to?: string | null): Period {
  const identity = requireIdentity(ctx);
  if (!mayReadStatistics(identity)) throw forbidden(`Statistics are for analysts and hub operators; the caller's role is ${identity.role}.`);
  const period: Period = {
    from: from ? new Date(`${from}T00:00:00${VN_OFFSET}`) : null,
    until: to ? new Date(new Date(`${to}T00:00:00${VN_OFFSET}`).getTime() + 86_400_000) : null,
  };
  if (period.from && period.until && period.from >= period.until) throw badInput([{ field: 'to', message: 'must not be before from' }]);
  return period;
}

/** Documents are counted by when they were sent, deliveries by when they were created (the same instant). */
function base(ctx: DocumentsContext, table: 'document' | 'delivery', period: Period): Knex.QueryBuilder {
  const knex = ctx.deps.orm.em.getKnex();
  const column = table === 'document' ? 'sent_at' : 'created_at';
  const stored = (d: Date) => ctx.deps.orm.em.getPlatform().processDateProperty(d) as Knex.Value;
  const q = knex(table);
  if (period.from) q.where(column, '>=', stored(period.from));
  if (period.until) q.where(column, '<', stored(period.until));
  return q;
}

export async function totalOf(ctx: DocumentsContext, table: 'document' | 'delivery', period: Period): Promise<number> {
  const [{ n }] = await base(ctx, table, period).count({ n: '*' });
  return Number(n);
}

/** The month of a document's sending, YYYY-MM in Vietnam time: the one expression that differs by dialect. */
function monthOf(ctx: DocumentsContext): string {
  return isPostgres(ctx.deps.orm.em)
    ? `to_char(sent_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`
    : `strftime('%Y-%m', sent_at / 1000, 'unixepoch', '+7 hours')`;
}

/** The `first` largest groups, largest first (ties by key); months in calendar order instead. */
export async function countBy(ctx: DocumentsContext, grouping: Grouping, period: Period, first: number): Promise<GroupCount[]> {
  const knex = ctx.deps.orm.em.getKnex();
  const [table, key] = ((): ['document' | 'delivery', string | Knex.Raw] => {
    switch (grouping) {
      case 'documentType': return ['document', 'document_type'];
      case 'urgency': return ['document', 'urgency'];
      case 'sender': return ['document', 'sender_code'];
      case 'status': return ['delivery', 'status'];
      case 'recipient': return ['delivery', 'recipient_code'];
      case 'month': return ['document', knex.raw(monthOf(ctx))];
    }
  })();
  const q = base(ctx, table, period).select({ key }).count({ n: '*' }).groupBy(key as string).limit(pageSize(first, 100));
  if (grouping === 'month') q.orderBy('key', 'asc');
  else q.orderBy([{ column: 'n', order: 'desc' }, { column: 'key', order: 'asc' }]);
  const rows: { key: string; n: number | string }[] = await q;
  return rows.map((r) => ({ key: String(r.key), count: Number(r.n) }));
}
