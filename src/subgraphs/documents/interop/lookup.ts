/**
 * Finding hub documents by their edXML DocumentId (mã văn bản), the key replies, revokes, updates and
 * status messages name a document by. A document that came as edXML goes by the DocumentId its message
 * carried; one sent through GraphQL by the DocumentId its own fields make (sender, date, number/notation).
 */
import type { EntityManager } from '@mikro-orm/core';
import type { Agency } from '../agency/agency.entity';
import { accessTo } from '../document/document.service';
import { Document } from '../document/document.entity';
import type { DocumentsContext } from '../context';
import { formatDocumentId, parseDocumentId } from '../edxml/document-id';
import { withoutUndefined, type Organization } from '../edxml/model';
import { EdxmlReceipt } from './edxml-receipt.entity';

/** The documents known by `documentId`, newest first (an update may reuse its original's DocumentId). */
export async function documentsByEdxmlId(em: EntityManager, documentId: string): Promise<Document[]> {
  const received = await em.find(EdxmlReceipt, { edxmlDocumentId: documentId });
  const parts = parseDocumentId(documentId);
  const byFields = parts
    ? await em.find(Document, {
        senderCode: parts.issuerCode,
        promulgationDate: parts.promulgationDate,
        codeNumber: parts.codeNumber,
        codeNotation: parts.codeNotation,
      })
    : [];
  // A document that came as edXML under another DocumentId goes by that one only.
  const elsewhere = byFields.length
    ? new Set((await em.find(EdxmlReceipt, { documentId: { $in: byFields.map((d) => d.id) }, edxmlDocumentId: { $ne: documentId } })).map((r) => r.documentId))
    : new Set<number>();
  const ids = [...new Set([...received.map((r) => r.documentId), ...byFields.filter((d) => !elsewhere.has(d.id)).map((d) => d.id)])];
  return ids.length ? em.find(Document, { id: { $in: ids } }, { orderBy: { id: 'desc' } }) : [];
}

/** Of several documents by one DocumentId, the newest the caller is party to; else the newest. */
export async function preferVisible(ctx: DocumentsContext, documents: Document[]): Promise<Document | undefined> {
  for (const doc of documents) if (await accessTo(ctx, doc)) return doc;
  return documents[0];
}

/**
 * The DocumentId a document goes by. Throws RangeError for a GraphQL-sent document whose number holds
 * a "/" or a "," (it cannot be written as a DocumentId that reads back the same).
 */
export async function edxmlIdOf(ctx: DocumentsContext, doc: Document): Promise<string> {
  const receipt = await ctx.loaders.edxmlReceipt.load(doc.id);
  return receipt?.edxmlDocumentId ?? formatDocumentId({
    issuerCode: doc.senderCode,
    promulgationDate: doc.promulgationDate,
    codeNumber: doc.codeNumber,
    codeNotation: doc.codeNotation,
  });
}

/** An agency of the directory as an edXML From or To, with the contact details the directory has. */
export function organizationOf(agency: Agency): Organization {
  return withoutUndefined({
    organId: agency.code,
    organName: agency.name,
    organAdd: agency.address ?? undefined,
    email: agency.email ?? undefined,
    telephone: agency.phone ?? undefined,
    website: agency.website ?? undefined,
  });
}
