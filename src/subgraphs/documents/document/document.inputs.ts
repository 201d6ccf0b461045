import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '../../../shared/scalars';
import { Urgency } from './document.entity';
import type { AttachmentRequest, SendRequest } from './send-validation';

@InputType()
export class AttachmentInput implements AttachmentRequest {
  @Field()
  fileName!: string;

  @Field()
  contentType!: string;

  @Field()
  contentBase64!: string;

  @Field(() => String, {
    nullable: true,
    description: "Hex SHA-256 of the content as the sender computed it: if given, the hub refuses content that does not match (corrupted or changed on the way).",
  })
  sha256?: string | null;
}

@InputType()
export class SendDocumentInput implements SendRequest {
  @Field(() => ID, {
    description: 'Idempotency key chosen by the sender\'s system: a repeat with the same key returns the same Document and creates nothing.',
  })
  clientRequestId!: string;

  @Field()
  codeNumber!: string;

  @Field()
  codeNotation!: string;

  @Field()
  documentType!: string;

  @Field()
  subject!: string;

  @Field()
  promulgationPlace!: string;

  @Field(() => DateScalar)
  promulgationDate!: string;

  @Field()
  signerName!: string;

  @Field()
  signerPosition!: string;

  @Field(() => Urgency, { nullable: true, defaultValue: Urgency.NORMAL })
  urgency?: Urgency | null;

  @Field(() => DateScalar, { nullable: true })
  dueDate?: string | null;

  @Field(() => [ID], { description: 'Agency codes: at least one, no duplicates, each active, never the sender.' })
  recipients!: string[];

  @Field(() => [AttachmentInput], { nullable: true, defaultValue: [] })
  attachments?: AttachmentInput[] | null;

  @Field(() => ID, { nullable: true })
  inReplyTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Set to send an update or replacement of an earlier document of the same sender.' })
  supersedes?: string | null;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Personal identification numbers of the citizens this document concerns (population database).' })
  citizenIds?: string[] | null;

  @Field(() => [ID], { nullable: true, defaultValue: [], description: 'Identifiers of the land parcels this document concerns (land database).' })
  parcelIds?: string[] | null;
}
