/**
 * Live data over graphql-ws (the graphql-transport-ws protocol the gateway speaks on /graphql).
 *
 * The client keeps one socket open and reconnects forever with a capped back-off (sooner when the
 * browser says it is back online). graphql-ws would resend a subscription with the variables it was
 * first given after a reconnect; ours must resume from the newest cursor instead, so every
 * subscription is dropped when the socket closes and started again, with fresh variables, when it is
 * connected: `documentArrived(after: lastCursor)` then replays what arrived meanwhile.
 */
import { createClient, type Client } from 'graphql-ws';
import type { TypedDocumentString } from '../generated/graphql';
import { GRAPHQL_PATH } from './graphql';

export type ConnectionState = 'connecting' | 'online' | 'offline';

/** graphql-ws close codes for a refused token: 4401 (none given) and 4403 (not valid). */
const AUTH_CLOSE_CODES = new Set([4401, 4403]);
const MAX_RETRY_MS = 8_000;
/** After a subscription error (e.g. a subgraph briefly unavailable), try again after this long. */
const RESUBSCRIBE_MS = 3_000;

interface Follower {
  start(): void;
  stop(): void;
}

export interface Live {
  state(): ConnectionState;
  /** How many times the socket has come back after a drop: views refetch when it grows. */
  reconnects(): number;
  onChange(listener: () => void): () => void;
  /**
   * Follows a subscription across reconnects. `variables` is called on every (re)start, so it can
   * return the newest cursor; returns the function that stops following.
   */
  follow<R, V>(document: TypedDocumentString<R, V>, variables: () => V, onData: (data: R) => void): () => void;
  dispose(): void;
}

function socketUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${GRAPHQL_PATH}`;
}

/** Waits 0.5 s, 1 s, 2 s … up to 8 s with jitter, or until the browser reports it is online again. */
function retryWait(retries: number): Promise<void> {
  const ms = Math.min(500 * 2 ** retries, MAX_RETRY_MS) + Math.random() * 300;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      window.removeEventListener('online', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    window.addEventListener('online', done);
  });
}

export function createLive(token: string, onAuthRefused: () => void): Live {
  let state: ConnectionState = 'connecting';
  let reconnects = 0;
  let everConnected = false;
  const listeners = new Set<() => void>();
  const followers = new Set<Follower>();
  const changed = () => listeners.forEach((l) => l());

  const client: Client = createClient({
    url: socketUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: false,
    retryAttempts: Infinity,
    // Every drop is worth retrying except a refused token, which onAuthRefused handles.
    shouldRetry: (e) => !(e && typeof e === 'object' && 'code' in e && AUTH_CLOSE_CODES.has((e as CloseEvent).code)),
    retryWait,
    keepAlive: 15_000,
    onNonLazyError: () => undefined,
    on: {
      connected: () => {
        if (everConnected) reconnects++;
        everConnected = true;
        state = 'online';
        followers.forEach((f) => f.start());
        changed();
      },
      closed: (event) => {
        followers.forEach((f) => f.stop());
        if (event && typeof event === 'object' && 'code' in event && AUTH_CLOSE_CODES.has((event as CloseEvent).code)) onAuthRefused();
        if (state !== 'offline') {
          state = everConnected ? 'offline' : 'connecting';
          changed();
        }
      },
    },
  });

  return {
    state: () => state,
    reconnects: () => reconnects,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    follow<R, V>(document: TypedDocumentString<R, V>, variables: () => V, onData: (data: R) => void) {
      let unsubscribe: (() => void) | undefined;
      let retry: ReturnType<typeof setTimeout> | undefined;
      const follower: Follower = {
        start() {
          follower.stop();
          unsubscribe = client.subscribe<R>(
            { query: document.toString(), variables: variables() as Record<string, unknown> },
            {
              next: (result) => {
                if (result.data) onData(result.data);
              },
              error: () => {
                unsubscribe = undefined;
                if (state === 'online') retry = setTimeout(follower.start, RESUBSCRIBE_MS);
              },
              complete: () => undefined,
            },
          );
        },
        stop() {
          clearTimeout(retry);
          unsubscribe?.();
          unsubscribe = undefined;
        },
      };
      followers.add(follower);
      if (state === 'online') follower.start();
      return () => {
        follower.stop();
        followers.delete(follower);
      };
    },
    dispose() {
      followers.forEach((f) => f.stop());
      followers.clear();
      listeners.clear();
      void client.dispose();
    },
  };
}
