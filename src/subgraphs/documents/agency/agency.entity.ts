import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * An agency in the national directory (cơ quan), identified by its electronic code.
 * Parent and successor are kept as codes, not foreign keys, so an official directory can be imported
 * in any order and a unit can reference one that arrives later in the same file.
 */
@ObjectType({ description: 'An agency in the national directory (cơ quan), identified by its electronic code, e.g. 000.00.00.G22.' })
@Directive('@key(fields: "code")')
@Entity({ tableName: 'agency' })
export class Agency {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 35 })
  code!: string;

  @Field()
  @Property({ type: 'string', length: 200 })
  name!: string;

  /**
   * The name folded for search: lower case, no Vietnamese diacritics ("ha noi" finds "Hà Nội"). Indexed for
   * substring search per database (Migration20261129000000AgencySearch), which an @Index cannot declare.
   */
  @Property({ type: 'string', length: 200 })
  searchName!: string;

  @Index({ name: 'agency_parent_code_idx' })
  @Property({ type: 'string', length: 35, nullable: true })
  parentCode!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 100, nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 20, nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 250, nullable: true })
  address!: string | null;

  @Field(() => String, { nullable: true })
  @Property({ type: 'string', length: 200, nullable: true })
  website!: string | null;

  @Field({ description: 'false once the agency is dissolved or merged; new documents are then refused (or routed to successor).' })
  @Property({ type: 'boolean', default: true })
  active!: boolean;

  @Property({ type: 'string', length: 35, nullable: true })
  successorCode!: string | null;

  // 'Date', not 'datetime': MikroORM compares a 'datetime' snapshot (a number on SQLite) with the loaded Date
  // as unequal, and so wrote every entity an operation had read back to the database on flush.
  @Property({ type: 'Date' })
  updatedAt!: Date;
}
