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
 * only wakes subscribers up, so an event it drops is still replayed from the log by cursor.
 */
export interface EventBus {
  publish(events: readonly HubEvent[]): void;
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

  subscribe(kind: HubEventKind, audience: string, listener: (event: HubEvent) => void): () => void {
    const key = `${kind}:${audience}`;
    this.emitter.on(key, listener);
    return () => this.emitter.off(key, listener);
  }

  listenerCount(): number {
    return this.emitter.eventNames().reduce((n, name) => n + this.emitter.listenerCount(name), 0);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
