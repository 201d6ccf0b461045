/**
 * What the signed-in agency receives live, for as long as the session lasts (not only while the inbox
 * is on screen): arrivals from documentArrived, the recipients' status changes on documents it sent
 * from deliveryStatusChanged, and the count of unhandled documents. Views read it with useLiveStore.
 */
import { useSyncExternalStore } from 'react';
import type { Execute } from '../api/graphql';
import type { Live } from '../api/live';
import {
  ArrivalsDocument,
  StatusChangesDocument,
  UnhandledCountDocument,
  type DeliveryDetailFragment,
  type DeliveryStatus,
  type InboxPageFieldsFragment,
  type InboxRowFragment,
} from '../generated/graphql';

/** "Unhandled" (chưa xử lý xong): every status that is not final, recall requests included. */
export const OPEN_STATUSES: DeliveryStatus[] = ['PENDING', 'ARRIVED', 'ACCEPTED', 'ASSIGNED', 'PROCESSING', 'RECALL_REQUESTED'];

export type StatusChange = DeliveryDetailFragment & { document: { id: string } };

export interface LiveSnapshot {
  /** Deliveries that arrived during this session, newest first, each once. */
  arrivals: InboxRowFragment[];
  /** Arrived live and not opened yet: shown as new. */
  unseen: ReadonlySet<string>;
  unhandled: number | null;
  /** The last arrival, for the screen reader announcement. */
  lastArrival: InboxRowFragment | null;
}

export class LiveStore {
  private snapshot: LiveSnapshot = { arrivals: [], unseen: new Set(), unhandled: null, lastArrival: null };
  private readonly listeners = new Set<() => void>();
  private readonly statusListeners = new Set<(change: StatusChange) => void>();
  private arrivalCursor: string | null;
  private statusCursor: string | null = null;
  private readonly stops: (() => void)[] = [];
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private initialInbox: InboxPageFieldsFragment | null;

  constructor(
    private readonly execute: Execute,
    private readonly live: Live,
    /** The inbox's first page and unhandled count, fetched with the sign-in check. */
    first: { inbox: InboxPageFieldsFragment; unhandled: number },
  ) {
    // Arrivals after the newest delivery on that page are replayed, so none is missed.
    this.arrivalCursor = first.inbox.edges[0]?.cursor ?? null;
    this.initialInbox = first.inbox;
    this.snapshot = { ...this.snapshot, unhandled: first.unhandled };
  }

  /** The first page fetched at sign-in, once: the inbox shows it without another round trip. */
  takeInitialInbox(): InboxPageFieldsFragment | null {
    const page = this.initialInbox;
    this.initialInbox = null;
    return page;
  }

  start(): void {
    this.stops.push(
      this.live.follow(ArrivalsDocument, () => ({ after: this.arrivalCursor }), ({ documentArrived }) => {
        this.arrivalCursor = documentArrived.cursor;
        this.addArrival(documentArrived.delivery);
      }),
      this.live.follow(StatusChangesDocument, () => ({ after: this.statusCursor }), ({ deliveryStatusChanged }) => {
        this.statusCursor = deliveryStatusChanged.cursor;
        this.statusListeners.forEach((l) => l(deliveryStatusChanged.delivery));
      }),
    );
    // After a drop the count may have moved (a recall request is not an arrival): count again.
    let reconnects = this.live.reconnects();
    this.stops.push(
      this.live.onChange(() => {
        if (this.live.reconnects() === reconnects) return;
        reconnects = this.live.reconnects();
        this.refreshUnhandled();
      }),
    );
  }

  stop(): void {
    clearTimeout(this.countTimer);
    this.stops.splice(0).forEach((stop) => stop());
  }

  get current(): LiveSnapshot {
    return this.snapshot;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  onStatusChange(listener: (change: StatusChange) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  markSeen(deliveryId: string): void {
    if (!this.snapshot.unseen.has(deliveryId)) return;
    const unseen = new Set(this.snapshot.unseen);
    unseen.delete(deliveryId);
    this.update({ unseen });
  }

  /** Recounts soon; several triggers in a burst make one request. */
  refreshUnhandled(): void {
    clearTimeout(this.countTimer);
    this.countTimer = setTimeout(() => {
      this.execute(UnhandledCountDocument, { open: OPEN_STATUSES }).then(
        ({ inbox }) => this.update({ unhandled: inbox.totalCount }),
        () => undefined, // the count stays as it was; the next event or reconnect recounts
      );
    }, 50);
  }

  private addArrival(delivery: InboxRowFragment): void {
    // A replay after a reconnect may repeat nothing by design, but a page fetched meanwhile may
    // already hold the delivery: keep one copy.
    if (this.snapshot.arrivals.some((a) => a.id === delivery.id)) return;
    const unseen = new Set(this.snapshot.unseen).add(delivery.id);
    this.update({ arrivals: [delivery, ...this.snapshot.arrivals], unseen, lastArrival: delivery });
    this.refreshUnhandled();
  }

  private update(patch: Partial<LiveSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    this.listeners.forEach((l) => l());
  }
}

export function useLiveStore(store: LiveStore): LiveSnapshot {
  return useSyncExternalStore(store.subscribe, () => store.current);
}
