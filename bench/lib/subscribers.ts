/**
 * A process holding many graphql-ws subscribers (`node dist/bench/lib/subscribers.js`), driven by the
 * fan-out scenario over IPC. Subscribers live outside the scenario's process so that receiving
 * thousands of events does not delay the sends being timed, and are split over several processes so
 * the receiving work can use every core. Each event is stamped on arrival with a clock every process
 * on the machine shares (performance.timeOrigin + performance.now()).
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface SubscriberSpec {
  agency: string;
  token: string;
}

export type ToSubscribers =
  | { type: 'connect'; url: string; query: string; subscribers: SubscriberSpec[] }
  | { type: 'reset' }
  | { type: 'status' }
  | { type: 'report' }
  | { type: 'close' };

export interface SubscriberStatus {
  subscribers: number;
  /** Subscribers that received at least one event since the last reset. */
  withEvents: number;
  events: number;
  errors: number;
  firstError?: string;
}

export type FromSubscribers =
  | { type: 'connected'; status: SubscriberStatus }
  | { type: 'status'; status: SubscriberStatus }
  | { type: 'report'; documentIds: number[]; times: number[] }
  | { type: 'closed' };

/** Sockets opened at once while connecting; more would overrun the gateway's accept queue. */
const CONNECT_BATCH = 100;

export const now = (): number => performance.timeOrigin + performance.now();

interface Subscriber {
  client: Client;
  dispose?: () => void;
  gotEvent: boolean;
}

const subscribers: Subscriber[] = [];
let documentIds: number[] = [];
let times: number[] = [];
let errors = 0;
let firstError: string | undefined;

function status(): SubscriberStatus {
  return { subscribers: subscribers.length, withEvents: subscribers.filter((s) => s.gotEvent).length, events: times.length, errors, firstError };
}

function fail(e: unknown): void {
  errors++;
  firstError ??= e instanceof Error ? e.message : JSON.stringify(e);
}

/** Opens one subscriber's socket and subscribes; resolves once the server acknowledged the connection. */
function open(url: string, query: string, spec: SubscriberSpec): Promise<void> {
  return new Promise((resolve) => {
    const subscriber: Subscriber = {
      gotEvent: false,
      client: createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        connectionParams: { authorization: `Bearer ${spec.token}` },
        retryAttempts: 0,
        lazy: false,
        on: {
          connected: () => resolve(),
          closed: () => resolve(),
          error: (e) => {
            fail(e);
            resolve();
          },
        },
      }),
    };
    subscriber.dispose = subscriber.client.subscribe<{ documentArrived: { delivery: { recipient: { code: string }; document: { id: string } } } }>(
      { query },
      {
        next: (result) => {
          const t = now();
          if (result.errors) return fail(result.errors);
          const { delivery } = result.data!.documentArrived;
          // Subscriptions of one agency share an execution at the gateway: none may hear another's arrivals.
          if (delivery.recipient.code !== spec.agency) return fail(new Error(`${spec.agency} heard an arrival for ${delivery.recipient.code}`));
          subscriber.gotEvent = true;
          documentIds.push(Number(delivery.document.id));
          times.push(t);
        },
        error: fail,
        complete: () => undefined,
      },
    );
    subscribers.push(subscriber);
  });
}

async function handle(message: ToSubscribers): Promise<FromSubscribers> {
  switch (message.type) {
    case 'connect':
      for (let i = 0; i < message.subscribers.length; i += CONNECT_BATCH) {
        await Promise.all(message.subscribers.slice(i, i + CONNECT_BATCH).map((spec) => open(message.url, message.query, spec)));
      }
      return { type: 'connected', status: status() };
    case 'reset':
      documentIds = [];
      times = [];
      for (const s of subscribers) s.gotEvent = false;
      return { type: 'status', status: status() };
    case 'status':
      return { type: 'status', status: status() };
    case 'report':
      return { type: 'report', documentIds, times };
    case 'close':
      for (const s of subscribers.splice(0)) {
        s.dispose?.();
        await s.client.dispose();
      }
      return { type: 'closed' };
  }
}

if (require.main === module) {
  process.on('message', (message: ToSubscribers) => {
    void handle(message).then((answer) => process.send?.(answer));
  });
  process.on('disconnect', () => process.exit(0));
}
