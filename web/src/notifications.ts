// Notifications (docs/notifications.md): the API's part for them, and the unread count the header shows,
// an external store read with useUnreadCount(). The count is asked for on sign-in, on navigation (not more
// often than every ten seconds) and once a minute while the page is visible; every answer that carries it
// (a page of notifications, marking some read) sets it too. In the main chunk: the header needs it.
import { useSyncExternalStore } from 'react';
import { API, getJson, query, sendJson } from './api.js';

export type NotificationKind =
  | 'assigned'
  | 'returned'
  | 'declined'
  | 'deadline-approaching'
  | 'overdue'
  | 'published';

export type MailMode = 'immediate' | 'daily' | 'off';

export interface Notification {
  id: number;
  kind: NotificationKind;
  /** Dutch, plain text. */
  subject: string;
  body: string;
  /** A path in the web app ('/werk/lijsten/3#vraag-2'). */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: Notification[];
  unread: number;
}

export interface NotificationPreference {
  kind: NotificationKind;
  label: { nl: string; en: string };
  /** Who gets it and when (Dutch). */
  about: string;
  email: MailMode;
  inApp: boolean;
}

export interface NotificationPreferences {
  items: NotificationPreference[];
  /** Whether this server sends e-mail at all. */
  mail: boolean;
}

const NOTIFICATIONS = `${API}/notifications`;
const PREFERENCES = `${API}/notification-preferences`;

export function getNotificationPreferences(signal?: AbortSignal): Promise<NotificationPreferences> {
  return getJson(PREFERENCES, signal);
}

export function setNotificationPreference(
  kind: NotificationKind,
  body: { email: MailMode; inApp: boolean },
): Promise<NotificationPreference> {
  return sendJson('PUT', `${PREFERENCES}/${encodeURIComponent(kind)}`, body);
}

// ---------- the unread count ----------

let unread: number | null = null;
const listeners = new Set<() => void>();
/** Read-marker requests under way: a count read meanwhile may be from before them, so it is not used. */
let writing = 0;
/** Bumped when a read-marker request starts or ends: a count read across that is not used either. */
let epoch = 0;
let refreshing = false;
let lastRefresh = 0;

function setUnread(next: number | null): void {
  if (next === unread) return;
  unread = next;
  for (const listener of listeners) listener();
}

/** A request whose answer carries the unread count: the count is taken when nothing changed it meanwhile. */
async function reading<T extends { unread: number }>(request: () => Promise<T>): Promise<T> {
  const started = epoch;
  const result = await request();
  if (writing === 0 && epoch === started) setUnread(result.unread);
  return result;
}

/** A page of one's notifications, newest first: `before` an id for the next (older) page. */
export function loadNotifications(
  params: { limit?: number; before?: number; unread?: boolean },
  signal?: AbortSignal,
): Promise<NotificationPage> {
  return reading(() => getJson<NotificationPage>(`${NOTIFICATIONS}${query(params)}`, signal));
}

/** Marks notifications read (some by id, or all); how many changed. The header's count follows. */
export async function markNotificationsRead(which: { ids: number[] } | { all: true }): Promise<number> {
  writing++;
  epoch++;
  try {
    const result = await sendJson<{ changed: number; unread: number }>(
      'POST',
      `${NOTIFICATIONS}/read-markers`,
      which,
    );
    setUnread(result.unread);
    return result.changed;
  } finally {
    writing--;
    epoch++;
  }
}

/** How long a navigation waits after the last count before asking again. */
const NAVIGATION_GAP = 10_000;
/** How often the count is asked for while the page stays open and visible. */
export const POLL_INTERVAL = 60_000;

/**
 * Asks for the unread count: `force` (someone signed in) always, otherwise when it was not asked for in
 * the last `gap` milliseconds. A failure leaves the count as it was (a 401 ends the session in api.ts).
 */
export function refreshUnread(options: { force?: boolean; gap?: number } = {}): void {
  const now = Date.now();
  if (!options.force && (refreshing || now - lastRefresh < (options.gap ?? NAVIGATION_GAP))) return;
  refreshing = true;
  lastRefresh = now;
  reading(() => getJson<NotificationPage>(`${NOTIFICATIONS}${query({ unread: true, limit: 1 })}`))
    .catch(() => undefined)
    .finally(() => {
      refreshing = false;
    });
}

/** Forgets the count (signed out). */
export function clearUnread(): void {
  lastRefresh = 0;
  // a count still on its way is the previous person's
  epoch++;
  setUnread(null);
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The signed-in person's unread notifications; null until known. */
export function useUnreadCount(): number | null {
  return useSyncExternalStore(subscribe, () => unread);
}
