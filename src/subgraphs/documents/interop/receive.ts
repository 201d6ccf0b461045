/**
 * edXML in: a document message becomes a send (or, for a revoke, a recall) and a status message a
 * status move — through send.ts and delivery.service.ts, the same transactions GraphQL clients use.
 * What the message says that the hub does not model stays in the message itself, kept as received.
 */
import type { EntityManager } from '@mikro-orm/core';
import type { Knex } from '@mikro-orm/knex';
import { badInput, conflict, forbidden, isHubError, notFound, type FieldProblem } from '../../../shared/errors';
import { requireCallerAgency } from '../agency/agency.service';
import { forgetLoadedData, type DocumentsContext } from '../context';
import { Delivery, StatusEvent } from '../delivery/delivery.entity';
import { answerRecall, recallDocument, updateDeliveryStatus, type OnStatusEvent } from '../delivery/delivery.service';
import { DeliveryStatus, recallMove, STATUS_CODE } from '../delivery/status-machine';
import type { Document } from '../document/document.entity';
import { loadVisibleDocument } from '../document/document.service';
import { sendDocument } from '../document/send';
import type { SendRequest } from '../document/send-validation';
import { deliveryStatusOfCode, docTypeOfBusinessKind, documentToDto, statusToDto, type DocumentDto } from '../edxml/mapping';
import { EdxmlSyntaxError, parseEdxmlDocument, parseEdxmlStatus } from '../edxml/parse';
import { verifyEdxmlSignature, type SignatureCheck } from '../edxml/signature';
import { validateEdxmlDocument, validateEdxmlStatus, type EdxmlIssue } from '../edxml/validate';
import { EdxmlReceipt, EdxmlStatusReceipt, signatureColumns } from './edxml-receipt.entity';
import { documentsByEdxmlId, preferVisible } from './lookup';

const HEADER = '/edXML/edXMLEnvelope/edXMLHeader';
const MESSAGE_HEADER = `${HEADER}/MessageHeader`;
const MESSAGE_STATUS = `${HEADER}/MessageStatus`;
const BUSINESS_TARGET = `${HEADER}/TraceHeaderList/Bussiness/DocumentId`;
/** A status message carries no attachments; anything this big is not one. */
const MAX_STATUS_BYTES = 1024 * 1024;
/** The reason recorded when a revoke message gives none. */
const DEFAULT_REVOKE_REASON = 'Thu hồi văn bản (edXML BussinessDocType 1)';

/** Where each field of a send request comes from in the message, so send.ts's problems point into it. */
const FIELD_PATHS: Record<string, string> = {
  clientRequestId: `${MESSAGE_HEADER}/DocumentId`,
  codeNumber: `${MESSAGE_HEADER}/Code/CodeNumber`,
  codeNotation: `${MESSAGE_HEADER}/Code/CodeNotation`,
  documentType: `${MESSAGE_HEADER}/DocumentType/TypeName`,
  subject: `${MESSAGE_HEADER}/Subject`,
  promulgationPlace: `${MESSAGE_HEADER}/PromulgationInfo/Place`,
  promulgationDate: `${MESSAGE_HEADER}/PromulgationInfo/PromulgationDate`,
  signerName: `${MESSAGE_HEADER}/SignerInfo/FullName`,
  signerPosition: `${MESSAGE_HEADER}/SignerInfo/Position`,
  dueDate: `${MESSAGE_HEADER}/DueDate`,
  recipients: `${MESSAGE_HEADER}/To`,
  inReplyTo: `${MESSAGE_HEADER}/ResponseFor[1]/DocumentId`,
  supersedes: BUSINESS_TARGET,
};
const ATTACHMENT_FIELDS: Record<string, string> = { fileName: 'AttachmentName', contentType: 'ContentType', contentBase64: 'ContentTransferEncoded' };

export function xpathOfField(field: string): string {
  const recipient = /^recipients\[(\d+)\]$/.exec(field);
  if (recipient) return `${MESSAGE_HEADER}/To[${Number(recipient[1]) + 1}]/OrganId`;
  const attachment = /^attachments\[(\d+)\]\.(\w+)$/.exec(field);
  if (attachment) return `/edXML/AttachmentEncoded/Attachment[${Number(attachment[1]) + 1}]/${ATTACHMENT_FIELDS[attachment[2]] ?? attachment[2]}`;
  return FIELD_PATHS[field] ?? field;
}

function parsed<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof EdxmlSyntaxError) throw badInput([{ field: '/', message: e.message }]);
    throw e;
  }
}

function refuse(issues: EdxmlIssue[]): void {
  if (issues.length) throw badInput(issues.map((i) => ({ field: i.path, message: i.message })));
}

/** The signature verdict; with LIENTHONG_REQUIRE_SIGNATURE, anything but VALID is refused. */
function checkSignature(ctx: DocumentsContext, message: string): SignatureCheck {
  const check = verifyEdxmlSignature(message, ctx.deps.now());
  if (ctx.deps.config.requireSignature && check.verdict !== 'VALID') {
    const why = check.verdict === 'UNSIGNED' ? 'the message carries none' : check.problem;
    throw badInput([{ field: `${HEADER}/Signature`, message: `a valid XML-DSig signature is required (LIENTHONG_REQUIRE_SIGNATURE): ${why}` }]);
  }
  return check;
}

/** An agency sends only as itself: the message's From must be the caller. */
function requireFrom(callerCode: string, organId: string, path: string): void {
  if (organId !== callerCode) throw forbidden(`${path} is ${organId}, but the caller is ${callerCode}: an agency sends only in its own name.`);
}

/** send.ts's problems, pointed at the message (XPath); its CONFLICT said in DocumentId terms. */
async function inMessageTerms<T>(documentId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (isHubError(e) && e.code === 'BAD_USER_INPUT' && Array.isArray(e.extensions.problems)) {
      throw badInput((e.extensions.problems as FieldProblem[]).map((p) => ({ field: xpathOfField(p.field), message: p.message })));
    }
    if (isHubError(e) && e.code === 'CONFLICT') {
      throw conflict(`DocumentId ${documentId} was already sent with different content; a different document needs its own DocumentId.`);
    }
    throw e;
  }
}

/** A recall already made (a revoke or a 13 sent again): nothing left to recall, and something was. */
async function alreadyRecalled(em: EntityManager, documentId: number): Promise<boolean> {
  const deliveries = await em.find(Delivery, { documentId });
  return (
    deliveries.every((d) => recallMove(d.status) === null) &&
    deliveries.some((d) => d.status === DeliveryStatus.RECALL_REQUESTED || d.status === DeliveryStatus.RECALLED)
  );
}

async function sendRequestOf(ctx: DocumentsContext, em: EntityManager, dto: DocumentDto): Promise<SendRequest> {
  // A reply to a document the hub never carried keeps its ResponseFor in the message only.
  const answered = dto.inReplyTo === undefined ? undefined : await preferVisible(ctx, await documentsByEdxmlId(em, dto.inReplyTo));
  let supersedes: string | null = null;
  if (dto.supersedes !== undefined) {
    const earlier = (await documentsByEdxmlId(em, dto.supersedes)).find((d) => d.senderCode === dto.senderCode);
    if (!earlier) throw badInput([{ field: BUSINESS_TARGET, message: `no document ${dto.supersedes} sent by ${dto.senderCode} is known to the hub` }]);
    supersedes = String(earlier.id);
  }
  return {
    // Idempotency is send.ts's: one send per DocumentId and sender. An update or replacement may
    // reuse its original's DocumentId, so its kind is part of its key.
    clientRequestId: dto.business === 'NEW' ? dto.documentId : `${dto.documentId}#${docTypeOfBusinessKind(dto.business)}`,
    codeNumber: dto.codeNumber,
    codeNotation: dto.codeNotation,
    documentType: dto.documentType,
    subject: dto.subject,
    promulgationPlace: dto.promulgationPlace,
    promulgationDate: dto.promulgationDate,
    signerName: dto.signerName,
    signerPosition: dto.signerPosition,
    urgency: dto.urgency,
    dueDate: dto.dueDate,
    recipients: dto.recipients,
    attachments: dto.attachments,
    inReplyTo: answered ? String(answered.id) : null,
    supersedes,
  };
}

/** BussinessDocType 1: the sender takes back an earlier document of its own (recallDocument). */
async function revoke(ctx: DocumentsContext, em: EntityManager, dto: DocumentDto): Promise<Document> {
  const target = (await documentsByEdxmlId(em, dto.revokes as string)).find((d) => d.senderCode === dto.senderCode);
  if (!target) throw badInput([{ field: BUSINESS_TARGET, message: `no document ${dto.revokes} sent by ${dto.senderCode} is known to the hub` }]);
  if (await alreadyRecalled(em, target.id)) return target;
  return recallDocument(ctx, target.id, dto.businessReason ?? DEFAULT_REVOKE_REASON);
}

/** sendEdxml: a document message from the caller's document-management system. */
export async function sendEdxml(ctx: DocumentsContext, message: string): Promise<Document> {
  const me = await requireCallerAgency(ctx);
  const doc = parsed(() => parseEdxmlDocument(message));
  refuse(validateEdxmlDocument(doc, ctx.deps.now()));
  const signature = checkSignature(ctx, message);
  const dto = documentToDto(doc);
  requireFrom(me.code, dto.senderCode, `${MESSAGE_HEADER}/From/OrganId`);
  const em = ctx.deps.orm.em.fork();
  if (dto.business === 'REVOKE') return revoke(ctx, em, dto);

  const request = await sendRequestOf(ctx, em, dto);
  return inMessageTerms(dto.documentId, () =>
    sendDocument(ctx, request, async (tx, document) => {
      // Kept whole, so it goes out byte for byte and its signature still verifies at the recipient.
      const messageSha256 = await ctx.deps.blobs.put(tx.getTransactionContext<Knex.Transaction>()!, Buffer.from(message, 'utf8'));
      await tx.insert(EdxmlReceipt, {
        documentId: document.id,
        edxmlDocumentId: dto.documentId,
        messageSha256,
        receivedAt: document.sentAt,
        ...signatureColumns(signature),
      });
    }),
  );
}

/** sendEdxmlStatus: a status message (01–06 by a recipient, 13 by the sender, 15/16 answering a recall). */
export async function sendEdxmlStatus(ctx: DocumentsContext, message: string): Promise<Document> {
  const me = await requireCallerAgency(ctx);
  const status = parsed(() => parseEdxmlStatus(message, { maxBytes: MAX_STATUS_BYTES }));
  refuse(validateEdxmlStatus(status));
  const signature = checkSignature(ctx, message);
  const dto = statusToDto(status);
  requireFrom(me.code, dto.byAgency, `${MESSAGE_STATUS}/From/OrganId`);
  const em = ctx.deps.orm.em.fork();
  const candidates = await documentsByEdxmlId(em, dto.documentId);
  const keep: OnStatusEvent = async (tx, event) => {
    await tx.insert(EdxmlStatusReceipt, { statusEventId: event.id, message, ...signatureColumns(signature) });
  };
  const note = dto.note ?? null;

  if (dto.statusCode === STATUS_CODE.RECALL_REQUESTED) {
    const own = candidates.find((d) => d.senderCode === me.code);
    if (!own) {
      if (candidates.length) throw forbidden(`Only the sender of ${dto.documentId} can ask for it back (status 13).`);
      throw notFound(`No document ${dto.documentId} sent by ${me.code} is known to the hub.`);
    }
    if (await alreadyRecalled(em, own.id)) return own;
    return recallDocument(ctx, own.id, note ?? DEFAULT_REVOKE_REASON, keep);
  }

  const [delivery] = candidates.length
    ? await em.find(Delivery, { documentId: { $in: candidates.map((d) => d.id) }, recipientCode: me.code }, { orderBy: { id: 'desc' }, limit: 1 })
    : [];
  if (!delivery) throw notFound(`No document ${dto.documentId} addressed to ${me.code} is known to the hub.`);
  const last = await em.findOne(StatusEvent, { deliveryId: delivery.id }, { orderBy: { id: 'desc' } });
  // A status message sent again (a retry) finds its change already made.
  if (last?.statusCode !== dto.statusCode) {
    const target = deliveryStatusOfCode(dto.statusCode);
    if (target === null || target === DeliveryStatus.RECALLED) await answerRecall(ctx, delivery.id, target !== null, note, keep);
    else await updateDeliveryStatus(ctx, delivery.id, target, note, keep);
  }
  forgetLoadedData(ctx);
  return (await loadVisibleDocument(ctx, delivery.documentId)) as Document;
}
