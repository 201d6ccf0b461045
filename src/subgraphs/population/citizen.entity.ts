import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/pagination';
import { DateScalar } from '../../shared/scalars';

/**
 * A person in the national population database (cơ sở dữ liệu quốc gia về dân cư), by the 12-digit
 * personal identification number of the CCCD. Other subgraphs refer to a citizen by that number only.
 */
@ObjectType({ description: 'A person in the national population database, by the 12-digit personal identification number.' })
@Directive('@key(fields: "personalId")')
@Entity({ tableName: 'citizen' })
@Index({ name: 'citizen_province_code_idx', properties: ['provinceCode', 'personalId'] })
export class Citizen {
  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 12 })
  personalId!: string;

  @Field()
  @Property({ type: 'string', length: 100 })
  fullName!: string;

  /** fullName folded for search ("nguyen van hung" finds "Nguyễn Văn Hùng"), stored so no query folds rows. */
  @Property({ type: 'string', length: 100 })
  searchName!: string;

  @Field(() => DateScalar)
  @Property({ type: 'date' })
  birthDate!: string;

  /** "Nam" or "Nữ", as on the CCCD. */
  @Field()
  @Property({ type: 'string', length: 3 })
  gender!: string;

  @Field({ description: 'Permanent residence, e.g. commune, district, province.' })
  @Property({ type: 'string', length: 200 })
  residence!: string;

  /** residence folded for search. */
  @Property({ type: 'string', length: 200 })
  searchResidence!: string;

  /** The residence's province: a filter naming a province uses this index, not a substring scan. */
  @Property({ type: 'string', length: 3 })
  provinceCode!: string;
}

export const CitizenConnection = connectionType('Citizen', Citizen);
