import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';

/** A file sent with a document. The bytes live content-addressed on disk; the row holds name, size and digest. */
@ObjectType()
@Entity({ tableName: 'attachment' })
export class Attachment {
  @Field(() => ID)
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Index({ name: 'attachment_document_idx' })
  @Property({ type: 'integer' })
  documentId!: number;

  @Field()
  @Property({ type: 'string', length: 255 })
  fileName!: string;

  @Field()
  @Property({ type: 'string', length: 255 })
  contentType!: string;

  @Field(() => Int)
  @Property({ type: 'integer' })
  size!: number;

  @Field({ description: 'Hex SHA-256 of the content.' })
  @Property({ type: 'string', length: 64 })
  sha256!: string;
}
