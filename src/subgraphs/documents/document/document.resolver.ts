import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { notFound } from '../../../shared/errors';
import { connectionType } from '../../../shared/pagination';
import { Agency } from '../agency/agency.entity';
import { visibleDeliveries } from '../authorization';
import type { DocumentsContext } from '../context';
import { Delivery } from '../delivery/delivery.entity';
import { recallDocument } from '../delivery/delivery.service';
import { Attachment } from './attachment.entity';
import { Document } from './document.entity';
import { SendDocumentInput } from './document.inputs';
import { accessTo, loadVisibleDocument, outbox, requireContentAccess } from './document.service';
import { parseRowId } from '../../../shared/ids';
import { sendDocument } from './send';
import { requireIdentity } from '../../../shared/auth';

export const DocumentConnection = connectionType('Document', Document);

/** A linked document (reply-to, supersedes) the caller may not be allowed to see: FORBIDDEN on that field. */
function linked(ctx: DocumentsContext, id: number | null): Promise<Document | null> | null {
  return id === null ? null : loadVisibleDocument(ctx, id);
}

@Resolver(() => Document)
export class DocumentResolver {
  @Query(() => Document, { nullable: true, description: 'Null when it does not exist; FORBIDDEN when the caller is neither its sender nor a recipient.' })
  document(@Arg('id', () => ID) id: string, @Ctx() ctx: DocumentsContext): Promise<Document | null> | null {
    requireIdentity(ctx);
    const n = parseRowId(id);
    return n === null ? null : loadVisibleDocument(ctx, n);
  }

  @Query(() => DocumentConnection, { description: 'Documents sent by the calling agency, newest first.' })
  outbox(
    @Ctx() ctx: DocumentsContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return outbox(ctx, first, after);
  }

  @Mutation(() => Document)
  sendDocument(@Arg('input', () => SendDocumentInput) input: SendDocumentInput, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return sendDocument(ctx, input);
  }

  @Mutation(() => Document, { description: 'By the sender: undelivered copies become RECALLED at once, the others RECALL_REQUESTED.' })
  recallDocument(
    @Arg('documentId', () => ID) documentId: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: DocumentsContext,
  ): Promise<Document> {
    const id = parseRowId(documentId);
    if (id === null) throw notFound(`Document ${documentId} does not exist.`);
    return recallDocument(ctx, id, reason);
  }

  @FieldResolver(() => Agency)
  async sender(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return (await ctx.loaders.agency.load(doc.senderCode))!;
  }

  @FieldResolver(() => [Delivery], { description: 'The sender sees every delivery; a recipient sees only its own.' })
  async deliveries(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<Delivery[]> {
    const all = await ctx.loaders.deliveriesByDocument.load(doc.id);
    return visibleDeliveries(requireIdentity(ctx), await accessTo(ctx, doc), all);
  }

  @FieldResolver(() => [Attachment])
  attachments(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<Attachment[]> {
    return ctx.loaders.attachmentsByDocument.load(doc.id);
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The document this one answers, if any.' })
  inReplyTo(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return linked(ctx, doc.inReplyToId);
  }

  @FieldResolver(() => Document, { nullable: true, description: 'The earlier document that this one updates or replaces, if any.' })
  supersedes(@Root() doc: Document, @Ctx() ctx: DocumentsContext) {
    return linked(ctx, doc.supersedesId);
  }
}

@Resolver(() => Attachment)
export class AttachmentResolver {
  @FieldResolver(() => String, { description: 'Base64 of the content; only the sender and recipients may read it.' })
  async contentBase64(@Root() attachment: Attachment, @Ctx() ctx: DocumentsContext): Promise<string> {
    await requireContentAccess(ctx, (await ctx.loaders.document.load(attachment.documentId))!);
    return (await ctx.deps.blobs.get(attachment.sha256)).toString('base64');
  }
}
