import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../shared/scalars';

/** Độ khẩn — edXML Priority 0..4. */
export enum Urgency {
  NORMAL = 'NORMAL',
  URGENT = 'URGENT',
  VERY_URGENT = 'VERY_URGENT',
  FLASH = 'FLASH',
  FLASH_TIMED = 'FLASH_TIMED',
}
registerEnumType(Urgency, { name: 'Urgency' });

/** An official document (văn bản) sent through the hub by one agency to one or more recipients. */
@ObjectType()
@Directive('@key(fields: "id")')
@Entity({ tableName: 'document' })
@Unique({ name: 'document_sender_request_uq', properties: ['senderCode', 'clientRequestId'] })
@Index({ name: 'document_outbox_idx', properties: ['senderCode', 'id'] })
@Index({ name: 'document_edxml_key_idx', properties: ['codeNumber', 'codeNotation', 'promulgationDate', 'senderCode'] })
export class Document {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The sender's idempotency key; with senderCode it identifies one send. */
  @Property({ type: 'string', length: 100 })
  clientRequestId!: string;

  /** SHA-256 of the canonical send input, to tell a repeat from a different payload under the same key. */
  @Property({ type: 'string', length: 64 })
  requestHash!: string;

  @Field({ description: 'Số — the number part of the number/notation, e.g. 123 in 123/QĐ-UBND.' })
  @Property({ type: 'string', length: 11 })
  codeNumber!: string;

  @Field({ description: 'Ký hiệu — the notation part, e.g. QĐ-UBND.' })
  @Property({ type: 'string', length: 30 })
  codeNotation!: string;

  @Field({ description: 'e.g. Quyết định, Công văn, Thông báo.' })
  @Property({ type: 'string', length: 100 })
  documentType!: string;

  @Field({ description: 'Trích yếu.' })
  @Property({ type: 'string', length: 500 })
  subject!: string;

  @Field()
  @Property({ type: 'string', length: 50 })
  promulgationPlace!: string;

  @Field(() => DateScalar)
  @Property({ type: 'string', length: 10 })
  promulgationDate!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  signerName!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  signerPosition!: string;

  @Field(() => Urgency)
  @Enum({ items: () => Urgency, type: 'string' })
  urgency!: Urgency;

  @Field(() => DateScalar, { nullable: true })
  @Property({ type: 'string', length: 10, nullable: true })
  dueDate!: string | null;

  @Property({ type: 'string', length: 35 })
  senderCode!: string;

  @Field(() => DateTimeScalar)
  // 'Date', not 'datetime': MikroORM compares a 'datetime' snapshot (a number on SQLite) with the loaded Date
  // as unequal, and so wrote every entity an operation had read back to the database on flush.
  @Property({ type: 'Date' })
  sentAt!: Date;

  @Property({ type: 'integer', nullable: true })
  inReplyToId!: number | null;

  @Property({ type: 'integer', nullable: true })
  supersedesId!: number | null;
}

/** A citizen (by personal identification number) that a document concerns; indexed for Citizen.documents. */
@Entity({ tableName: 'document_citizen' })
@Index({ name: 'document_citizen_person_idx', properties: ['personalId', 'documentId'] })
export class DocumentCitizen {
  @PrimaryKey({ type: 'integer' })
  documentId!: number;

  @PrimaryKey({ type: 'string', length: 12 })
  personalId!: string;
}

/** A land parcel that a document concerns; indexed for LandParcel.documents. */
@Entity({ tableName: 'document_parcel' })
@Index({ name: 'document_parcel_parcel_idx', properties: ['parcelId', 'documentId'] })
export class DocumentParcel {
  @PrimaryKey({ type: 'integer' })
  documentId!: number;

  @PrimaryKey({ type: 'string', length: 64 })
  parcelId!: string;
}
