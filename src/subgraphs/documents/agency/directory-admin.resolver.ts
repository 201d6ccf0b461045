import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Mutation, Resolver } from 'type-graphql';
import type { DocumentsContext } from '../context';
import { Agency } from './agency.entity';
import { createAgency, deactivateAgency, mergeAgency, updateAgency } from './directory-admin';

@InputType({ description: 'Changes to an agency: a field left out keeps its value; null clears an optional one.' })
class UpdateAgencyInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'The agency above it in the directory.' })
  parentCode?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;
}

@InputType({ description: 'A new agency: its electronic code (QĐ 20/2020) and name, the rest optional.' })
class CreateAgencyInput extends UpdateAgencyInput {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  override name!: string;
}

/** Args classes, not @Arg parameters, so the SDL lists the agency's code first. */
@ArgsType()
class AgencyCodeArgs {
  @Field(() => ID)
  code!: string;
}

@ArgsType()
class UpdateAgencyArgs extends AgencyCodeArgs {
  @Field(() => UpdateAgencyInput)
  input!: UpdateAgencyInput;
}

@ArgsType()
class MergeAgencyArgs extends AgencyCodeArgs {
  @Field(() => ID, { description: 'The active agency that takes over its duties and its mail.' })
  successorCode!: string;
}

/** The operators' directory mutations (OPERATOR role; every change is in the audit log). */
@Resolver(() => Agency)
export class DirectoryAdminResolver {
  @Mutation(() => Agency, { description: 'Hub operators: add an agency to the directory.' })
  createAgency(@Arg('input', () => CreateAgencyInput) input: CreateAgencyInput, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return createAgency(ctx, input);
  }

  @Mutation(() => Agency, { description: "Hub operators: change an agency's name, parent or contact details." })
  updateAgency(@Args() { code, input }: UpdateAgencyArgs, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return updateAgency(ctx, code, input);
  }

  @Mutation(() => Agency, { description: 'Hub operators: the agency is dissolved — new documents to it are refused, its tokens stop working at once.' })
  deactivateAgency(@Args() { code }: AgencyCodeArgs, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return deactivateAgency(ctx, code);
  }

  @Mutation(() => Agency, { description: 'Hub operators: the agency is merged into its successor — deactivated, and documents addressed to it go to the successor.' })
  mergeAgency(@Args() { code, successorCode }: MergeAgencyArgs, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return mergeAgency(ctx, code, successorCode);
  }
}
