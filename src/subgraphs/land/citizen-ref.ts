import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The population subgraph's Citizen as the land subgraph sees it: the key only. Land resolves it (to
 * contribute Citizen.landParcels) from the key alone, so no population data is copied here.
 */
@ObjectType('Citizen')
@Directive('@key(fields: "personalId")')
export class CitizenRef {
  @Field(() => ID)
  personalId!: string;
}
