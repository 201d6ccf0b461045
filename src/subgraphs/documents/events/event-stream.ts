import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import type { EventBus, HubEvent, HubEventKind } from './event-bus';

/** Rows read from the log per query. */
const READ_PAGE = 200;

export interface EventStreamOptions {
  bus: EventBus;
  kind: HubEventKind;
  audience: string;
  /** Replay everything after this seq before going live; undefined = live events only. */
  afterSeq: number | undefined;
  /** Reads up to `limit` events of this kind and audience with seq > afterSeq, oldest first. */
  readLog: (afterSeq: number, limit: number) => Promise<HubEvent[]>;
  /** The newest seq of this kind and audience now: where a live-only stream starts. */
  latestSeq: () => Promise<number>;
  /** After a failed read (the database is down), read again this much later. */
  retryMs: number;
  onReadError: (err: unknown) => void;
}

/**
 * Replay then live, in order, each event once. A wake-up from the bus is only a hint that the log has
 * grown: the stream then reads the log past the last seq it delivered, so what it delivers is always
 * the log's own order, and a wake-up that is lost (or arrives twice, or out of order) loses nothing
 * and repeats nothing. The listener is registered before the first read, so nothing committed during
 * the start is missed. A read that fails is retried, so a database restart does not end the stream.
 * A Repeater (not an async generator) so that unsubscribing releases the listener at once, even while
 * waiting for the next event.
 */
export function eventStream(opts: EventStreamOptions): AsyncIterableIterator<HubEvent> {
  return new Repeater<HubEvent>(async (push, stop) => {
    let stopped = false;
    let due = true;
    let last: number | undefined = opts.afterSeq;
    let wake: (() => void) | undefined;
    let retry: NodeJS.Timeout | undefined;
    const nudge = () => {
      due = true;
      wake?.();
    };
    const unsubscribe = opts.bus.subscribe(opts.kind, opts.audience, (e) => {
      if (last === undefined || e.seq > last) nudge();
    });
    void stop.then(() => {
      stopped = true;
      unsubscribe();
      clearTimeout(retry);
      wake?.();
    });
    while (!stopped) {
      if (!due) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      due = false;
      try {
        last ??= await opts.latestSeq();
        const page = await opts.readLog(last, READ_PAGE);
        for (const e of page) {
          if (stopped) break;
          last = e.seq;
          // Awaiting each push lets a slow client hold the reads back instead of overflowing the buffer.
          await push(e);
        }
        if (page.length === READ_PAGE) due = true;
      } catch (err) {
        opts.onReadError(err);
        retry = setTimeout(nudge, opts.retryMs);
      }
    }
    await stop;
  }, new FixedBuffer(1000));
}
