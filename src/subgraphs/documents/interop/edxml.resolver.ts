import { Arg, Ctx, Field, FieldResolver, Mutation, ObjectType, Resolver, Root, registerEnumType } from 'type-graphql';
import type { DocumentsContext } from '../context';
import { Delivery } from '../delivery/delivery.entity';
import { Document } from '../document/document.entity';
import { documentEdxml, statusEdxml } from './emit';
import { sendEdxml, sendEdxmlStatus } from './receive';

/** The verdicts of edxml/signature.ts, as a GraphQL enum. */
export enum SignatureVerdict {
  UNSIGNED = 'UNSIGNED',
  VALID = 'VALID',
  INVALID = 'INVALID',
}
registerEnumType(SignatureVerdict, {
  name: 'SignatureVerdict',
  description: 'What the hub found of an edXML message\'s XML-DSig signature (chữ ký số) when it came in.',
});

@ObjectType({ description: 'The XML-DSig signature of a document that came in as edXML.' })
export class EdxmlSignature {
  @Field(() => SignatureVerdict, {
    description: 'VALID: one signature over the whole message, matching the certificate it carries, within that certificate\'s validity. The certificate\'s issuer is not checked against a trust list.',
  })
  verdict!: SignatureVerdict;

  @Field(() => String, { nullable: true, description: 'Subject of the signer\'s certificate, e.g. "CN=Văn thư UBND tỉnh Nghệ An, O=UBND, C=VN".' })
  signerSubject!: string | null;

  @Field(() => String, { nullable: true, description: 'Why the verdict is INVALID.' })
  problem!: string | null;
}

/** edXML (QCVN 102:2016) for document-management systems that do not speak GraphQL; REST mirrors it at the gateway. */
@Resolver(() => Document)
export class DocumentEdxmlResolver {
  @Mutation(() => Document, {
    description: 'Sends an edXML document message from the caller\'s system: a new document, or (BussinessDocType 1) the revoke of an earlier one, or (2, 3) its update or replacement. Idempotent per DocumentId and sender. Problems are reported with the XPath of the element at fault.',
  })
  sendEdxml(@Arg('message', () => String) message: string, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return sendEdxml(ctx, message);
  }

  @Mutation(() => Document, {
    description: 'Applies an edXML status message (01–06 by a recipient, 13 by the sender, 15/16 answering a recall) to the document it names; a message sent again changes nothing.',
  })
  sendEdxmlStatus(@Arg('message', () => String) message: string, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return sendEdxmlStatus(ctx, message);
  }

  @FieldResolver(() => String, {
    description: 'The document as an edXML message: as received when it came as edXML, else written from the hub\'s record. Sender and recipients only.',
  })
  edxml(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<string> {
    return documentEdxml(ctx, doc);
  }

  @FieldResolver(() => EdxmlSignature, { nullable: true, description: 'The signature verdict of a document that came in as edXML; null otherwise.' })
  async edxmlSignature(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<EdxmlSignature | null> {
    const receipt = await ctx.loaders.edxmlReceipt.load(doc.id);
    if (!receipt) return null;
    return { verdict: SignatureVerdict[receipt.signatureVerdict], signerSubject: receipt.signerSubject, problem: receipt.signatureProblem };
  }
}

@Resolver(() => Delivery)
export class DeliveryEdxmlResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The edXML status message of this delivery\'s latest status change; null while PENDING.' })
  statusEdxml(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext): Promise<string | null> {
    return statusEdxml(ctx, delivery);
  }
}
