import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireIdentity } from '../../../shared/auth';
import { notFound } from '../../../shared/errors';
import { parseRowId } from '../../../shared/ids';
import { connectionType } from '../../../shared/pagination';
import { Agency } from '../agency/agency.entity';
import { mayMoveDelivery } from '../authorization';
import type { DocumentsContext } from '../context';
import { Document, Urgency } from '../document/document.entity';
import { Delivery, StatusEvent } from './delivery.entity';
import { answerRecall, inbox, updateDeliveryStatus } from './delivery.service';
import { DeliveryStatus, recipientMovesFrom, STATUS_CODE } from './status-machine';

export const DeliveryConnection = connectionType('Delivery', Delivery);

@ArgsType()
class InboxArgs {
  @Field(() => [DeliveryStatus], { nullable: true })
  status?: DeliveryStatus[] | null;

  @Field(() => [Urgency], { nullable: true })
  urgency?: Urgency[] | null;

  @Field(() => Int, { nullable: true, defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

function deliveryId(id: string): number {
  const n = parseRowId(id);
  if (n === null) throw notFound(`Delivery ${id} does not exist.`);
  return n;
}

@Resolver(() => Delivery)
export class DeliveryResolver {
  @Query(() => DeliveryConnection, { description: 'Deliveries addressed to the calling agency, newest first.' })
  inbox(@Args() args: InboxArgs, @Ctx() ctx: DocumentsContext) {
    return inbox(ctx, args);
  }

  @Mutation(() => Delivery, { description: 'By the recipient. REJECTED needs a note (the reason). Illegal moves fail with INVALID_STATUS_TRANSITION.' })
  updateDeliveryStatus(
    @Arg('deliveryId', () => ID) id: string,
    @Arg('status', () => DeliveryStatus) status: DeliveryStatus,
    @Ctx() ctx: DocumentsContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Delivery> {
    return updateDeliveryStatus(ctx, deliveryId(id), status, note ?? null);
  }

  @Mutation(() => Delivery, { description: 'By the recipient of a RECALL_REQUESTED delivery: agree (RECALLED) or refuse (back to where it was).' })
  answerRecall(
    @Arg('deliveryId', () => ID) id: string,
    @Arg('agree', () => Boolean) agree: boolean,
    @Ctx() ctx: DocumentsContext,
    @Arg('note', () => String, { nullable: true }) note?: string | null,
  ): Promise<Delivery> {
    return answerRecall(ctx, deliveryId(id), agree, note ?? null);
  }

  @FieldResolver(() => Document)
  async document(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext): Promise<Document> {
    return (await ctx.loaders.document.load(delivery.documentId))!;
  }

  @FieldResolver(() => Agency)
  async recipient(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return (await ctx.loaders.agency.load(delivery.recipientCode))!;
  }

  @FieldResolver(() => Agency, {
    nullable: true,
    description: 'The agency the sender addressed, when the hub routed this copy to that agency\'s successor after a merger.',
  })
  redirectedFrom(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext) {
    return delivery.redirectedFromCode ? ctx.loaders.agency.load(delivery.redirectedFromCode) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The edXML status code of status, or null for PENDING.' })
  statusCode(@Root() delivery: Delivery): string | null {
    return STATUS_CODE[delivery.status];
  }

  @FieldResolver(() => [DeliveryStatus], {
    description:
      'The statuses the caller may move this delivery to with updateDeliveryStatus now: its recipient\'s next moves, empty for anyone else and once final. Front-ends offer these actions instead of copying the status machine.',
  })
  nextStatuses(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext): readonly DeliveryStatus[] {
    const identity = requireIdentity(ctx);
    return mayMoveDelivery(identity, delivery.recipientCode) ? recipientMovesFrom(delivery.status) : [];
  }

  @FieldResolver(() => [StatusEvent], { description: 'Every status change, oldest first; append-only.' })
  history(@Root() delivery: Delivery, @Ctx() ctx: DocumentsContext): Promise<StatusEvent[]> {
    return ctx.loaders.historyByDelivery.load(delivery.id);
  }
}

@Resolver(() => StatusEvent)
export class StatusEventResolver {
  @FieldResolver(() => Agency)
  async byAgency(@Root() event: StatusEvent, @Ctx() ctx: DocumentsContext): Promise<Agency> {
    return (await ctx.loaders.agency.load(event.byAgencyCode))!;
  }
}
