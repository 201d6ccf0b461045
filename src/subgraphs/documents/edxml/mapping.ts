import { DeliveryStatus, RECALL_REFUSED_CODE, STATUS_CODE } from '../delivery/status-machine';
import { parseDocumentId } from './document-id';
import { edxmlDateToIso, edxmlTimestampToIso, isoDateToEdxml, toEdxmlTimestamp } from './formats';
import {
  Attachment, Business, EdxmlDocument, EdxmlStatus, MessageHeader, MessageStatus, Organization, Reference, ResponseFor, TraceHeaderList,
  withoutUndefined,
} from './model';

/**
 * Pure translation between edXML messages and the plain objects the hub stores and serves, named after
 * the GraphQL contract (Document, Delivery, Urgency, DeliveryStatus). Values are assumed validated
 * (validate.ts): a value that cannot be translated throws RangeError.
 *
 * What the contract has no field for (organisation details, ToPlaces, PageAmount, SteeringType, the
 * route log, the Signature, unknown elements…) rides along in `preserved`: the message as received,
 * attachment contents left out. Writing a DTO back starts from it and puts the DTO's own fields over
 * it, so an unchanged DTO gives back the message it came from and a changed one says what the DTO says.
 */

export type Urgency = 'NORMAL' | 'URGENT' | 'VERY_URGENT' | 'FLASH' | 'FLASH_TIMED';
export type BusinessKind = 'NEW' | 'REVOKE' | 'UPDATE' | 'REPLACE';

/** edXML Priority is the index: 0 thường … 4 hỏa tốc hẹn giờ. */
const URGENCIES: readonly Urgency[] = ['NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH', 'FLASH_TIMED'];
/** BussinessDocType is the index. */
const BUSINESS_KINDS: readonly BusinessKind[] = ['NEW', 'REVOKE', 'UPDATE', 'REPLACE'];
/** The status machine's code table, read the other way; PENDING has no code. */
const STATUS_BY_CODE: ReadonlyMap<string, DeliveryStatus> = new Map(
  Object.values(DeliveryStatus).flatMap((status) => (STATUS_CODE[status] === null ? [] : [[STATUS_CODE[status] as string, status] as const])),
);

export function urgencyOfPriority(priority: string | undefined): Urgency {
  if (priority === undefined) return 'NORMAL';
  const urgency = /^\d$/.test(priority) ? URGENCIES[Number(priority)] : undefined;
  if (!urgency) throw new RangeError(`not an edXML Priority: ${priority}`);
  return urgency;
}

export function priorityOfUrgency(urgency: Urgency): string {
  return String(URGENCIES.indexOf(urgency));
}

/**
 * The DeliveryStatus a status code moves a delivery to; null for 16, the refused recall (back to the
 * status before the recall request, which the code cannot tell).
 */
export function deliveryStatusOfCode(code: string): DeliveryStatus | null {
  if (code === RECALL_REFUSED_CODE) return null;
  const status = STATUS_BY_CODE.get(code);
  if (!status) throw new RangeError(`not an edXML status code: ${code}`);
  return status;
}

/** The status code of a DeliveryStatus; null for PENDING, which the hub alone knows. */
export function statusCodeOfDeliveryStatus(status: DeliveryStatus): string | null {
  return STATUS_CODE[status];
}

export function businessKindOfDocType(docType: string | undefined): BusinessKind {
  if (docType === undefined) return 'NEW';
  const kind = /^\d$/.test(docType) ? BUSINESS_KINDS[Number(docType)] : undefined;
  if (!kind) throw new RangeError(`not a BussinessDocType: ${docType}`);
  return kind;
}

export function docTypeOfBusinessKind(kind: BusinessKind): string {
  return String(BUSINESS_KINDS.indexOf(kind));
}

export interface AttachmentDto {
  fileName: string;
  contentType: string;
  /** Base64 without line breaks. */
  contentBase64: string;
}

export interface DocumentDto {
  /** The edXML DocumentId of this document, the key other messages refer to it by. */
  documentId: string;
  codeNumber: string;
  codeNotation: string;
  documentType: string;
  subject: string;
  promulgationPlace: string;
  /** YYYY-MM-DD. */
  promulgationDate: string;
  signerName: string;
  signerPosition: string;
  urgency: Urgency;
  /** YYYY-MM-DD. */
  dueDate: string | null;
  senderCode: string;
  recipients: string[];
  attachments: AttachmentDto[];
  /** DocumentId of the document this one answers (ResponseFor). */
  inReplyTo?: string;
  /** DocumentId of the document an UPDATE or REPLACE message supersedes. */
  supersedes?: string;
  /** DocumentId of the document a REVOKE message takes back; the hub turns it into a recall. */
  revokes?: string;
  business: BusinessKind;
  /** BussinessDocReason: why a document is revoked, updated or replaced. */
  businessReason?: string;
  /** The message as received, attachment contents left out; null for a document that did not come as edXML. */
  preserved: EdxmlDocument | null;
}

export interface StatusDto {
  /** DocumentId of the document the status is about. */
  documentId: string;
  /** Agency code of the agency reporting the status. */
  byAgency: string;
  /** 01–06, 13, 15, 16; see deliveryStatusOfCode. */
  statusCode: string;
  note?: string;
  /** ISO 8601 with the Vietnam offset. */
  at: string;
  preserved: EdxmlStatus | null;
}

/** The DTO of a (validated) document message. */
export function documentToDto(doc: EdxmlDocument): DocumentDto {
  const h = doc.envelope.header.messageHeader;
  const business = doc.envelope.header.traceHeaderList?.business;
  const kind = businessKindOfDocType(business?.businessDocType);
  const target = kind === 'NEW' ? undefined : business?.documentId;
  return withoutUndefined({
    documentId: h.documentId,
    codeNumber: h.code.codeNumber,
    codeNotation: h.code.codeNotation,
    documentType: h.documentType.typeName,
    subject: h.subject,
    promulgationPlace: h.promulgationInfo.place,
    promulgationDate: isoDate(h.promulgationInfo.promulgationDate),
    signerName: h.signerInfo.fullName,
    signerPosition: h.signerInfo.position,
    urgency: urgencyOfPriority(h.otherInfo?.priority),
    dueDate: h.dueDate === undefined ? null : isoDate(h.dueDate),
    senderCode: h.from.organId,
    recipients: h.to.map((to) => to.organId),
    attachments: doc.attachmentEncoded.attachments.map((a) => ({
      fileName: a.attachmentName, contentType: a.contentType, contentBase64: a.content.replace(/\s+/g, ''),
    })),
    inReplyTo: h.responseFor[0]?.documentId,
    supersedes: kind === 'UPDATE' || kind === 'REPLACE' ? target : undefined,
    revokes: kind === 'REVOKE' ? target : undefined,
    business: kind,
    businessReason: business?.businessDocReason,
    preserved: {
      ...doc,
      attachmentEncoded: { ...doc.attachmentEncoded, attachments: doc.attachmentEncoded.attachments.map((a) => ({ ...a, content: '' })) },
    },
  });
}

/** The document message of a DTO: its `preserved` message with the DTO's fields written over it. */
export function dtoToDocument(dto: DocumentDto): EdxmlDocument {
  const base = dto.preserved ?? skeletonDocument();
  const h = base.envelope.header.messageHeader;
  const attachments = mergeAttachments(dto.attachments, base.attachmentEncoded.attachments);
  const messageHeader: MessageHeader = withoutUndefined({
    ...h,
    from: mergeOrganization(dto.senderCode, [h.from]),
    to: dto.recipients.map((code) => mergeOrganization(code, h.to)),
    documentId: dto.documentId,
    code: { ...h.code, codeNumber: dto.codeNumber, codeNotation: dto.codeNotation },
    promulgationInfo: { ...h.promulgationInfo, place: dto.promulgationPlace, promulgationDate: isoDateToEdxml(dto.promulgationDate) },
    documentType: { ...h.documentType, typeName: dto.documentType },
    subject: dto.subject,
    signerInfo: { ...h.signerInfo, fullName: dto.signerName, position: dto.signerPosition },
    dueDate: dto.dueDate === null ? undefined : isoDateToEdxml(dto.dueDate),
    // An absent Priority already means NORMAL: only write one where it says something or was there.
    otherInfo: h.otherInfo?.priority !== undefined || dto.urgency !== 'NORMAL'
      ? { ...h.otherInfo, priority: priorityOfUrgency(dto.urgency) }
      : h.otherInfo,
    responseFor: dto.inReplyTo === undefined ? [] : mergeResponseFor(dto.inReplyTo, h.responseFor),
  });
  return {
    ...base,
    envelope: {
      ...base.envelope,
      header: withoutUndefined({ ...base.envelope.header, messageHeader, traceHeaderList: mergeTraceHeaderList(dto, base) }),
      body: {
        ...base.envelope.body,
        manifest: { ...base.envelope.body.manifest, references: mergeReferences(attachments, base.envelope.body.manifest.references) },
      },
    },
    attachmentEncoded: { ...base.attachmentEncoded, attachments },
  };
}

/** The DTO of a (validated) status message. */
export function statusToDto(status: EdxmlStatus): StatusDto {
  const s = status.envelope.header.messageStatus;
  const at = edxmlTimestampToIso(s.timestamp);
  if (!at) throw new RangeError(`not an edXML timestamp: ${s.timestamp}`);
  return withoutUndefined({
    documentId: s.responseFor.documentId,
    byAgency: s.from.organId,
    statusCode: s.statusCode,
    note: s.description,
    at,
    preserved: status,
  });
}

/** The status message of a DTO: its `preserved` message with the DTO's fields written over it. */
export function dtoToStatus(dto: StatusDto): EdxmlStatus {
  const at = new Date(dto.at);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO 8601 instant: ${dto.at}`);
  const base = dto.preserved;
  const s = base?.envelope.header.messageStatus;
  const messageStatus: MessageStatus = withoutUndefined({
    ...s,
    responseFor: s?.responseFor.documentId === dto.documentId ? s.responseFor : responseForOf(dto.documentId),
    from: mergeOrganization(dto.byAgency, s ? [s.from] : []),
    statusCode: dto.statusCode,
    description: dto.note,
    timestamp: toEdxmlTimestamp(at),
  });
  return { ...base, envelope: { ...base?.envelope, header: { ...base?.envelope.header, messageStatus } } };
}

function isoDate(value: string): string {
  const iso = edxmlDateToIso(value);
  if (!iso) throw new RangeError(`not an edXML date: ${value}`);
  return iso;
}

/** The preserved details of agency `code` when `candidates` has it; just its code otherwise. */
function mergeOrganization(code: string, candidates: Organization[]): Organization {
  return candidates.find((o) => o.organId === code) ?? { organId: code };
}

/** A ResponseFor derived from the DocumentId alone: its issuer, number/notation and date are inside it. */
function responseForOf(documentId: string): ResponseFor {
  const parts = parseDocumentId(documentId);
  if (!parts) throw new RangeError(`not a DocumentId: ${documentId}`);
  return {
    organId: parts.issuerCode,
    code: `${parts.codeNumber}/${parts.codeNotation}`,
    promulgationDate: isoDateToEdxml(parts.promulgationDate),
    documentId,
  };
}

function mergeResponseFor(inReplyTo: string, preserved: ResponseFor[]): ResponseFor[] {
  if (preserved[0]?.documentId === inReplyTo) return preserved;
  return [responseForOf(inReplyTo), ...preserved.slice(1)];
}

function mergeTraceHeaderList(dto: DocumentDto, base: EdxmlDocument): TraceHeaderList | undefined {
  const list = base.envelope.header.traceHeaderList;
  const business = list?.business;
  // A plain new document needs no business block; keep one only if the message had it.
  if (!business && dto.business === 'NEW' && dto.businessReason === undefined) return list;
  const target = dto.business === 'REVOKE' ? dto.revokes : dto.business === 'NEW' ? business?.documentId : dto.supersedes;
  const merged: Business = withoutUndefined({
    ...business,
    businessDocType: docTypeOfBusinessKind(dto.business),
    businessDocReason: dto.businessReason,
    documentId: target,
  });
  return { ...list, traceHeaders: list?.traceHeaders ?? [], business: merged };
}

/** DTO attachments, keeping the ContentId, description and extensions of the preserved one at the same place. */
function mergeAttachments(dtos: AttachmentDto[], preserved: Attachment[]): Attachment[] {
  const used = new Set(preserved.map((a) => a.contentId));
  let next = 1;
  const freshId = () => {
    while (used.has(`cid:${next}`)) next += 1;
    used.add(`cid:${next}`);
    return `cid:${next}`;
  };
  return dtos.map((dto, i) => {
    const old = preserved[i]?.attachmentName === dto.fileName ? preserved[i] : undefined;
    return { ...old, contentId: old?.contentId ?? freshId(), attachmentName: dto.fileName, contentType: dto.contentType, content: dto.contentBase64 };
  });
}

/**
 * One manifest Reference per attachment: a preserved one keeps its place and the optional fields it
 * had (updated to the attachment's name and type); a new one gets them all, its description the file name.
 */
function mergeReferences(attachments: Attachment[], preserved: Reference[]): Reference[] {
  const byId = new Map(attachments.map((a) => [a.contentId, a]));
  const kept = preserved.flatMap((r) => {
    const a = byId.get(r.contentId);
    if (!a) return [];
    return [withoutUndefined({
      ...r,
      contentType: r.contentType === undefined ? undefined : a.contentType,
      attachmentName: r.attachmentName === undefined ? undefined : a.attachmentName,
    })];
  });
  const fresh = attachments
    .filter((a) => !preserved.some((r) => r.contentId === a.contentId))
    .map((a) => ({ contentId: a.contentId, contentType: a.contentType, description: a.attachmentName, attachmentName: a.attachmentName }));
  return [...kept, ...fresh];
}

function skeletonDocument(): EdxmlDocument {
  return {
    envelope: {
      header: {
        messageHeader: {
          from: { organId: '' }, to: [], documentId: '', code: { codeNumber: '', codeNotation: '' },
          promulgationInfo: { place: '', promulgationDate: '' }, documentType: { typeName: '' }, subject: '',
          signerInfo: { position: '', fullName: '' }, responseFor: [],
        },
      },
      body: { manifest: { references: [] } },
    },
    attachmentEncoded: { attachments: [] },
  };
}
