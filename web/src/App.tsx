// The page frame (skip link, header with the menu and the language switch, main, footer) and the routes.
import {
  Button,
  Page,
  PageContent,
  PageFooter,
  PageHeader,
  Paragraph,
} from '@utrecht/component-library-react';
import { setLanguage, useLanguage, useMessages } from './i18n.js';
import { HomePage } from './pages/HomePage.js';
import { ImportPage } from './pages/ImportPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PublicationPage } from './pages/PublicationPage.js';
import { QuestionPage } from './pages/QuestionPage.js';
import { SearchPage } from './pages/SearchPage.js';
import { type Location, RouterLink, useLocation } from './router.js';

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

export function App() {
  const location = useLocation();
  const t = useMessages();
  const language = useLanguage();
  const path = location.pathname;
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
        <nav aria-label={t.mainNav} className="vb-nav">
          <ul className="vb-nav__list">
            <li>
              <RouterLink
                href="/zoeken"
                className="vb-nav__link"
                aria-current={path === '/zoeken' ? 'page' : undefined}
              >
                {t.navSearch}
              </RouterLink>
            </li>
            <li>
              <RouterLink
                href="/importeren"
                className="vb-nav__link"
                aria-current={path === '/importeren' ? 'page' : undefined}
              >
                {t.navImport}
              </RouterLink>
            </li>
          </ul>
        </nav>
      </PageHeader>
      <PageContent className="vb-content">
        <main id="main" tabIndex={-1} className="vb-main">
          {route(location)}
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
