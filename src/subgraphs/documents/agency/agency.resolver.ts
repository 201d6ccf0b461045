import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../shared/auth';
import { connectionType } from '../../../shared/pagination';
import type { DocumentsContext } from '../context';
import { Agency } from './agency.entity';
import { listAgencies, requireCallerAgency } from './agency.service';

export const AgencyConnection = connectionType('Agency', Agency);

@ArgsType()
class AgenciesArgs {
  @Field(() => String, { nullable: true })
  search?: string | null;

  @Field(() => ID, { nullable: true })
  parentCode?: string | null;

  @Field(() => Int, { nullable: true, defaultValue: 50 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

@Resolver(() => Agency)
export class AgencyResolver {
  @Query(() => Agency, { description: 'The calling agency (role AGENCY).' })
  me(@Ctx() ctx: DocumentsContext): Promise<Agency> {
    return requireCallerAgency(ctx);
  }

  @Query(() => Agency, { nullable: true })
  async agency(@Arg('code', () => ID) code: string, @Ctx() ctx: DocumentsContext): Promise<Agency | null> {
    requireIdentity(ctx);
    return ctx.loaders.agency.load(code);
  }

  @Query(() => AgencyConnection)
  agencies(@Args() args: AgenciesArgs, @Ctx() ctx: DocumentsContext) {
    requireIdentity(ctx);
    return listAgencies(ctx, args);
  }

  @FieldResolver(() => Agency, { nullable: true })
  parent(@Root() agency: Agency, @Ctx() ctx: DocumentsContext): Promise<Agency | null> | null {
    return agency.parentCode ? ctx.loaders.agency.load(agency.parentCode) : null;
  }

  @FieldResolver(() => Agency, { nullable: true, description: "The agency that took over this one's duties after a merger, if any." })
  successor(@Root() agency: Agency, @Ctx() ctx: DocumentsContext): Promise<Agency | null> | null {
    return agency.successorCode ? ctx.loaders.agency.load(agency.successorCode) : null;
  }

  @FieldResolver(() => AgencyConnection)
  children(
    @Root() agency: Agency,
    @Ctx() ctx: DocumentsContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return listAgencies(ctx, { parentCode: agency.code, first, after });
  }
}
