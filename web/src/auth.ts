// Who is signed in: an external store over the session (GET /api/v1/sessions/current at start, then
// whatever api.ts learns when signing in or out or when a request finds the session ended), read with
// useAuth(). What the interface offers follows from it; the server decides all the same.
import { useSyncExternalStore } from 'react';
import { loadSession, onSessionChange, type SessionInfo, type User } from './api.js';

export type AuthState =
  | { status: 'loading' }
  /** `ended`: the session ran out (or was ended elsewhere) while this page was open. */
  | { status: 'visitor'; ended: boolean }
  | { status: 'user'; user: User };

let state: AuthState = { status: 'loading' };
const listeners = new Set<() => void>();

function set(next: AuthState): void {
  state = next;
  for (const listener of listeners) listener();
}

let sso = false;

/** Whether the server offers single sign-on (known once the session was loaded). */
export function ssoOffered(): boolean {
  return sso;
}

onSessionChange((session: SessionInfo, change) => {
  if (session.sso !== undefined) sso = session.sso;
  if (session.authenticated && session.user) {
    set({ status: 'user', user: session.user });
  } else {
    set({ status: 'visitor', ended: change === 'refresh' && state.status === 'user' });
  }
});

let started = false;

/** Asks the server who is signed in; once, at start (a failure counts as a visitor). */
export function startAuth(): void {
  if (started) return;
  started = true;
  loadSession().catch(() => {
    if (state.status === 'loading') set({ status: 'visitor', ended: false });
  });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useAuth(): AuthState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The signed-in user, or null (also while loading). */
export function useUser(): User | null {
  const auth = useAuth();
  return auth.status === 'user' ? auth.user : null;
}

/**
 * Whether the user may import: an administrator, a clerk (griffie) or a coordinator, as the server's
 * policy says (src/auth/policies/imports.ts); the server checks again.
 */
export function canImport(user: User): boolean {
  return user.admin || user.memberships.some((m) => m.role === 'clerk' || m.role === 'coordinator');
}

/** Where to go back to after signing in: a path within the app, never elsewhere (no open redirect). */
export function safeReturnPath(value: string | null | undefined): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  try {
    const url = new URL(value, window.location.origin);
    if (url.origin !== window.location.origin) return '/';
    if (url.pathname.startsWith('/api/') || url.pathname === '/inloggen') return '/';
    return url.pathname + url.search + url.hash;
  } catch {
    return '/';
  }
}

/** The sign-in page's URL that comes back to `path` (the current page by default). */
export function signInUrl(path?: string): string {
  const back = path ?? window.location.pathname + window.location.search;
  const target = safeReturnPath(back);
  // the slashes stay readable: ?terug=/importeren
  return target === '/'
    ? '/inloggen'
    : `/inloggen?terug=${encodeURIComponent(target).replaceAll('%2F', '/')}`;
}
