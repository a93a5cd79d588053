// The page frame (skip link, header with the menu, who is signed in with their notifications and the
// language switch, main, footer) and the routes. The account and administration pages are loaded when
// first visited (a chunk of their own).
import {
  Button,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
} from '@utrecht/component-library-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { signOut, type User } from './api.js';
import { signInUrl, useAuth, useUser } from './auth.js';
import { ErrorBoundary, ErrorMessage, Loading, PageHeading } from './components.js';
import { formatNumber, type Messages, setLanguage, useLanguage, useMessages } from './i18n.js';
import { clearUnread, POLL_INTERVAL, refreshUnread, useUnreadCount } from './notifications.js';
import { HomePage } from './pages/HomePage.js';
import { ImportPage } from './pages/ImportPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PublicationPage } from './pages/PublicationPage.js';
import { QuestionPage } from './pages/QuestionPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { type Location, RouterLink, useLocation } from './router.js';

const signedIn = () => import('./pages/signed-in.js');
const AccountPage = lazy(() => signedIn().then((m) => ({ default: m.AccountPage })));
const AdminUsersPage = lazy(() => signedIn().then((m) => ({ default: m.AdminUsersPage })));
const AdminOrganisationsPage = lazy(() => signedIn().then((m) => ({ default: m.AdminOrganisationsPage })));
const AdminAuditPage = lazy(() => signedIn().then((m) => ({ default: m.AdminAuditPage })));
const work = () => import('./pages/work.js');
const WorkPage = lazy(() => work().then((m) => ({ default: m.WorkPage })));
const NewListPage = lazy(() => work().then((m) => ({ default: m.NewListPage })));
const ListPage = lazy(() => work().then((m) => ({ default: m.ListPage })));
const AnswerPage = lazy(() => work().then((m) => ({ default: m.AnswerPage })));
const NotificationsPage = lazy(() => work().then((m) => ({ default: m.NotificationsPage })));

const NOTIFICATIONS_PATH = '/werk/meldingen';

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function route(location: Location) {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/') return <HomePage />;
  if (path === '/zoeken') return <SearchPage search={location.search} />;
  if (path === '/importeren') return <ImportPage />;
  if (path === '/inloggen') return <LoginPage search={location.search} />;
  if (path === '/account') return <AccountPage />;
  if (path === '/beheer/gebruikers') return <AdminUsersPage />;
  if (path === '/beheer/organisaties') return <AdminOrganisationsPage />;
  if (path === '/beheer/audit') return <AdminAuditPage search={location.search} />;
  if (path === '/werk') return <WorkPage />;
  if (path === '/werk/lijsten/nieuw') return <NewListPage />;
  if (path === NOTIFICATIONS_PATH) return <NotificationsPage />;
  const list = /^\/werk\/lijsten\/(\d+)$/.exec(path);
  if (list) return <ListPage key={list[1]} id={Number(list[1])} />;
  const answer = /^\/werk\/vragen\/(\d+)$/.exec(path);
  if (answer) return <AnswerPage key={answer[1]} id={Number(answer[1])} />;
  const question = /^\/publicaties\/([^/]+)\/vragen\/([^/]+)$/.exec(path);
  if (question) {
    const id = decode(question[1]!);
    const number = decode(question[2]!);
    return <QuestionPage key={`${id}#${number}`} id={id} number={number} />;
  }
  const publication = /^\/publicaties\/([^/]+)$/.exec(path);
  if (publication) {
    const id = decode(publication[1]!);
    return <PublicationPage key={id} id={id} hash={location.hash} />;
  }
  return <NotFoundPage />;
}

/**
 * The unread count: asked for when someone signs in, on every navigation (refreshUnread keeps ten
 * seconds between those) and, while the page is visible, once a minute; forgotten on signing out.
 */
function useUnreadRefresh(userId: number | null, path: string): void {
  useEffect(() => {
    if (userId === null) {
      clearUnread();
      return;
    }
    refreshUnread({ force: true });
    const poll = () => {
      if (document.visibilityState === 'visible') refreshUnread({ gap: POLL_INTERVAL - 1000 });
    };
    const timer = window.setInterval(poll, POLL_INTERVAL);
    document.addEventListener('visibilitychange', poll);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [userId]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: asked again when the page changes
  useEffect(() => {
    if (userId !== null) refreshUnread();
  }, [path]);
}

/** "Meldingen", with the unread count in its text (not in colour alone). */
function NotificationsLink({ current }: { current: boolean }) {
  const t = useMessages();
  const language = useLanguage();
  const count = useUnreadCount();
  return (
    <RouterLink
      href={NOTIFICATIONS_PATH}
      className="vb-account__notifications"
      aria-current={current ? 'page' : undefined}
    >
      {t.navNotifications}
      {count !== null && count > 0 && (
        <>
          {' '}
          <span className="vb-count">
            {formatNumber(count, language)}
            <span className="vb-visually-hidden"> {t.unreadSuffix}</span>
          </span>
        </>
      )}
    </RouterLink>
  );
}

/** Who is signed in, with their notifications and "Uitloggen"; or the link to sign in (coming back here). */
function AccountArea({ location }: { location: Location }) {
  const t = useMessages();
  const auth = useAuth();
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const signInLink = useRef<HTMLAnchorElement>(null);
  const focusSignIn = useRef(false);

  // After signing out the button is gone: the focus goes to the link that replaced it.
  useEffect(() => {
    if (auth.status === 'visitor' && focusSignIn.current) {
      focusSignIn.current = false;
      signInLink.current?.focus();
    }
    if (auth.status === 'user') setMessage('');
  }, [auth.status]);

  function out() {
    setBusy(true);
    focusSignIn.current = true;
    signOut().then(
      () => {
        setBusy(false);
        setMessage(t.signedOut);
      },
      () => {
        focusSignIn.current = false;
        setBusy(false);
        setMessage(t.signOutFailed);
      },
    );
  }

  const onSignInPage = location.pathname === '/inloggen';
  return (
    <div className="vb-account">
      {auth.status === 'user' && (
        <>
          <span className="vb-account__who">
            <span className="vb-account__label">{t.signedInAs} </span>
            <RouterLink
              href="/account"
              className="vb-account__name"
              aria-current={location.pathname === '/account' ? 'page' : undefined}
            >
              {auth.user.name}
            </RouterLink>
          </span>
          <NotificationsLink current={location.pathname.replace(/\/+$/, '') === NOTIFICATIONS_PATH} />
          <Button
            appearance="secondary-action-button"
            className="vb-account__button"
            onClick={out}
            busy={busy}
          >
            {t.signOut}
          </Button>
        </>
      )}
      {auth.status === 'visitor' && (
        <RouterLink
          ref={signInLink}
          href={onSignInPage ? `/inloggen${location.search}` : signInUrl(location.pathname + location.search)}
          className="vb-account__sign-in"
          aria-current={onSignInPage ? 'page' : undefined}
        >
          {t.signIn}
        </RouterLink>
      )}
      {/* "signed out" is plain to see (the link to sign in is back) and only told; a failure is shown */}
      <span
        role="status"
        className={message === t.signOutFailed ? 'vb-account__error' : 'vb-visually-hidden'}
      >
        {message}
      </span>
    </div>
  );
}

/** A menu item: the current page, or (`true`) the section the current page is in, such as /werk/…. */
function NavLink({ href, path, children }: { href: string; path: string; children: string }) {
  const current = path === href ? 'page' : path.startsWith(`${href}/`) ? 'true' : undefined;
  return (
    <li>
      <RouterLink href={href} className="vb-nav__link" aria-current={current}>
        {children}
      </RouterLink>
    </li>
  );
}

/**
 * The main navigation's pages: searching and importing, for people with a role (or administrators) their
 * work, and for administrators the administration.
 */
function navItems(t: Messages, user: User | null): Array<[href: string, label: string]> {
  const admin = user?.admin ?? false;
  const items: Array<[string, string]> = [
    ['/zoeken', t.navSearch],
    ['/importeren', t.navImport],
  ];
  if (user && (admin || user.memberships.length > 0)) items.push(['/werk', t.navWork]);
  if (admin) {
    items.push(
      ['/beheer/gebruikers', t.navUsers],
      ['/beheer/organisaties', t.navOrganisations],
      ['/beheer/audit', t.navAudit],
    );
  }
  return items;
}

export function App() {
  const location = useLocation();
  const t = useMessages();
  const language = useLanguage();
  const user = useUser();
  const path = location.pathname.replace(/\/+$/, '') || '/';
  useUnreadRefresh(user?.id ?? null, path);
  return (
    <Page className="vb-page">
      <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus vb-skip-link" href="#main">
        {t.skipLink}
      </a>
      <PageHeader className="vb-header">
        <div className="vb-header__bar">
          <div className="vb-brand">
            <RouterLink href="/" className="vb-brand__name">
              {t.appName}
            </RouterLink>
            <span className="vb-brand__tagline">{t.tagline}</span>
          </div>
          <div className="vb-header__tools">
            <AccountArea location={location} />
            <Button
              appearance="subtle-button"
              className="vb-language"
              lang={t.switchLanguageLang}
              aria-label={t.switchLanguageLabel}
              onClick={() => setLanguage(language === 'nl' ? 'en' : 'nl')}
            >
              {t.switchLanguage}
            </Button>
          </div>
        </div>
        <nav aria-label={t.mainNav} className="vb-nav">
          <ul className="vb-nav__list">
            {navItems(t, user).map(([href, label]) => (
              <NavLink key={href} href={href} path={path}>
                {label}
              </NavLink>
            ))}
          </ul>
        </nav>
      </PageHeader>
      <PageContent className="vb-content">
        <main id="main" tabIndex={-1} className="vb-main">
          <ErrorBoundary
            key={path}
            fallback={(error) => (
              <>
                <PageHeading>{t.errorTitle}</PageHeading>
                <ErrorMessage error={error} title={t.pageLoadFailed} />
              </>
            )}
          >
            <Suspense fallback={<Loading />}>{route(location)}</Suspense>
          </ErrorBoundary>
        </main>
      </PageContent>
      <PageFooter className="vb-footer">
        <Paragraph>{t.footer}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href="/api/docs">
            {t.apiDocs}
          </a>
        </Paragraph>
      </PageFooter>
    </Page>
  );
}
