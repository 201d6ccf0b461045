import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import type { EventBus, HubEvent, HubEventKind } from './event-bus';

/** Rows read from the log per replay query. */
const REPLAY_PAGE = 200;

export interface EventStreamOptions {
  bus: EventBus;
  kind: HubEventKind;
  audience: string;
  /** Replay everything after this seq before going live; undefined = live events only. */
  afterSeq: number | undefined;
  /** Reads up to `limit` events of this kind and audience with seq > afterSeq, oldest first. */
  readLog: (afterSeq: number, limit: number) => Promise<HubEvent[]>;
}

/**
 * Replay then live, in order, each event once: the live listener is registered before the log is
 * read, events heard during the replay are held back, and anything at or below the last seq delivered
 * is dropped — so an event committed during the switch-over is neither lost nor repeated.
 * A Repeater (not an async generator) so that unsubscribing releases the listener at once, even
 * while waiting for the next event.
 */
export function eventStream(opts: EventStreamOptions): AsyncIterableIterator<HubEvent> {
  return new Repeater<HubEvent>(async (push, stop) => {
    let last = opts.afterSeq ?? 0;
    let replaying = opts.afterSeq !== undefined;
    const heldBack: HubEvent[] = [];
    let stopped = false;
    const deliver = async (e: HubEvent): Promise<void> => {
      if (e.seq <= last) return;
      last = e.seq;
      await push(e);
    };
    const unsubscribe = opts.bus.subscribe(opts.kind, opts.audience, (e) => {
      if (replaying) heldBack.push(e);
      else deliver(e).catch(stop);
    });
    void stop.then(() => {
      stopped = true;
      unsubscribe();
    });
    try {
      while (replaying && !stopped) {
        const page = await opts.readLog(last, REPLAY_PAGE);
        // Awaiting each push lets a slow client hold the replay back instead of overflowing the buffer.
        for (const e of page) await deliver(e);
        if (page.length < REPLAY_PAGE) break;
      }
      // Events heard meanwhile go out before live delivery resumes, so order holds across the switch.
      while (heldBack.length && !stopped) {
        for (const e of heldBack.splice(0).sort((a, b) => a.seq - b.seq)) await deliver(e);
      }
      replaying = false;
    } catch (e) {
      stop(e);
    }
    await stop;
  }, new FixedBuffer(1000));
}
