import { Arg, Args, ArgsType, Ctx, Field, ID, Int, Query, Resolver } from 'type-graphql';
import { pageSize, type Connection } from '../../shared/pagination';
import { Citizen, CitizenConnection } from './citizen.entity';
import { assertPersonalId, searchCitizens } from './citizen.service';
import type { PopulationContext } from './loaders';

const DEFAULT_PAGE_SIZE = 20;

/** An args class, not @Arg parameters, so the SDL lists the arguments in the contract's order. */
@ArgsType()
class CitizensArgs {
  @Field(() => String, { nullable: true })
  residence?: string | null;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE })
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Citizen)
export class CitizenResolver {
  @Query(() => Citizen, { nullable: true })
  citizen(@Arg('personalId', () => ID) personalId: string, @Ctx() ctx: PopulationContext): Promise<Citizen | null> {
    assertPersonalId(personalId, 'personalId');
    return ctx.loaders.citizen.load(personalId);
  }

  @Query(() => CitizenConnection, {
    description: 'Filter by a substring of the residence (e.g. a province name) and/or of the full name.',
  })
  citizens(@Args() { first, ...filter }: CitizensArgs, @Ctx() ctx: PopulationContext): Promise<Connection<Citizen>> {
    return searchCitizens(ctx.orm, { ...filter, first: pageSize(first, DEFAULT_PAGE_SIZE) });
  }
}
