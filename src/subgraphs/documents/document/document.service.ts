import type { Knex } from '@mikro-orm/knex';
import { requireIdentity } from '../../../shared/auth';
import { forbidden } from '../../../shared/errors';
import { decodeSeqCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../../shared/pagination';
import { documentAccess, mayReadContent, type DocumentAccess } from '../authorization';
import { requireCallerAgency } from '../agency/agency.service';
import type { DocumentsContext } from '../context';
import { columnOf, countEntities, readEntities } from '../../../shared/read';
import { Document } from './document.entity';

/** How the caller stands to this document (its deliveries come from the batched loader). */
export async function accessTo(ctx: DocumentsContext, doc: Document): Promise<DocumentAccess> {
  const deliveries = await ctx.loaders.deliveriesByDocument.load(doc.id);
  return documentAccess(
    requireIdentity(ctx),
    doc.senderCode,
    deliveries.map((d) => d.recipientCode),
  );
}

/** What a document carries (attachment bytes, the citizens and parcels it concerns): FORBIDDEN to support. */
export async function requireContentAccess(ctx: DocumentsContext, doc: Document): Promise<void> {
  if (!mayReadContent(await accessTo(ctx, doc))) {
    throw forbidden(`Only the sender and the recipients of document ${doc.id} may read what it carries.`);
  }
}

/**
 * A document by id for this caller: null when it does not exist, FORBIDDEN when the caller is neither
 * its sender nor a recipient. Every path to a Document (query, reply links, _entities) goes through here.
 */
export async function loadVisibleDocument(ctx: DocumentsContext, id: number): Promise<Document | null> {
  const doc = await ctx.loaders.document.load(id);
  if (!doc) return null;
  if (!(await accessTo(ctx, doc))) {
    throw forbidden(`Document ${id} is not addressed to or sent by the calling agency.`);
  }
  return doc;
}

/** Documents sent by the calling agency, newest first (read like the inbox: no unit of work). */
export async function outbox(ctx: DocumentsContext, first: number, after?: string | null): Promise<Connection<Document>> {
  const me = await requireCallerAgency(ctx);
  const size = pageSize(first, 20);
  const { orm } = ctx.deps;
  const column = (property: keyof Document & string) => columnOf(orm, Document, property);
  const mine = (q: Knex.QueryBuilder) => q.where(column('senderCode'), me.code);
  const before = after != null ? decodeSeqCursor('outbox', after) : undefined;
  const rows = await readEntities(orm, Document, (q) => {
    mine(q);
    if (before !== undefined) q.where(column('id'), '<', before);
    return q.orderBy(column('id'), 'desc').limit(size + 1);
  });
  for (const doc of rows) ctx.loaders.document.prime(doc.id, doc);
  return toConnection(rows, size, (d) => encodeCursor('outbox', d.id), () => countEntities(orm, Document, mine));
}
