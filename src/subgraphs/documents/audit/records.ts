/**
 * What the audit log pins about each record, computed the same way when a change is written and when
 * `audit:verify` compares the tables with the log. Contents (subject, names, notes, attachment bytes)
 * go in only as SHA-256 digests: the log proves what was sent without becoming a second copy of the mail.
 */
import type { Agency } from '../agency/agency.entity';
import type { Delivery, StatusEvent } from '../delivery/delivery.entity';
import { DeliveryStatus } from '../delivery/status-machine';
import type { Attachment } from '../document/attachment.entity';
import type { Document } from '../document/document.entity';
import { sha256Hex } from '../../../shared/digest';
import { canonicalJson, type AuditInput } from './audit-log';

/** What the digest pins of an attachment (not its row id). */
type AttachmentFacts = Pick<Attachment, 'fileName' | 'contentType' | 'size' | 'sha256'>;

/** Every column of a document and what hangs off it, as one digest (explicit fields: a new column is a decision). */
export function documentDigest(doc: Document, attachments: AttachmentFacts[], citizenIds: string[], parcelIds: string[]): string {
  return sha256Hex(
    canonicalJson({
      id: doc.id,
      clientRequestId: doc.clientRequestId,
      requestHash: doc.requestHash,
      codeNumber: doc.codeNumber,
      codeNotation: doc.codeNotation,
      documentType: doc.documentType,
      subject: doc.subject,
      promulgationPlace: doc.promulgationPlace,
      promulgationDate: doc.promulgationDate,
      signerName: doc.signerName,
      signerPosition: doc.signerPosition,
      urgency: doc.urgency,
      dueDate: doc.dueDate,
      senderCode: doc.senderCode,
      sentAt: doc.sentAt,
      inReplyToId: doc.inReplyToId,
      supersedesId: doc.supersedesId,
      attachments: [...attachments]
        .sort((a, b) => a.sha256.localeCompare(b.sha256) || a.fileName.localeCompare(b.fileName))
        .map((a) => ({ fileName: a.fileName, contentType: a.contentType, size: a.size, sha256: a.sha256 })),
      citizenIds: [...citizenIds].sort(),
      parcelIds: [...parcelIds].sort(),
    }),
  );
}

/** Where a delivery stands: compared with the delivery row as it is now. */
export function deliveryState(d: Pick<Delivery, 'id' | 'documentId' | 'recipientCode' | 'redirectedFromCode' | 'status' | 'statusBeforeRecall'>) {
  return {
    id: d.id,
    documentId: d.documentId,
    recipientCode: d.recipientCode,
    redirectedFromCode: d.redirectedFromCode,
    status: d.status as DeliveryStatus,
    statusBeforeRecall: d.statusBeforeRecall as DeliveryStatus | null,
  };
}

/** One history row; its note only as a digest. */
export function statusEventState(e: StatusEvent) {
  return {
    id: e.id,
    deliveryId: e.deliveryId,
    senderCode: e.senderCode,
    status: e.status,
    statusCode: e.statusCode,
    at: e.at,
    byAgencyCode: e.byAgencyCode,
    noteSha256: e.note === null ? null : sha256Hex(e.note),
  };
}

/** The entry of one send: the document's digest and each delivery it created. */
export function sentEntry(doc: Document, attachments: AttachmentFacts[], citizenIds: string[], parcelIds: string[], deliveries: Delivery[]): AuditInput {
  return {
    actor: doc.senderCode,
    role: 'AGENCY',
    action: 'document.sent',
    target: `document:${doc.id}`,
    state: {
      digest: documentDigest(doc, attachments, citizenIds, parcelIds),
      deliveries: deliveries.map(deliveryState),
    },
  };
}

/**
 * The entry of one status move: the delivery as it now stands and the history row written. A move by
 * the sender is a recall; by the recipient of a RECALL_REQUESTED copy, the answer to one.
 */
export function moveEntry(before: Delivery, after: { status: DeliveryStatus; statusBeforeRecall: DeliveryStatus | null }, event: StatusEvent): AuditInput {
  const byRecipient = event.byAgencyCode === before.recipientCode;
  return {
    actor: event.byAgencyCode,
    role: 'AGENCY',
    action: !byRecipient ? 'delivery.recalled' : before.status === DeliveryStatus.RECALL_REQUESTED ? 'delivery.recall_answered' : 'delivery.moved',
    target: `delivery:${before.id}`,
    state: { delivery: deliveryState({ ...before, ...after }), event: statusEventState(event) },
  };
}

/** The directory fields of an agency (not cross-checked by verify: bulk imports log one entry per batch). */
export function agencyState(a: Agency) {
  return {
    code: a.code,
    name: a.name,
    parentCode: a.parentCode,
    email: a.email,
    phone: a.phone,
    address: a.address,
    website: a.website,
    active: a.active,
    successorCode: a.successorCode,
  };
}
