import { Arg, Ctx, Field, ObjectType, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { decodeSeqCursor, encodeCursor } from '../../../shared/pagination';
import { requireCallerAgency } from '../agency/agency.service';
import type { DocumentsContext } from '../context';
import { Delivery, StatusEvent } from '../delivery/delivery.entity';
import { ARRIVAL_CURSOR, STATUS_CURSOR } from '../delivery/delivery.service';
import type { HubEvent, HubEventKind } from './event-bus';
import { latestSeq, readLog } from './event-log';
import { eventStream } from './event-stream';

/** A stream whose log read failed (database down) reads again this much later. */
const READ_RETRY_MS = 1000;

@ObjectType()
export class DeliveryEvent {
  @Field({ description: 'Pass it as `after` when resubscribing to continue right after this event.' })
  cursor!: string;

  @Field(() => Delivery)
  delivery!: Delivery;

  @Field(() => StatusEvent, { nullable: true, description: 'For deliveryStatusChanged: the status change this event reports.' })
  statusEvent!: StatusEvent | null;
}

const CURSOR_KIND: Record<HubEventKind, string> = { arrival: ARRIVAL_CURSOR, status: STATUS_CURSOR };

function subscribeTo(kind: HubEventKind) {
  return async ({ args, context }: SubscribeResolverData<unknown, { after?: string | null }, DocumentsContext>) => {
    const me = await requireCallerAgency(context);
    const afterSeq = args.after != null ? decodeSeqCursor(CURSOR_KIND[kind], args.after) : undefined;
    const { orm, bus, logger } = context.deps;
    return eventStream({
      bus,
      kind,
      audience: me.code,
      afterSeq,
      readLog: (after, limit) => readLog(orm, kind, me.code, after, limit),
      latestSeq: () => latestSeq(orm, kind, me.code),
      retryMs: READ_RETRY_MS,
      onReadError: (err) => logger.warn({ err: (err as Error).message, kind, audience: me.code }, 'event-log read failed; retrying'),
    });
  };
}

@Resolver()
export class EventsResolver {
  @Subscription(() => DeliveryEvent, {
    subscribe: subscribeTo('arrival'),
    description:
      'Each delivery addressed to the calling agency, as it arrives. Without `after`, live events only. With `after` (a cursor from an earlier event, or an inbox edge\'s cursor), the deliveries that arrived since are replayed first, in order, then the stream goes on live, so a client that reconnects misses nothing and sees nothing twice.',
  })
  async documentArrived(
    @Root() event: HubEvent,
    @Ctx() ctx: DocumentsContext,
    @Arg('after', () => String, { nullable: true }) _after?: string | null,
  ): Promise<DeliveryEvent> {
    const delivery = await ctx.loaders.delivery.load(event.seq);
    return { cursor: encodeCursor(ARRIVAL_CURSOR, event.seq), delivery: delivery!, statusEvent: null };
  }

  @Subscription(() => DeliveryEvent, { subscribe: subscribeTo('status'), description: 'Each status change on documents the calling agency sent.' })
  async deliveryStatusChanged(
    @Root() event: HubEvent,
    @Ctx() ctx: DocumentsContext,
    @Arg('after', () => String, { nullable: true }) _after?: string | null,
  ): Promise<DeliveryEvent> {
    const statusEvent = (await ctx.loaders.statusEvent.load(event.seq))!;
    const delivery = await ctx.loaders.delivery.load(statusEvent.deliveryId);
    return { cursor: encodeCursor(STATUS_CURSOR, event.seq), delivery: delivery!, statusEvent };
  }
}
