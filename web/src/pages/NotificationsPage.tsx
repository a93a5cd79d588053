// Meldingen: /werk/meldingen. One's notifications, newest first (docs/notifications.md): the unread ones
// marked in words (not by colour alone), each linking to what it is about (following the link marks it
// read), "Alles gelezen", and older ones a page at a time. Which ones come, and how, is chosen on the
// account page.
import { Button, Heading2, Paragraph, StatusBadge } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { isAbort } from '../api.js';
import { ErrorMessage, Loading, PlainText } from '../components.js';
import { RestrictedPage } from '../forms.js';
import { formatDateTime, useLanguage } from '../i18n.js';
import {
  loadNotifications,
  markNotificationsRead,
  type Notification,
  useUnreadCount,
} from '../notifications.js';
import { RouterLink } from '../router.js';
import { useWorkMessages } from '../work-i18n.js';
import { Feedback, useFeedback } from './work-shared.js';

const PAGE = 20;

/** A notification's link when it is a path within the app; anything else is not followed. */
export function appPath(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}

export function NotificationsPage() {
  const w = useWorkMessages();
  return (
    <RestrictedPage title={w.notificationsTitle}>{(user) => <Notifications key={user.id} />}</RestrictedPage>
  );
}

function Notifications() {
  const w = useWorkMessages();
  const unread = useUnreadCount();
  const [items, setItems] = useState<Notification[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** Whether an older page may follow (the last one was full). */
  const [more, setMore] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>(null);
  /** The first notification of an older page just shown, to take the focus (the button may be gone). */
  const [focusId, setFocusId] = useState<number | null>(null);
  const feedback = useFeedback();

  useEffect(() => {
    const controller = new AbortController();
    loadNotifications({ limit: PAGE }, controller.signal).then(
      (page) => {
        setItems(page.items);
        setMore(page.items.length === PAGE);
      },
      (error: unknown) => {
        if (!isAbort(error)) setLoadError(error);
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => {
    if (focusId !== null) document.getElementById(`melding-${focusId}`)?.focus();
  }, [focusId]);

  function older() {
    const last = items?.at(-1);
    if (!last || loadingMore) return;
    setLoadingMore(true);
    setMoreError(null);
    loadNotifications({ limit: PAGE, before: last.id }).then(
      (page) => {
        setLoadingMore(false);
        setFocusId(page.items[0]?.id ?? null);
        setItems((current) => [...(current ?? []), ...page.items]);
        setMore(page.items.length === PAGE);
      },
      (error: unknown) => {
        setLoadingMore(false);
        setMoreError(error);
      },
    );
  }

  function markShown(ids: number[] | 'all') {
    const at = new Date().toISOString();
    setItems(
      (current) =>
        current?.map((n) =>
          n.readAt === null && (ids === 'all' || ids.includes(n.id)) ? { ...n, readAt: at } : n,
        ) ?? null,
    );
  }

  function allRead() {
    feedback.run(
      'all',
      () => markNotificationsRead({ all: true }),
      (changed) => {
        markShown('all');
        return w.allMarkedRead(changed);
      },
    );
  }

  /** Following a notification's link marks it read; the request goes on while the app navigates. */
  function opened(n: Notification) {
    if (n.readAt !== null) return;
    markShown([n.id]);
    markNotificationsRead({ ids: [n.id] }).catch(() => undefined);
  }

  return (
    <>
      <Paragraph>{w.notificationsIntro}</Paragraph>
      <Paragraph>
        <RouterLink href="/account#meldingen">{w.notificationSettingsLink}</RouterLink>
      </Paragraph>
      <Feedback feedback={feedback} />
      {loadError !== null && <ErrorMessage error={loadError} />}
      {items === null && loadError === null && <Loading />}
      {items !== null && (
        <>
          <div className="vb-notifications__bar">
            {unread !== null && (
              <Paragraph className="vb-notifications__count">
                {unread > 0 ? w.unreadCount(unread) : w.noneUnread}
              </Paragraph>
            )}
            {(unread ?? 0) > 0 && (
              <Button appearance="secondary-action-button" busy={feedback.busy === 'all'} onClick={allRead}>
                {w.markAllRead}
              </Button>
            )}
          </div>
          {items.length === 0 ? (
            <Paragraph>{w.notificationsEmpty}</Paragraph>
          ) : (
            <ol className="vb-notifications">
              {items.map((n) => (
                <NotificationItem key={n.id} notification={n} onOpen={() => opened(n)} />
              ))}
            </ol>
          )}
          {moreError !== null && <ErrorMessage error={moreError} />}
          {more && (
            <Paragraph>
              <Button appearance="secondary-action-button" busy={loadingMore} onClick={older}>
                {w.olderNotifications}
              </Button>
            </Paragraph>
          )}
        </>
      )}
    </>
  );
}

function NotificationItem({ notification: n, onOpen }: { notification: Notification; onOpen: () => void }) {
  const w = useWorkMessages();
  const language = useLanguage();
  const unread = n.readAt === null;
  const path = appPath(n.link);
  return (
    <li
      id={`melding-${n.id}`}
      tabIndex={-1}
      className={`vb-notification vb-focus-target${unread ? ' vb-notification--unread' : ''}`}
    >
      <Heading2 className="vb-notification__subject">
        {unread && (
          <>
            <StatusBadge status="warning" className="vb-badge">
              {w.unreadBadge}
            </StatusBadge>{' '}
          </>
        )}
        {path ? (
          <RouterLink
            href={path}
            lang="nl"
            onClick={onOpen}
            // a middle click opens it in another tab: read all the same
            onAuxClick={(event) => {
              if (event.button === 1) onOpen();
            }}
          >
            {n.subject}
          </RouterLink>
        ) : (
          <span lang="nl">{n.subject}</span>
        )}
      </Heading2>
      <Paragraph className="vb-meta">
        {w.notificationKinds[n.kind] ?? n.kind} ·{' '}
        <time dateTime={n.createdAt}>{formatDateTime(n.createdAt, language)}</time>
      </Paragraph>
      <div className="vb-notification__body" lang="nl">
        <PlainText text={n.body} className="vb-notification__paragraph" />
      </div>
    </li>
  );
}
