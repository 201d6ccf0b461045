/**
 * sendDocument: validate everything, then write the document, its attachments, the links to citizens
 * and parcels, one PENDING delivery per recipient and the audit log entry in one transaction — all or
 * nothing.
 * The deliveries are the arrival log, so the arrival events commit with the send by construction
 * (event-log.ts: the outbox and its order); they are published once committed.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, type FieldProblem } from '../../../shared/errors';
import { statementSlices, type Orm } from '../../../shared/db';
import { Agency } from '../agency/agency.entity';
import { currentAddressee, requireCallerAgency } from '../agency/agency.service';
import type { DocumentsContext } from '../context';
import { Delivery } from '../delivery/delivery.entity';
import { DeliveryStatus } from '../delivery/status-machine';
import { Document, Urgency } from './document.entity';
import { inEventLogOrder } from '../events/event-log';
import { appendAudit } from '../audit/audit-log';
import { sentEntry } from '../audit/records';
import { readEntities, rowOf } from '../../../shared/read';
import { accessTo } from './document.service';
import { sendFingerprint, validateSendRequest, type SendRequest } from './send-validation';

interface Addressee {
  code: string;
  /** The agency the sender named, when the hub routed the copy to its successor. */
  redirectedFrom: string | null;
}

/** Resolves recipient codes to the agencies that now receive their mail, reporting every problem. */
async function resolveRecipients(orm: Orm, em: EntityManager, codes: string[], senderCode: string): Promise<Addressee[]> {
  const found = new Map((await readEntities(orm, Agency, (q) => q.whereIn('code', codes))).map((a) => [a.code, a]));
  const problems: FieldProblem[] = [];
  const out = new Map<string, Addressee>();
  for (const [i, code] of codes.entries()) {
    const agency = found.get(code);
    const field = `recipients[${i}]`;
    if (!agency) {
      problems.push({ field, message: `agency ${code} is not in the directory` });
      continue;
    }
    const addressee = await currentAddressee(em, agency);
    if (!addressee) {
      problems.push({ field, message: `agency ${code} is no longer active and has no successor` });
    } else if (addressee.code === senderCode) {
      problems.push({ field, message: `agency ${code} has been merged into the sender` });
    } else if (!out.has(addressee.code) || out.get(addressee.code)!.redirectedFrom !== null) {
      // Two names for one successor (or the successor itself also listed) make a single delivery.
      out.set(addressee.code, { code: addressee.code, redirectedFrom: addressee.code === code ? null : code });
    }
  }
  if (problems.length) throw badInput(problems);
  return [...out.values()];
}

async function checkLinks(ctx: DocumentsContext, em: EntityManager, input: SendRequest, senderCode: string): Promise<void> {
  const problems: FieldProblem[] = [];
  if (input.inReplyTo != null) {
    const original = await em.findOne(Document, { id: Number(input.inReplyTo) });
    if (!original) problems.push({ field: 'inReplyTo', message: `document ${input.inReplyTo} does not exist` });
    else if (!(await accessTo(ctx, original))) throw forbidden(`Document ${input.inReplyTo} is not visible to the sender, so it cannot be answered.`);
  }
  if (input.supersedes != null) {
    const earlier = await em.findOne(Document, { id: Number(input.supersedes) });
    if (!earlier) problems.push({ field: 'supersedes', message: `document ${input.supersedes} does not exist` });
    else if (earlier.senderCode !== senderCode) problems.push({ field: 'supersedes', message: 'only a document of the same sender can be updated or replaced' });
  }
  if (problems.length) throw badInput(problems);
}

/** The document an earlier send with this key created, if any; CONFLICT if its payload differs. */
async function previousSend(orm: Orm, senderCode: string, clientRequestId: string, fingerprint: string): Promise<Document | null> {
  const [existing] = await readEntities(orm, Document, (q) => q.where({ sender_code: senderCode, client_request_id: clientRequestId }));
  if (existing && existing.requestHash !== fingerprint) {
    throw conflict(`clientRequestId "${clientRequestId}" was already used for a different document (id ${existing.id}); use a new key for a new document.`);
  }
  return existing;
}

/**
 * Inserts in slices (a single insert of a send to a thousand agencies failed on SQLite: "too many terms
 * in compound SELECT"), in the caller's transaction, so the send stays all or nothing.
 */
async function insertRows<R = never>(trx: Knex.Transaction, table: string, rows: readonly Record<string, unknown>[], returning?: string[]): Promise<R[]> {
  const inserted: R[] = [];
  for (const slice of statementSlices(rows)) {
    const insert = trx(table).insert(slice);
    if (returning) inserted.push(...((await insert.returning(returning)) as R[]));
    else await insert;
  }
  return inserted;
}

/**
 * `onCreate` lets another way in (edXML) record what it knows of the document in the same transaction;
 * a repeat of an earlier send does not call it.
 */
export async function sendDocument(
  ctx: DocumentsContext,
  input: SendRequest,
  onCreate?: (tx: EntityManager, document: Document) => Promise<void>,
): Promise<Document> {
  const sender = await requireCallerAgency(ctx);
  const { deps } = ctx;
  const { problems, attachments } = validateSendRequest(input, sender.code, {
    now: deps.now(),
    maxAttachmentBytes: deps.config.maxAttachmentBytes,
  });
  if (problems.length) throw badInput(problems);
  const fingerprint = sendFingerprint(input, attachments);
  const em = deps.orm.em.fork();

  const repeat = await previousSend(deps.orm, sender.code, input.clientRequestId, fingerprint);
  if (repeat) return repeat;
  const addressees = await resolveRecipients(deps.orm, em, input.recipients, sender.code);
  await checkLinks(ctx, em, input, sender.code);

  let deliveries: Delivery[];
  let doc: Document;
  try {
    [doc, deliveries] = await inEventLogOrder(em, async (tx) => {
      // The rows are new and written once: inserted with knex, not through the unit of work, whose change
      // sets, identity map and a prepared statement per flush were most of a send's CPU (bench/changes.ts, 9).
      const trx = tx.getTransactionContext<Knex.Transaction>()!;
      const now = deps.now();
      const fields = {
        clientRequestId: input.clientRequestId,
        requestHash: fingerprint,
        codeNumber: input.codeNumber,
        codeNotation: input.codeNotation,
        documentType: input.documentType,
        subject: input.subject,
        promulgationPlace: input.promulgationPlace,
        promulgationDate: input.promulgationDate,
        signerName: input.signerName,
        signerPosition: input.signerPosition,
        urgency: (input.urgency as Urgency | null) ?? Urgency.NORMAL,
        dueDate: input.dueDate ?? null,
        senderCode: sender.code,
        sentAt: now,
        inReplyToId: input.inReplyTo != null ? Number(input.inReplyTo) : null,
        supersedesId: input.supersedes != null ? Number(input.supersedes) : null,
      };
      const [{ id }] = await trx('document').insert(rowOf(deps.orm, Document, fields)).returning('id');
      const document: Document = { id: Number(id), ...fields };
      // Their ids are not needed here: the audit digest pins name, type, size and content.
      const files = attachments.map((a) => ({ fileName: a.fileName, contentType: a.contentType, size: a.content.length, sha256: a.sha256 }));
      for (const a of attachments) await deps.blobs.put(trx, a.content, a.sha256);
      await insertRows(
        trx,
        'attachment',
        files.map((f) => ({ document_id: document.id, file_name: f.fileName, content_type: f.contentType, size: f.size, sha256: f.sha256 })),
      );
      const citizens = (input.citizenIds ?? []).map((personalId) => ({ document_id: document.id, personal_id: personalId }));
      await insertRows(trx, 'document_citizen', citizens);
      const parcels = (input.parcelIds ?? []).map((parcelId) => ({ document_id: document.id, parcel_id: parcelId }));
      await insertRows(trx, 'document_parcel', parcels);
      if (onCreate) await onCreate(tx, document);
      const created: Delivery[] = addressees.map((a) => ({
        id: 0,
        documentId: document.id,
        recipientCode: a.code,
        redirectedFromCode: a.redirectedFrom,
        urgency: document.urgency,
        status: DeliveryStatus.PENDING,
        statusBeforeRecall: null,
        createdAt: now,
        updatedAt: now,
      }));
      const rows = await insertRows<{ id: number; recipient_code: string }>(trx, 'delivery', created.map(({ id: _unset, ...delivery }) => rowOf(deps.orm, Delivery, delivery)), ['id', 'recipient_code']);
      // RETURNING's row order is not promised: match each id by recipient (unique per document).
      const idOf = new Map(rows.map((r) => [r.recipient_code, Number(r.id)]));
      for (const d of created) d.id = idOf.get(d.recipientCode)!;
      await appendAudit(tx, [sentEntry(document, files, input.citizenIds ?? [], input.parcelIds ?? [], created)], now);
      return [document, created] as const;
    });
  } catch (e) {
    // A concurrent repeat of the same send won the race: answer as the repeat it is.
    if (em.getDriver().convertException(e as Error) instanceof UniqueConstraintViolationException) {
      const winner = await previousSend(deps.orm, sender.code, input.clientRequestId, fingerprint);
      if (winner) return winner;
    }
    throw e;
  }
  deps.bus.publish(deliveries.map((d) => ({ kind: 'arrival' as const, seq: d.id, audience: d.recipientCode })));
  deps.logger.info({ documentId: doc.id, sender: sender.code, recipients: deliveries.length }, 'document sent');
  return doc;
}
