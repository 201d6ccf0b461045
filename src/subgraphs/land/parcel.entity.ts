import { Entity, Index, ManyToOne, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { connectionType } from '../../shared/pagination';

/** A land parcel (thửa đất) in the national land database (cơ sở dữ liệu đất đai). */
@ObjectType({ description: 'A land parcel in the national land database.' })
@Directive('@key(fields: "parcelId")')
@Entity({ tableName: 'land_parcel' })
export class LandParcel {
  [PrimaryKeyProp]?: 'parcelId';

  @Field(() => ID)
  @PrimaryKey({ type: 'string', length: 20 })
  parcelId!: string;

  @Field(() => Int, { description: 'Tờ bản đồ số.' })
  @Property({ type: 'integer' })
  mapSheet!: number;

  @Field(() => Int, { description: 'Thửa đất số.' })
  @Property({ type: 'integer' })
  parcelNumber!: number;

  @Field(() => Float)
  @Property({ type: 'double' })
  areaM2!: number;

  /** The land-use category with its code, e.g. "Đất trồng lúa (LUA)". */
  @Field()
  @Property({ type: 'string', length: 60 })
  landUse!: string;

  @Field()
  @Property({ type: 'string', length: 250 })
  address!: string;

  /** address folded for search ("xa tan lap" finds "Xã Tân Lập"). */
  @Property({ type: 'string', length: 250 })
  searchAddress!: string;
}

/**
 * One owner of one parcel. The citizen lives in the population subgraph, so only the personal id is
 * kept here; the index on it serves Citizen.landParcels.
 */
@Entity({ tableName: 'parcel_owner' })
@Index({ name: 'parcel_owner_personal_id_idx', properties: ['personalId', 'parcel'] })
export class ParcelOwner {
  [PrimaryKeyProp]?: ['parcel', 'personalId'];

  @ManyToOne(() => LandParcel, { primary: true, fieldName: 'parcel_id' })
  parcel!: LandParcel;

  @PrimaryKey({ type: 'string', length: 12 })
  personalId!: string;
}

export const LandParcelConnection = connectionType('LandParcel', LandParcel);
