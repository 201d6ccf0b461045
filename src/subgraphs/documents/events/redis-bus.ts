import { Redis } from 'ioredis';
import type { Logger } from '../../../shared/logger';
import { InProcessEventBus, type EventBus, type HubEvent, type HubEventKind } from './event-bus';

/** The name each of the bus's two connections gives itself in Redis (CLIENT LIST), for operators and tests. */
export function redisConnectionName(prefix: string, role: 'publisher' | 'subscriber'): string {
  return `${prefix}:events-${role}`;
}

/**
 * Wake-ups between instances over Redis pub/sub, with ioredis (reconnects and resubscribes by itself).
 * One channel per kind and audience, so an instance hears only about the agencies its clients follow.
 * Written on ioredis directly rather than graphql-redis-subscriptions or @graphql-yoga/redis-event-target:
 * neither is installed, the bus only needs publish and a counted subscribe, and counting here is what
 * keeps the known leak of those adapters away — the Redis SUBSCRIBE lives exactly as long as the last
 * local listener of its channel (the Redis tests check it with PUBSUB NUMSUB).
 */
export class RedisEventBus implements EventBus {
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  /** Local fan-out: Redis messages and sweeps reach this process's listeners through it. */
  private readonly local = new InProcessEventBus();
  private readonly listeners = new Map<string, number>();

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    // While Redis is down a publish fails at once instead of queueing a stale wake-up: the relay's sweep
    // reads the log and wakes subscribers anyway.
    this.publisher = new Redis(url, { enableOfflineQueue: false, connectionName: redisConnectionName(prefix, 'publisher') });
    // The subscriber keeps its queue, so a SUBSCRIBE asked for during an outage is sent on reconnection.
    this.subscriber = new Redis(url, { maxRetriesPerRequest: null, connectionName: redisConnectionName(prefix, 'subscriber') });
    let down = false;
    for (const [name, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (err: Error) => {
        if (!down) logger.warn({ client: name, err: err.message }, 'Redis unreachable: live events fall back to the event-log sweep');
        down = true;
      });
      client.on('ready', () => {
        if (down) logger.info({ client: name }, 'Redis reachable again');
        down = false;
      });
    }
    this.subscriber.on('message', (channel: string, message: string) => {
      try {
        const event = JSON.parse(message) as HubEvent;
        if (channel === this.channel(event.kind, event.audience)) this.local.publish([event]);
      } catch (err) {
        logger.warn({ channel, err }, 'unreadable Redis event message ignored');
      }
    });
  }

  /** The channel of one kind and audience. */
  channel(kind: HubEventKind, audience: string): string {
    return `${this.prefix}:${kind}:${audience}`;
  }

  /** This instance's own subscribers at once; the others (and, again, this one) through Redis. */
  publish(events: readonly HubEvent[]): void {
    this.local.publish(events);
    for (const e of events) {
      this.publisher.publish(this.channel(e.kind, e.audience), JSON.stringify(e)).catch((err: Error) => {
        this.logger.debug({ err: err.message, seq: e.seq }, 'Redis publish failed; the sweep will wake subscribers');
      });
    }
  }

  publishLocally(events: readonly HubEvent[]): void {
    this.local.publish(events);
  }

  subscribe(kind: HubEventKind, audience: string, listener: (event: HubEvent) => void): () => void {
    const channel = this.channel(kind, audience);
    const count = this.listeners.get(channel) ?? 0;
    this.listeners.set(channel, count + 1);
    if (count === 0) this.redisCommand('subscribe', channel);
    const off = this.local.subscribe(kind, audience, listener);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      off();
      const left = (this.listeners.get(channel) ?? 1) - 1;
      if (left > 0) {
        this.listeners.set(channel, left);
        return;
      }
      this.listeners.delete(channel);
      this.redisCommand('unsubscribe', channel);
    };
  }

  /** One connection carries SUBSCRIBE and UNSUBSCRIBE in the order asked, so a quick resubscribe ends subscribed. */
  private redisCommand(command: 'subscribe' | 'unsubscribe', channel: string): void {
    this.subscriber[command](channel).catch((err: Error) => {
      this.logger.warn({ err: err.message, channel }, `Redis ${command} failed`);
    });
  }

  async close(): Promise<void> {
    await this.local.close();
    this.listeners.clear();
    // The subscriber has nothing to flush (closing its connection ends its subscriptions); the publisher
    // quits politely when it can, so publishes already written are answered first.
    this.subscriber.disconnect();
    if (this.publisher.status === 'ready') await this.publisher.quit().catch(() => undefined);
    this.publisher.disconnect();
  }
}
