import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, invalidTransition, notFound } from '../../../shared/errors';
import { decodeSeqCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../../shared/pagination';
import { requireIdentity } from '../../../shared/auth';
import type { Identity } from '../../../shared/identity';
import { requireCallerAgency } from '../agency/agency.service';
import { appendAudit } from '../audit/audit-log';
import { moveEntry } from '../audit/records';
import { mayMoveDelivery, mayRecall } from '../authorization';
import { forgetLoadedData, type DocumentsContext } from '../context';
import { Document, type Urgency } from '../document/document.entity';
import { loadVisibleDocument } from '../document/document.service';
import type { HubEvent } from '../events/event-bus';
import { inEventLogOrder } from '../events/event-log';
import { columnOf, countEntities, readEntities } from '../../../shared/read';
import { Delivery, StatusEvent } from './delivery.entity';
import { answerRecallMove, recallMove, recipientMove, type DeliveryStatus, type Move } from './status-machine';

/** An inbox edge's cursor is the arrival event's cursor: documentArrived(after:) accepts either. */
export const ARRIVAL_CURSOR = 'arrival';
export const STATUS_CURSOR = 'status';

const NOTE_LIMIT = 500;

export interface InboxFilter {
  status?: DeliveryStatus[] | null;
  urgency?: Urgency[] | null;
  first: number;
  after?: string | null;
}

/** Deliveries addressed to the calling agency, newest first. */
export async function inbox(ctx: DocumentsContext, filter: InboxFilter): Promise<Connection<Delivery>> {
  const me = await requireCallerAgency(ctx);
  const size = pageSize(filter.first, 20);
  const { orm } = ctx.deps;
  const column = (property: keyof Delivery & string) => columnOf(orm, Delivery, property);
  const where = (q: Knex.QueryBuilder) => {
    q.where(column('recipientCode'), me.code);
    if (filter.status?.length) q.whereIn(column('status'), filter.status);
    if (filter.urgency?.length) q.whereIn(column('urgency'), filter.urgency);
    return q;
  };
  const before = filter.after != null ? decodeSeqCursor(ARRIVAL_CURSOR, filter.after) : undefined;
  const rows = await readEntities(orm, Delivery, (q) => {
    where(q);
    if (before !== undefined) q.where(column('id'), '<', before);
    return q.orderBy(column('id'), 'desc').limit(size + 1);
  });
  for (const d of rows) ctx.loaders.delivery.prime(d.id, d);
  return toConnection(rows, size, (d) => encodeCursor(ARRIVAL_CURSOR, d.id), () => countEntities(orm, Delivery, where));
}

function checkNote(note: string | null | undefined, field = 'note'): void {
  if (note != null && note.length > NOTE_LIMIT) throw badInput([{ field, message: `must be at most ${NOTE_LIMIT} characters` }]);
}

/**
 * Applies one move inside a transaction. The update is conditional on the status read, so two clerks
 * acting at once cannot both win: the second gets CONFLICT and nothing is written for it.
 */
async function applyMove(
  tx: EntityManager,
  delivery: Delivery,
  senderCode: string,
  move: Move,
  change: { by: string; note: string | null; now: Date },
): Promise<StatusEvent> {
  const { by, note, now } = change;
  const changed = await tx.nativeUpdate(
    Delivery,
    { id: delivery.id, status: delivery.status },
    { status: move.status, updatedAt: now, ...(move.statusBeforeRecall !== undefined ? { statusBeforeRecall: move.statusBeforeRecall } : {}) },
  );
  if (changed !== 1) throw conflict(`Delivery ${delivery.id} was changed by someone else just now; reload it and try again.`);
  // Inserted, not created and flushed: see inTransaction (shared/db.ts).
  const fields = { deliveryId: delivery.id, senderCode, status: move.status, statusCode: move.statusCode, at: now, byAgencyCode: by, note };
  const event: StatusEvent = { id: Number(await tx.insert(StatusEvent, fields)), ...fields };
  const after = { status: move.status, statusBeforeRecall: move.statusBeforeRecall !== undefined ? move.statusBeforeRecall : delivery.statusBeforeRecall };
  await appendAudit(tx, [moveEntry(delivery, after, event)], now);
  return event;
}

/** Lets another way in (edXML) record what it knows of a status change, in the transaction that writes it. */
export type OnStatusEvent = (tx: EntityManager, event: StatusEvent) => Promise<void>;

function statusEvents(events: StatusEvent[]): HubEvent[] {
  return events.map((e) => ({ kind: 'status' as const, seq: e.id, audience: e.senderCode }));
}

/** Loads a delivery the caller receives, for the recipient's own moves. */
async function ownDelivery(tx: EntityManager, deliveryId: number, caller: Identity): Promise<{ delivery: Delivery; document: Document }> {
  const delivery = await tx.findOne(Delivery, { id: deliveryId });
  if (!delivery) throw notFound(`Delivery ${deliveryId} does not exist.`);
  if (!mayMoveDelivery(caller, delivery.recipientCode)) {
    throw forbidden(`Only the recipient (${delivery.recipientCode}) can change the status of delivery ${deliveryId}.`);
  }
  const document = await tx.findOneOrFail(Document, { id: delivery.documentId });
  return { delivery, document };
}

async function recipientAction(
  ctx: DocumentsContext,
  deliveryId: number,
  decide: (delivery: Delivery) => Move,
  note: string | null,
  onEvent?: OnStatusEvent,
): Promise<Delivery> {
  const me = await requireCallerAgency(ctx);
  checkNote(note);
  const em = ctx.deps.orm.em.fork();
  const event = await inEventLogOrder(em, async (tx) => {
    const { delivery, document } = await ownDelivery(tx, deliveryId, requireIdentity(ctx));
    const written = await applyMove(tx, delivery, document.senderCode, decide(delivery), { by: me.code, note, now: ctx.deps.now() });
    await onEvent?.(tx, written);
    return written;
  });
  ctx.deps.bus.publish(statusEvents([event]));
  forgetLoadedData(ctx);
  return em.fork().findOneOrFail(Delivery, { id: deliveryId });
}

export function updateDeliveryStatus(
  ctx: DocumentsContext,
  deliveryId: number,
  status: DeliveryStatus,
  note: string | null,
  onEvent?: OnStatusEvent,
): Promise<Delivery> {
  return recipientAction(ctx, deliveryId, (d) => recipientMove(d.status, status, note), note, onEvent);
}

export function answerRecall(ctx: DocumentsContext, deliveryId: number, agree: boolean, note: string | null, onEvent?: OnStatusEvent): Promise<Delivery> {
  return recipientAction(ctx, deliveryId, (d) => answerRecallMove(d.status, d.statusBeforeRecall, agree), note, onEvent);
}

/** By the sender, to every delivery: undelivered copies become RECALLED at once, the others RECALL_REQUESTED. */
export async function recallDocument(ctx: DocumentsContext, documentId: number, reason: string, onEvent?: OnStatusEvent): Promise<Document> {
  const me = await requireCallerAgency(ctx);
  if (!reason.trim()) throw badInput([{ field: 'reason', message: 'a reason for the recall is required' }]);
  checkNote(reason, 'reason');
  const doc = await loadVisibleDocument(ctx, documentId);
  if (!doc) throw notFound(`Document ${documentId} does not exist.`);
  if (!mayRecall(requireIdentity(ctx), doc.senderCode)) throw forbidden(`Only the sender (${doc.senderCode}) can recall document ${documentId}.`);
  const em = ctx.deps.orm.em.fork();
  const events = await inEventLogOrder(em, async (tx) => {
    const written: StatusEvent[] = [];
    for (const delivery of await tx.find(Delivery, { documentId }, { orderBy: { id: 'asc' } })) {
      const move = recallMove(delivery.status);
      if (!move) continue;
      written.push(await applyMove(tx, delivery, doc.senderCode, move, { by: me.code, note: reason, now: ctx.deps.now() }));
      await onEvent?.(tx, written[written.length - 1]);
    }
    if (!written.length) {
      throw invalidTransition(`Nothing to recall: every delivery of document ${documentId} is already rejected, completed, recalled or awaiting an answer to a recall.`);
    }
    return written;
  });
  ctx.deps.bus.publish(statusEvents(events));
  forgetLoadedData(ctx);
  return doc;
}
