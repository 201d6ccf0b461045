/**
 * A router the size of the app: four views, history API paths under /app (the gateway answers every
 * such path with index.html), and links that stay real <a href> for keyboard and middle-click use.
 */
import { useSyncExternalStore, type MouseEvent } from 'react';

/** "/app" — Vite's base without the trailing slash. */
const BASE = import.meta.env.BASE_URL.replace(/\/$/, '');
const CHANGE = 'lienthong:navigate';

export type Route =
  | { view: 'inbox' }
  | { view: 'sent' }
  | { view: 'send' }
  | { view: 'document'; id: string }
  | { view: 'notFound' };

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

function currentPath(): string {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : location.pathname;
  return path.replace(/\/+$/, '') || '/';
}

export function parseRoute(path: string): Route {
  if (path === '/' || path === '/inbox') return { view: 'inbox' };
  if (path === '/sent') return { view: 'sent' };
  if (path === '/send') return { view: 'send' };
  const document = /^\/documents\/(\d{1,16})$/.exec(path);
  return document ? { view: 'document', id: document[1] } : { view: 'notFound' };
}

export function usePath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

export function href(path: string): string {
  return `${BASE}${path}`;
}

/** Set by a navigation, taken by the next view heading that mounts (see PageHeading). */
let focusRequested = false;
window.addEventListener('popstate', () => {
  focusRequested = true;
});

export function takeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

export function navigate(path: string): void {
  history.pushState(null, '', href(path));
  focusRequested = true;
  window.dispatchEvent(new Event(CHANGE));
}

/** onClick for an <a href={href(path)}>: navigate in the app unless the user asked for a new tab. */
export function followLink(path: string) {
  return (event: MouseEvent) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(path);
  };
}
