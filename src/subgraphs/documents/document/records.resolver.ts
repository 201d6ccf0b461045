/**
 * The documents subgraph's side of the national databases: which citizens and land parcels a document
 * concerns (entity references, resolved by the population and land subgraphs), and the reverse joins.
 */
import { Arg, Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../shared/auth';
import type { DocumentsContext } from '../context';
import { createConcernedLoaders, documentsConcerning, type RecordKind } from './concerned';
import { Document } from './document.entity';
import { requireContentAccess } from './document.service';
import { DocumentConnection } from './document.resolver';

@ObjectType('Citizen', { description: 'A person in the national population database (owned by the population subgraph).' })
@Directive('@key(fields: "personalId")')
export class CitizenRef {
  @Field(() => ID)
  personalId!: string;
}

@ObjectType('LandParcel', { description: 'A land parcel in the national land database (owned by the land subgraph).' })
@Directive('@key(fields: "parcelId")')
export class LandParcelRef {
  @Field(() => ID)
  parcelId!: string;
}

function concerning(ctx: DocumentsContext, kind: RecordKind, record: string, first: number, after: string | null | undefined) {
  const identity = requireIdentity(ctx);
  ctx.concerned ??= {};
  const loaders = (ctx.concerned[kind] ??= createConcernedLoaders(ctx.deps.orm, identity, kind));
  const load = async (ids: number[]) => (await ctx.loaders.document.loadMany(ids)).filter((d): d is Document => d instanceof Document);
  return documentsConcerning(loaders, load, record, first, after);
}

@Resolver(() => CitizenRef)
export class CitizenDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { description: 'The documents visible to the caller that concern this citizen.' })
  documents(
    @Root() citizen: CitizenRef,
    @Ctx() ctx: DocumentsContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return concerning(ctx, 'citizen', citizen.personalId, first, after);
  }
}

@Resolver(() => LandParcelRef)
export class LandParcelDocumentsResolver {
  @FieldResolver(() => DocumentConnection, { description: 'The documents visible to the caller that concern this parcel.' })
  documents(
    @Root() parcel: LandParcelRef,
    @Ctx() ctx: DocumentsContext,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after?: string | null,
  ) {
    return concerning(ctx, 'parcel', parcel.parcelId, first, after);
  }
}

@Resolver(() => Document)
export class DocumentRecordsResolver {
  @FieldResolver(() => [CitizenRef], { description: 'The citizens this document concerns (population database).' })
  async citizens(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<CitizenRef[]> {
    await requireContentAccess(ctx, doc);
    return (await ctx.loaders.citizensByDocument.load(doc.id)).map((c) => ({ personalId: c.personalId }));
  }

  @FieldResolver(() => [LandParcelRef], { description: 'The land parcels this document concerns (land database).' })
  async landParcels(@Root() doc: Document, @Ctx() ctx: DocumentsContext): Promise<LandParcelRef[]> {
    await requireContentAccess(ctx, doc);
    return (await ctx.loaders.parcelsByDocument.load(doc.id)).map((p) => ({ parcelId: p.parcelId }));
  }
}
