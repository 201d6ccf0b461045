/**
 * edXML out: Document.edxml and Delivery.statusEdxml. A message that came in as edXML goes out exactly
 * as received — the hub never alters a signed document, so its signature still verifies — and the
 * others are written from the hub's record (mapping.ts, write.ts), with the directory's details of
 * the agencies named.
 */
import { HubError, forbidden } from '../../../shared/errors';
import { mayReadContent } from '../authorization';
import type { DocumentsContext } from '../context';
import type { Delivery } from '../delivery/delivery.entity';
import type { Document } from '../document/document.entity';
import { accessTo } from '../document/document.service';
import { toEdxmlTimestamp } from '../edxml/formats';
import { dtoToDocument, dtoToStatus, type DocumentDto, type Urgency } from '../edxml/mapping';
import type { EdxmlDocument, EdxmlStatus, Organization } from '../edxml/model';
import { writeEdxmlDocument, writeEdxmlStatus } from '../edxml/write';
import { edxmlIdOf, organizationOf } from './lookup';

async function organization(ctx: DocumentsContext, code: string): Promise<Organization> {
  const agency = await ctx.loaders.agency.load(code);
  return agency ? organizationOf(agency) : { organId: code };
}

/** The DocumentId of `doc`, or a clear error for the rare GraphQL number that cannot be one. */
async function documentIdOrRefuse(ctx: DocumentsContext, doc: Document): Promise<string> {
  try {
    return await edxmlIdOf(ctx, doc);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new HubError('BAD_USER_INPUT', `Document ${doc.id} cannot be written as edXML: its number "${doc.codeNumber}/${doc.codeNotation}" does not make a DocumentId (${e.message}).`);
  }
}

async function linkedId(ctx: DocumentsContext, id: number | null): Promise<string | undefined> {
  const linked = id === null ? null : await ctx.loaders.document.load(id);
  return linked ? documentIdOrRefuse(ctx, linked) : undefined;
}

/** A document sent through GraphQL, as the DTO mapping.ts writes messages from. */
async function documentDto(ctx: DocumentsContext, doc: Document): Promise<DocumentDto> {
  const [deliveries, attachments] = await Promise.all([
    ctx.loaders.deliveriesByDocument.load(doc.id),
    ctx.loaders.attachmentsByDocument.load(doc.id),
  ]);
  // The recipients as the sender named them, before any routing to a successor.
  const recipients = deliveries.map((d) => d.redirectedFromCode ?? d.recipientCode);
  // What the hub does not model but knows: the agencies' details and the send as the first hop of the route.
  const preserved: EdxmlDocument = {
    envelope: {
      header: {
        messageHeader: {
          from: await organization(ctx, doc.senderCode),
          to: await Promise.all(recipients.map((code) => organization(ctx, code))),
          documentId: '', code: { codeNumber: '', codeNotation: '' }, promulgationInfo: { place: '', promulgationDate: '' },
          documentType: { typeName: '' }, subject: '', signerInfo: { position: '', fullName: '' }, responseFor: [],
        },
        traceHeaderList: { traceHeaders: [{ organId: doc.senderCode, timestamp: toEdxmlTimestamp(doc.sentAt) }] },
      },
      body: { manifest: { references: [] } },
    },
    attachmentEncoded: { attachments: [] },
  };
  const supersedes = await linkedId(ctx, doc.supersedesId);
  return {
    documentId: await documentIdOrRefuse(ctx, doc),
    codeNumber: doc.codeNumber,
    codeNotation: doc.codeNotation,
    documentType: doc.documentType,
    subject: doc.subject,
    promulgationPlace: doc.promulgationPlace,
    promulgationDate: doc.promulgationDate,
    signerName: doc.signerName,
    signerPosition: doc.signerPosition,
    urgency: doc.urgency as Urgency,
    dueDate: doc.dueDate,
    senderCode: doc.senderCode,
    recipients,
    attachments: await Promise.all(attachments.map(async (a) => ({
      fileName: a.fileName,
      contentType: a.contentType,
      contentBase64: (await ctx.deps.blobs.get(a.sha256)).toString('base64'),
    }))),
    inReplyTo: await linkedId(ctx, doc.inReplyToId),
    // GraphQL's supersedes does not tell an update from a replacement; edXML's update (2) is the milder.
    ...(supersedes === undefined ? { business: 'NEW' as const } : { business: 'UPDATE' as const, supersedes }),
    preserved,
  };
}

/** Document.edxml: for the sender and the recipients only, since it carries the attachments. */
export async function documentEdxml(ctx: DocumentsContext, doc: Document): Promise<string> {
  if (!mayReadContent(await accessTo(ctx, doc))) {
    throw forbidden(`Only the sender and the recipients of document ${doc.id} may read its edXML: it carries the attachments.`);
  }
  const receipt = await ctx.loaders.edxmlReceipt.load(doc.id);
  if (receipt) return (await ctx.deps.blobs.get(receipt.messageSha256)).toString('utf8');
  return writeEdxmlDocument(dtoToDocument(await documentDto(ctx, doc)));
}

/** Delivery.statusEdxml: the status message of the delivery's latest change; null while PENDING. */
export async function statusEdxml(ctx: DocumentsContext, delivery: Delivery): Promise<string | null> {
  const history = await ctx.loaders.historyByDelivery.load(delivery.id);
  const last = history[history.length - 1];
  if (!last?.statusCode) return null;
  const receipt = await ctx.loaders.edxmlStatusReceipt.load(last.id);
  if (receipt) return receipt.message;
  const doc = await ctx.loaders.document.load(delivery.documentId);
  if (!doc) return null;
  const preserved: EdxmlStatus = {
    envelope: {
      header: {
        messageStatus: {
          responseFor: { organId: '', code: '', promulgationDate: '', documentId: '' },
          from: await organization(ctx, last.byAgencyCode),
          statusCode: '',
          timestamp: '',
        },
      },
    },
  };
  return writeEdxmlStatus(dtoToStatus({
    documentId: await documentIdOrRefuse(ctx, doc),
    byAgency: last.byAgencyCode,
    statusCode: last.statusCode,
    ...(last.note === null ? {} : { note: last.note }),
    at: last.at.toISOString(),
    preserved,
  }));
}
