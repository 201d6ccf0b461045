/**
 * sendDocument: validate everything, then write the document, its attachments, the links to citizens
 * and parcels, one PENDING delivery per recipient and the audit log entry in one transaction — all or
 * nothing.
 * The deliveries are the arrival log, so the arrival events commit with the send by construction
 * (event-log.ts: the outbox and its order); they are published once committed.
 */
import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import { badInput, conflict, forbidden, type FieldProblem } from '../../../shared/errors';
import { Agency } from '../agency/agency.entity';
import { currentAddressee, requireCallerAgency } from '../agency/agency.service';
import type { DocumentsContext } from '../context';
import { Delivery } from '../delivery/delivery.entity';
import { DeliveryStatus } from '../delivery/status-machine';
import { Attachment } from './attachment.entity';
import { Document, DocumentCitizen, DocumentParcel, Urgency } from './document.entity';
import { inEventLogOrder } from '../events/event-log';
import { appendAudit } from '../audit/audit-log';
import { sentEntry } from '../audit/records';
import { accessTo } from './document.service';
import { sendFingerprint, validateSendRequest, type SendRequest } from './send-validation';

interface Addressee {
  code: string;
  /** The agency the sender named, when the hub routed the copy to its successor. */
  redirectedFrom: string | null;
}

/** Resolves recipient codes to the agencies that now receive their mail, reporting every problem. */
async function resolveRecipients(em: EntityManager, codes: string[], senderCode: string): Promise<Addressee[]> {
  const found = new Map((await em.find(Agency, { code: { $in: codes } })).map((a) => [a.code, a]));
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
async function previousSend(em: EntityManager, senderCode: string, clientRequestId: string, fingerprint: string): Promise<Document | null> {
  const existing = await em.findOne(Document, { senderCode, clientRequestId });
  if (existing && existing.requestHash !== fingerprint) {
    throw conflict(`clientRequestId "${clientRequestId}" was already used for a different document (id ${existing.id}); use a new key for a new document.`);
  }
  return existing;
}

/**
 * `onCreate` lets another way in (edXML) record what it knows of the document in the same transaction;
 * a repeat of an earlier send does not call it.
 */
export async function sendDocument(
  ctx: DocumentsContext,
  input: SendRequest,
  onCreate?: (tx: EntityManager, document: Document) => void,
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

  const repeat = await previousSend(em, sender.code, input.clientRequestId, fingerprint);
  if (repeat) return repeat;
  const addressees = await resolveRecipients(em, input.recipients, sender.code);
  await checkLinks(ctx, em, input, sender.code);
  const digests = await Promise.all(attachments.map((a) => deps.blobs.put(a.content)));

  let deliveries: Delivery[];
  let doc: Document;
  try {
    [doc, deliveries] = await inEventLogOrder(em, async (tx) => {
      const now = deps.now();
      const document = tx.create(Document, {
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
      });
      await tx.flush();
      const files = attachments.map((a, i) =>
        tx.create(Attachment, { documentId: document.id, fileName: a.fileName, contentType: a.contentType, size: a.content.length, sha256: digests[i] }),
      );
      for (const personalId of input.citizenIds ?? []) tx.create(DocumentCitizen, { documentId: document.id, personalId });
      for (const parcelId of input.parcelIds ?? []) tx.create(DocumentParcel, { documentId: document.id, parcelId });
      onCreate?.(tx, document);
      const created = addressees.map((a) =>
        tx.create(Delivery, {
          documentId: document.id,
          recipientCode: a.code,
          redirectedFromCode: a.redirectedFrom,
          urgency: document.urgency,
          status: DeliveryStatus.PENDING,
          statusBeforeRecall: null,
          createdAt: now,
          updatedAt: now,
        }),
      );
      await tx.flush();
      await appendAudit(tx, [sentEntry(document, files, input.citizenIds ?? [], input.parcelIds ?? [], created)], now);
      return [document, created] as const;
    });
  } catch (e) {
    // A concurrent repeat of the same send won the race: answer as the repeat it is.
    if (e instanceof UniqueConstraintViolationException) {
      const winner = await previousSend(deps.orm.em.fork(), sender.code, input.clientRequestId, fingerprint);
      if (winner) return winner;
    }
    throw e;
  }
  deps.bus.publish(deliveries.map((d) => ({ kind: 'arrival' as const, seq: d.id, audience: d.recipientCode })));
  deps.logger.info({ documentId: doc.id, sender: sender.code, recipients: deliveries.length }, 'document sent');
  return doc;
}
