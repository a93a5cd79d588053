// Client-side routing on the History API: the location is an external store, `navigate` pushes (or
// replaces) a history entry, and <RouterLink> is an ordinary link that navigates without a page load.
// The routes themselves (docs/api.md "Web app routes") are matched in App.tsx.

import { Link } from '@utrecht/component-library-react';
import { type AnchorHTMLAttributes, forwardRef, type MouseEvent, useSyncExternalStore } from 'react';

export interface Location {
  pathname: string;
  search: string;
  hash: string;
}

const listeners = new Set<() => void>();
let snapshot: Location = read();
/** Set by a navigation that should move focus to the new page's heading (not by the first load). */
let focusPending = false;

function read(): Location {
  const { pathname, search, hash } = window.location;
  return { pathname, search, hash };
}

function changed(): void {
  const next = read();
  if (next.pathname === snapshot.pathname && next.search === snapshot.search && next.hash === snapshot.hash) {
    return;
  }
  if (next.pathname !== snapshot.pathname) focusPending = true;
  snapshot = next;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', changed);
window.addEventListener('hashchange', changed);

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => snapshot);
}

/** Goes to a path within the app (a path, optionally with ?query and #hash). */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const url = new URL(to, window.location.href);
  const target = url.pathname + url.search + url.hash;
  if (target === window.location.pathname + window.location.search + window.location.hash) return;
  const samePage = url.pathname === window.location.pathname;
  if (options.replace) window.history.replaceState(null, '', target);
  else window.history.pushState(null, '', target);
  changed();
  if (!samePage && !url.hash) window.scrollTo(0, 0);
}

/** True once after a navigation to another page: the page's heading then takes the focus. */
export function takeFocusPending(): boolean {
  const pending = focusPending;
  focusPending = false;
  return pending;
}

/** Whether a click on a link should be left to the browser (new tab, download, other window …). */
export function isModifiedClick(event: MouseEvent | globalThis.MouseEvent): boolean {
  return event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey;
}

/** Handles a click on an <a> inside the app: routes same-origin app links without reloading. */
export function routeLinkClick(
  event: MouseEvent | globalThis.MouseEvent,
  anchor: HTMLAnchorElement,
): boolean {
  if (event.defaultPrevented || isModifiedClick(event)) return false;
  if (anchor.target && anchor.target !== '_self') return false;
  if (anchor.hasAttribute('download')) return false;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || url.pathname.startsWith('/api/')) return false;
  // a link to an anchor on the same page is left to the browser (it scrolls and sets the hash)
  if (url.pathname === window.location.pathname && url.search === window.location.search && url.hash) {
    return false;
  }
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
  return true;
}

export type RouterLinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** An NL Design System link that navigates within the app. */
export const RouterLink = forwardRef<HTMLAnchorElement, RouterLinkProps>(function RouterLink(
  { onClick, ...props },
  ref,
) {
  return (
    <Link
      {...props}
      ref={ref}
      onClick={(event) => {
        onClick?.(event);
        routeLinkClick(event, event.currentTarget);
      }}
    />
  );
});

/** Builds a query string from the parameters that have a value, in the given order. */
export function toSearch(params: Array<[string, string | number | null | undefined]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of params) {
    if (value === null || value === undefined || value === '') continue;
    search.append(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
