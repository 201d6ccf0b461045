import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { SignatureCheck, SignatureVerdict } from '../edxml/signature';

const VERDICTS: SignatureVerdict[] = ['UNSIGNED', 'VALID', 'INVALID'];

/** What both kinds of receipt record of the message's XML-DSig signature when it came in (edxml/signature.ts). */
@Entity({ abstract: true })
export abstract class SignedMessageReceipt {
  @Enum({ items: VERDICTS, type: 'string' })
  signatureVerdict!: SignatureVerdict;

  @Property({ type: 'string', length: 500, nullable: true })
  signerSubject!: string | null;

  @Property({ type: 'string', length: 500, nullable: true })
  signatureProblem!: string | null;
}

/** The columns of a verdict; a subject or problem longer than its column is cut, never refused. */
export function signatureColumns(check: SignatureCheck): Pick<SignedMessageReceipt, 'signatureVerdict' | 'signerSubject' | 'signatureProblem'> {
  return { signatureVerdict: check.verdict, signerSubject: check.signerSubject?.slice(0, 500) ?? null, signatureProblem: check.problem?.slice(0, 500) ?? null };
}

/**
 * How a document came in as an edXML message: the message exactly as received (a blob, so it goes out
 * again byte for byte and its signature still verifies), the DocumentId it goes by, and the verdict on
 * its signature. Documents sent through GraphQL have none.
 */
@Entity({ tableName: 'edxml_receipt' })
@Index({ name: 'edxml_receipt_document_id_idx', properties: ['edxmlDocumentId'] })
export class EdxmlReceipt extends SignedMessageReceipt {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  documentId!: number;

  /** The message's MessageHeader/DocumentId (mã văn bản), the key later messages refer to it by. */
  @Property({ type: 'string', length: 100 })
  edxmlDocumentId!: string;

  /** SHA-256 of the message as received; its bytes are in the blob store. */
  @Property({ type: 'string', length: 64 })
  messageSha256!: string;

  // 'Date', as the other entities: a 'datetime' snapshot compares unequal to the loaded Date and is rewritten on flush.
  @Property({ type: 'Date' })
  receivedAt!: Date;
}

/** A status change that came in as an edXML status message: the message as received, and its signature verdict. */
@Entity({ tableName: 'edxml_status_receipt' })
export class EdxmlStatusReceipt extends SignedMessageReceipt {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  statusEventId!: number;

  /** Status messages carry no attachments: a few kilobytes, kept in the row. */
  @Property({ type: 'text' })
  message!: string;
}
