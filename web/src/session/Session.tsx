/**
 * The signed-in session: the token (kept in sessionStorage, so it lasts for the tab and no longer),
 * the agency it names, the HTTP executor and the live connection. A token the hub refuses, at
 * sign-in or later, ends the session and brings back the sign-in form with the reason.
 */
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { ApiError, httpExecutor, type Execute } from '../api/graphql';
import { createLive, type Live } from '../api/live';
import { SessionDocument, type SessionQuery } from '../generated/graphql';
import { useI18n } from '../i18n';
import { SignIn } from '../pages/SignIn';
import { LiveStore, OPEN_STATUSES } from './live-store';

const TOKEN_KEY = 'lienthong.token';

export interface Session {
  me: { code: string; name: string };
  execute: Execute;
  live: Live;
  store: LiveStore;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a session');
  return session;
}

function storedToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function storeToken(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Storage refused: the session lasts until the page is reloaded.
  }
}

function fetchSession(token: string): Promise<SessionQuery> {
  // Refusals are this request's own result here; the session's executor reports later ones.
  const result = httpExecutor(token, () => undefined)(SessionDocument, { open: OPEN_STATUSES });
  result.catch(() => undefined); // handled by the gate; this only keeps an early failure from being "unhandled"
  return result;
}

/**
 * Started while the module loads, before React's first render, when the tab already holds a token:
 * the first render of the inbox then waits for one round trip, not for React and then a round trip.
 */
let early: { token: string; result: Promise<SessionQuery> } | null = (() => {
  const token = storedToken();
  return token ? { token, result: fetchSession(token) } : null;
})();

type Boot = { phase: 'loading' } | { phase: 'ready'; session: Session } | { phase: 'failed'; error: ApiError };

export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [token, setToken] = useState<string | null>(storedToken);
  // Kept as words to look up, not text, so the message follows a later language switch.
  const [notice, setNotice] = useState<{ key: 'sessionEnded' | 'signInFailed'; reason?: string } | null>(null);
  const [boot, setBoot] = useState<Boot>({ phase: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const end = useCallback((why: typeof notice) => {
    storeToken(null);
    setToken(null);
    setNotice(why);
  }, []);

  useEffect(() => {
    if (!token) return;
    let cancelled = false;
    // Until the session is up, a refused token is the sign-in's failure, reported below once.
    let ready = false;
    let ended = false;
    const refused = () => {
      if (!ready || ended) return;
      ended = true;
      end({ key: 'sessionEnded' });
    };
    setBoot({ phase: 'loading' });
    const execute = httpExecutor(token, refused);
    let live: Live | undefined;
    let store: LiveStore | undefined;
    const result = early?.token === token ? early.result : fetchSession(token);
    early = null;
    result.then(
      ({ me, inbox, unhandled }) => {
        if (cancelled) return;
        live = createLive(token, refused);
        store = new LiveStore(execute, live, { inbox, unhandled: unhandled.totalCount });
        store.start();
        ready = true;
        setNotice(null);
        setBoot({ phase: 'ready', session: { me, execute, live, store, signOut: () => end(null) } });
      },
      (error: unknown) => {
        if (cancelled) return;
        const apiError = error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL_SERVER_ERROR');
        if (apiError.code === 'UNAUTHENTICATED' || apiError.code === 'FORBIDDEN') {
          end({ key: 'signInFailed', reason: apiError.message });
        } else setBoot({ phase: 'failed', error: apiError });
      },
    );
    return () => {
      cancelled = true;
      store?.stop();
      live?.dispose();
    };
  }, [token, attempt, end]);

  if (!token) {
    return (
      <SignIn
        error={notice && t(notice.key, { reason: notice.reason ?? '' })}
        onSubmit={(next) => {
          storeToken(next);
          setToken(next);
        }}
      />
    );
  }
  if (boot.phase === 'loading') {
    return (
      <Center h="100vh">
        <Loader aria-label={t('loading')} />
      </Center>
    );
  }
  if (boot.phase === 'failed') {
    return (
      <Center h="100vh">
        <Stack>
          <Alert color="red" role="alert" title={t('errorNetwork')}>
            {boot.error.message}
          </Alert>
          <Button onClick={() => setAttempt((n) => n + 1)}>{t('retry')}</Button>
        </Stack>
      </Center>
    );
  }
  return <SessionContext.Provider value={boot.session}>{children}</SessionContext.Provider>;
}
