import type { Orm } from '../../../shared/db';
import type { Logger } from '../../../shared/logger';
import type { EventBus } from './event-bus';
import { EVENT_KINDS, newestSeq, readWholeLog } from './event-log';

/** Rows read from the log per sweep query. */
const SWEEP_PAGE = 1000;

/**
 * The relay's safety net, one per documents instance. The transaction that writes events publishes
 * them itself right after commit (send.ts, delivery.service.ts: the fast path, milliseconds across
 * instances through Redis). That publication is lost if the process dies between commit and publish,
 * or while Redis is down; so every `intervalMs` the relay reads the log past the last seq it has seen
 * and wakes this instance's subscribers of each new event's audience. Subscribers read the log from
 * their own cursor when woken, so a wake-up heard twice costs one query and delivers nothing twice.
 * The log's order lock (event-log.ts) makes "past the last seq seen" a read that never skips a row.
 */
export class EventRelay {
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private failing = false;

  constructor(
    private readonly orm: Orm,
    private readonly bus: EventBus,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  /** Starts from the log's current end: what is older, subscribers replay by cursor themselves. */
  async start(): Promise<void> {
    for (const kind of EVENT_KINDS) this.seen.set(kind, await newestSeq(this.orm, kind));
    const tick = () => {
      this.running = this.sweep().finally(() => {
        if (this.timer) this.timer = setTimeout(tick, this.intervalMs);
      });
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  /** One pass over both logs; a database outage is logged once and retried at the next pass. */
  async sweep(): Promise<number> {
    let woken = 0;
    try {
      for (const kind of EVENT_KINDS) {
        for (;;) {
          const events = await readWholeLog(this.orm, kind, this.seen.get(kind) ?? 0, SWEEP_PAGE);
          if (!events.length) break;
          this.seen.set(kind, events[events.length - 1].seq);
          this.bus.publishLocally(events);
          woken += events.length;
          if (events.length < SWEEP_PAGE) break;
        }
      }
      if (this.failing) this.logger.info('event-log sweep works again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn({ err: (err as Error).message }, 'event-log sweep failed; retrying');
      this.failing = true;
    }
    return woken;
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
