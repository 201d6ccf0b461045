import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { pageSize, type Connection } from '../../shared/pagination';
import { assertPersonalId } from '../population/citizen.service';
import { CitizenRef } from './citizen-ref';
import type { LandContext } from './loaders';
import { LandParcel, LandParcelConnection } from './parcel.entity';
import { searchParcels } from './parcel.service';

const DEFAULT_PAGE_SIZE = 20;

/** An args class, not @Arg parameters, so the SDL lists the arguments in the contract's order. */
@ArgsType()
class LandParcelsArgs {
  @Field(() => ID, { nullable: true })
  ownerId?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => LandParcel)
export class LandParcelResolver {
  @Query(() => LandParcel, { nullable: true })
  landParcel(@Arg('parcelId', () => ID) parcelId: string, @Ctx() ctx: LandContext): Promise<LandParcel | null> {
    return ctx.loaders.parcel.load(parcelId);
  }

  @Query(() => LandParcelConnection, { description: 'Filter by owner and/or a substring of the address.' })
  landParcels(@Args() { first, ...filter }: LandParcelsArgs, @Ctx() ctx: LandContext): Promise<Connection<LandParcel>> {
    if (filter.ownerId != null) assertPersonalId(filter.ownerId, 'ownerId');
    return searchParcels(ctx.orm, { ...filter, first: pageSize(first, DEFAULT_PAGE_SIZE) });
  }

  /** Stubs only: the gateway fetches the rest of each citizen from the population subgraph. */
  @FieldResolver(() => [CitizenRef])
  async owners(@Root() parcel: LandParcel, @Ctx() ctx: LandContext): Promise<CitizenRef[]> {
    const ids = await ctx.loaders.ownerIds.load(parcel.parcelId);
    return ids.map((personalId) => ({ personalId }));
  }
}

/** Citizen.landParcels: the land subgraph's contribution to the population subgraph's Citizen. */
@Resolver(() => CitizenRef)
export class CitizenLandResolver {
  @FieldResolver(() => [LandParcel], { description: 'From the land subgraph.' })
  landParcels(@Root() citizen: CitizenRef, @Ctx() ctx: LandContext): Promise<LandParcel[]> {
    return ctx.loaders.parcelsByOwner.load(citizen.personalId);
  }
}
