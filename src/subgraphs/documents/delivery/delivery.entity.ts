import { Entity, Enum, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../../shared/scalars';
import { Urgency } from '../document/document.entity';
import { DeliveryStatus } from './status-machine';

/**
 * One copy of a document for one recipient, with where it stands there.
 * Its autoincrement id orders arrivals: the deliveries table is the arrival log that
 * documentArrived replays from, written in the same transaction as the send.
 */
@ObjectType()
@Entity({ tableName: 'delivery' })
@Unique({ name: 'delivery_document_recipient_uq', properties: ['documentId', 'recipientCode'] })
@Index({ name: 'delivery_inbox_idx', properties: ['recipientCode', 'id'] })
@Index({ name: 'delivery_inbox_status_idx', properties: ['recipientCode', 'status', 'id'] })
export class Delivery {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  documentId!: number;

  @Property({ type: 'string', length: 35 })
  recipientCode!: string;

  /** The agency the sender addressed when the hub routed the copy to that agency's successor. */
  @Property({ type: 'string', length: 35, nullable: true })
  redirectedFromCode!: string | null;

  /** Copied from the document (immutable there) so the inbox can filter by urgency without a join. */
  @Enum({ items: () => Urgency, type: 'string' })
  urgency!: Urgency;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: 'string' })
  status!: DeliveryStatus;

  /** The status a RECALL_REQUESTED delivery returns to if the recipient refuses the recall. */
  @Enum({ items: () => DeliveryStatus, type: 'string', nullable: true })
  statusBeforeRecall!: DeliveryStatus | null;

  // 'Date', not 'datetime': MikroORM compares a 'datetime' snapshot (a number on SQLite) with the loaded Date
  // as unequal, and so wrote every entity an operation had read back to the database on flush.
  @Property({ type: 'Date' })
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  @Property({ type: 'Date' })
  updatedAt!: Date;
}

/**
 * One status change of a delivery (append-only). Its autoincrement id orders status changes: this
 * table is the log deliveryStatusChanged replays from, written in the same transaction as the change.
 */
@ObjectType()
@Entity({ tableName: 'status_event' })
@Index({ name: 'status_event_delivery_idx', properties: ['deliveryId', 'id'] })
@Index({ name: 'status_event_sender_idx', properties: ['senderCode', 'id'] })
export class StatusEvent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'integer' })
  deliveryId!: number;

  /** The sender of the document: the audience of deliveryStatusChanged. */
  @Property({ type: 'string', length: 35 })
  senderCode!: string;

  @Field(() => DeliveryStatus)
  @Enum({ items: () => DeliveryStatus, type: 'string' })
  status!: DeliveryStatus;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 2, nullable: true })
  statusCode!: string | null;

  @Field(() => DateTimeScalar)
  @Property({ type: 'Date' })
  at!: Date;

  @Property({ type: 'string', length: 35 })
  byAgencyCode!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 500, nullable: true })
  note!: string | null;
}
