import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../../../shared/scalars';
import type { DocumentsContext } from '../context';
import { countBy, statisticsPeriod, totalOf, type Grouping, type Period } from './statistics.service';

@ObjectType({ description: 'How many documents or deliveries share one value of a grouping.' })
export class StatisticsCount {
  @Field({ description: 'The value: a document type, an urgency, a status, an agency code, or a month YYYY-MM.' })
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts of documents and deliveries over a period; never a subject, a name or an attachment.' })
export class DocumentStatistics {
  period!: Period;
}

/** An args class, not @Arg parameters, so the SDL lists from before to. */
@ArgsType()
class PeriodArgs {
  @Field(() => DateScalar, { nullable: true, description: 'The first day counted (YYYY-MM-DD); from the beginning when left out.' })
  from?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'The last day counted; up to now when left out.' })
  to?: string | null;
}

const groupArgs = { nullable: true, defaultValue: 20, description: 'The largest groups to list (at most 100).' } as const;

@Resolver(() => DocumentStatistics)
export class StatisticsResolver {
  @Query(() => DocumentStatistics, {
    description: 'Aggregate document statistics (analysts and hub operators): documents sent from `from` to `to`, both included, Vietnam time.',
  })
  documentStatistics(@Args() { from, to }: PeriodArgs, @Ctx() ctx: DocumentsContext): DocumentStatistics {
    return { period: statisticsPeriod(ctx, from, to) };
  }

  @FieldResolver(() => Int, { description: 'Documents sent in the period.' })
  documents(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext): Promise<number> {
    return totalOf(ctx, 'document', s.period);
  }

  @FieldResolver(() => Int, { description: 'Deliveries (one per recipient) of those documents.' })
  deliveries(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext): Promise<number> {
    return totalOf(ctx, 'delivery', s.period);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Documents by type (Công văn, Quyết định, …).' })
  byDocumentType(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'documentType', s, first);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Documents by urgency.' })
  byUrgency(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'urgency', s, first);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Deliveries by the status they are in now.' })
  byStatus(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'status', s, first);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Documents by sending agency (code).' })
  bySender(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'sender', s, first);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Deliveries by receiving agency (code).' })
  byRecipient(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'recipient', s, first);
  }

  @FieldResolver(() => [StatisticsCount], { description: 'Documents by month sent (YYYY-MM, Vietnam time), oldest first.' })
  byMonth(@Root() s: DocumentStatistics, @Ctx() ctx: DocumentsContext, @Arg('first', () => Int, groupArgs) first: number) {
    return by(ctx, 'month', s, first);
  }
}

function by(ctx: DocumentsContext, grouping: Grouping, s: DocumentStatistics, first: number) {
  return countBy(ctx, grouping, s.period, first);
}
