import { EventEmitter } from 'node:events';

/**
 * What a subscription hears about: an arrival (a new delivery, audience = its recipient) or a status
 * change (a StatusEvent row, audience = the document's sender). `seq` is the row id in the log table.
 */
export type HubEventKind = 'arrival' | 'status';

export interface HubEvent {
  kind: HubEventKind;
  seq: number;
  audience: string;
}

/**
 * Publishes committed events to live subscribers. The log tables are the source of truth; the bus
 * only wakes subscribers up (they then read the log from their cursor), so an event it drops is still
 * delivered: at the next wake-up of that audience, the relay's sweep, or a resubscription by cursor.
 */
export interface EventBus {
  /** To every instance's subscribers. Never throws: a failure is logged and left to the sweep. */
  publish(events: readonly HubEvent[]): void;
  /** To this process's subscribers only: the relay's sweep, which every instance runs for itself. */
  publishLocally(events: readonly HubEvent[]): void;
  subscribe(kind: HubEventKind, audience: string, listener: (event: HubEvent) => void): () => void;
  close(): Promise<void>;
}

/** The embedded default: one process, one EventEmitter. */
export class InProcessEventBus implements EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per live subscription; thousands are normal for a busy hub.
    this.emitter.setMaxListeners(0);
  }

  publish(events: readonly HubEvent[]): void {
    for (const e of events) this.emitter.emit(`${e.kind}:${e.audience}`, e);
  }

  publishLocally(events: readonly HubEvent[]): void {
    this.publish(events);
  }

  subscribe(kind: HubEventKind, audience: string, listener: (event: HubEvent) => void): () => void {
    const key = `${kind}:${audience}`;
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
