// Home: the search box and the latest publications.
import { Heading2, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { listPublications } from '../api.js';
import {
  LoadedList,
  PageHeading,
  publicationName,
  publicationUrl,
  useDocumentTitle,
  useRequest,
} from '../components.js';
import { formatDate, useLanguage, useMessages } from '../i18n.js';
import { RouterLink } from '../router.js';
import { SearchForm } from '../SearchForm.js';

export function HomePage() {
  const t = useMessages();
  const language = useLanguage();
  useDocumentTitle(null);
  const latest = useRequest((signal) => listPublications({ limit: 10 }, signal), 'latest');
  return (
    <>
      <PageHeading>{t.homeTitle}</PageHeading>
      <Paragraph appearance="lead">{t.homeIntro}</Paragraph>
      <SearchForm />
      <section aria-labelledby="latest-heading" className="vb-section">
        <Heading2 id="latest-heading">{t.latestTitle}</Heading2>
        <LoadedList
          request={latest}
          items={latest.state === 'done' ? latest.data.items : null}
          empty={t.latestEmpty}
        >
          {(items) => (
            <UnorderedList className="vb-publication-list">
              {items.map((item) => (
                <UnorderedListItem key={item.id} className="vb-publication-list__item">
                  <RouterLink href={publicationUrl(item.id)}>{publicationName(item, t)}</RouterLink>
                  <span className="vb-meta">
                    {[
                      item.title ? t.kinds[item.kind] : '',
                      formatDate(item.date, language),
                      t.questionsCount(item.questions),
                      item.complete ? '' : t.incomplete,
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </UnorderedListItem>
              ))}
            </UnorderedList>
          )}
        </LoadedList>
      </section>
    </>
  );
}
