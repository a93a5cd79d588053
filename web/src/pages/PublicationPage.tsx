// A publication as published: /publicaties/{id}. The JSON gives the title, the facts and the table of
// contents; the server renders the document itself as an escaped HTML fragment, which is shown as is (the
// one place the app inserts HTML). Links in it to other publications route within the app, and the URL's
// hash (#vraag-9, #noot-3, #sectie-2) is scrolled to and focused once the document is there.
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  type DownloadFormat,
  downloadUrl,
  getPublication,
  getPublicationHtml,
  type Publication,
} from '../api.js';
import {
  ErrorMessage,
  Loading,
  officialName,
  PageHeading,
  questionUrl,
  useDocumentTitle,
  useRequest,
} from '../components.js';
import { formatDate, type Language, type Messages, useLanguage, useMessages } from '../i18n.js';
import { RouterLink, routeLinkClick } from '../router.js';

interface TocQuestion {
  anchor: string;
  label: string | null;
  number: number | null;
  excerpt: string;
}

interface TocSection {
  anchor: string;
  title: string | null;
  questions: TocQuestion[];
}

/** The anchors the server gives questions: vraag-N, or vraag-pP (position P) when unnumbered or taken. */
/** The downloads offered, the official layout first. */
type DownloadLabel = 'downloadPdf' | 'downloadDocx' | 'downloadMarkdown' | 'downloadText' | 'downloadJson';

const DOWNLOADS: { format: DownloadFormat; extension: string; label: DownloadLabel }[] = [
  { format: 'pdf', extension: 'pdf', label: 'downloadPdf' },
  { format: 'docx', extension: 'docx', label: 'downloadDocx' },
  { format: 'md', extension: 'md', label: 'downloadMarkdown' },
  { format: 'text', extension: 'txt', label: 'downloadText' },
  { format: 'json', extension: 'json', label: 'downloadJson' },
];

function toc(publication: Publication): TocSection[] {
  const taken = new Set<string>();
  let position = 0;
  return publication.sections.map((section, k) => ({
    anchor: `sectie-${k + 1}`,
    title: section.title,
    questions: section.questions.map((q, i) => {
      position += 1;
      const numbered = q.number !== null && !taken.has(`vraag-${q.number}`);
      const anchor = numbered ? `vraag-${q.number}` : `vraag-p${position}`;
      taken.add(anchor);
      const text = q.question.replace(/\s+/g, ' ').trim();
      return {
        anchor,
        // as the server heads it: 'Vraag N', else the printed label, else the place in the section
        label: q.number !== null ? null : (q.label ?? String(i + 1)),
        number: q.number,
        excerpt: text.length > 90 ? `${text.slice(0, 80).replace(/\s+\S*$/, '')} …` : text,
      };
    }),
  }));
}

function title(publication: Publication, t: Messages): string {
  if (publication.title) return publication.title;
  const kind = t.kinds[publication.kind];
  const name = publication.id ? officialName(publication.id, t) : null;
  return name ? `${kind}, ${name}` : kind;
}

/**
 * The fragment made ready for the page: its own h1 becomes an h2 (the page has one h1), and each
 * numbered question's heading gets a link to the question's page. Parsed in an inert <template>.
 */
function prepare(html: string, id: string, t: Messages, language: Language): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  const root = template.content;
  for (const h1 of root.querySelectorAll('h1')) {
    const h2 = document.createElement('h2');
    for (const attribute of h1.attributes) h2.setAttribute(attribute.name, attribute.value);
    h2.classList.add('vb-document-title');
    h2.append(...h1.childNodes);
    h1.replaceWith(h2);
  }
  for (const section of root.querySelectorAll<HTMLElement>('section.vb-vraag[id^="vraag-"]')) {
    const number = /^vraag-(\d+)$/.exec(section.id)?.[1];
    const heading = section.querySelector('h2, h3, h4, h5, h6');
    if (!number || !heading) continue;
    const link = document.createElement('a');
    link.className = 'utrecht-link vb-question-page-link';
    link.href = questionUrl(id, number);
    link.textContent = t.tocQuestionPage(number);
    link.lang = language;
    heading.after(link);
  }
  return template.innerHTML;
}

function focusHash(hash: string): void {
  if (hash.length < 2) return;
  let id: string;
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return;
  }
  const target = document.getElementById(id);
  if (!target) return;
  if (!target.hasAttribute('tabindex') && !target.matches('a[href], button, input, select, textarea')) {
    target.setAttribute('tabindex', '-1');
  }
  target.scrollIntoView({ block: 'start' });
  target.focus({ preventScroll: true });
}

function TableOfContents({
  id,
  sections,
  footnotes,
}: {
  id: string;
  sections: TocSection[];
  footnotes: boolean;
}) {
  const t = useMessages();
  const [open] = useState(() => window.matchMedia('(min-width: 64em)').matches);
  const flat = sections.length === 1 && sections[0]!.title === null;
  const questionItems = (questions: TocQuestion[]) =>
    questions.length > 0 && (
      <ol className="vb-toc__questions">
        {questions.map((q) => (
          <li key={q.anchor} className="vb-toc__question">
            <a className="utrecht-link utrecht-link--html-a vb-toc__link" href={`#${q.anchor}`}>
              <span className="vb-toc__number">
                {q.number !== null
                  ? t.questionN(q.number)
                  : /^\d/.test(q.label ?? '')
                    ? t.questionN(q.label ?? '')
                    : q.label}
              </span>{' '}
              <span className="vb-toc__excerpt">{q.excerpt}</span>
            </a>
            {q.number !== null && (
              <RouterLink
                href={questionUrl(id, q.number)}
                className="vb-toc__page"
                aria-label={t.tocQuestionPage(q.number)}
                title={t.tocQuestionPage(q.number)}
              >
                →
              </RouterLink>
            )}
          </li>
        ))}
      </ol>
    );
  return (
    <nav className="vb-toc" aria-labelledby="toc-heading">
      <details className="vb-toc__details" open={open}>
        <summary className="vb-toc__summary">
          <span id="toc-heading">{t.tocTitle}</span>
        </summary>
        {flat ? (
          questionItems(sections[0]!.questions)
        ) : (
          <ol className="vb-toc__sections">
            {sections.map((section, k) => (
              <li key={section.anchor} className="vb-toc__section">
                <a className="utrecht-link utrecht-link--html-a vb-toc__link" href={`#${section.anchor}`}>
                  {section.title ?? (k === 0 ? t.tocIntro : t.untitledSection)}
                </a>
                {questionItems(section.questions)}
              </li>
            ))}
          </ol>
        )}
        {footnotes && (
          <p className="vb-toc__notes">
            <a className="utrecht-link utrecht-link--html-a vb-toc__link" href="#noten">
              {t.tocNotes}
            </a>
          </p>
        )}
      </details>
    </nav>
  );
}

export function PublicationPage({ id, hash }: { id: string; hash: string }) {
  const t = useMessages();
  const language = useLanguage();
  const json = useRequest((signal) => getPublication(id, signal), id);
  const html = useRequest((signal) => getPublicationHtml(id, signal), id);
  const publication = json.state === 'done' ? json.data : null;
  const heading = publication ? title(publication, t) : json.state === 'failed' ? t.publicationNotFound : id;
  useDocumentTitle(heading);
  const prepared = useMemo(
    () => (html.state === 'done' ? prepare(html.data, id, t, language) : null),
    [html.state, html.data, id, t, language],
  );
  const sections = useMemo(() => (publication ? toc(publication) : []), [publication]);
  const content = useRef<HTMLDivElement>(null);

  // The URL's anchor, once the document (and the details above it, which move it) are there, and whenever
  // the hash changes (not on a language switch).
  const loaded = prepared !== null && json.state !== 'loading';
  useEffect(() => {
    if (loaded) focusHash(hash);
  }, [loaded, hash]);

  // Clicks on links inside the fragment: app links route without a page load; a click on the anchor the
  // URL already names (no hashchange then) still moves the focus there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the element exists once `prepared` is there
  useEffect(() => {
    const element = content.current;
    if (!element) return;
    function onClick(event: globalThis.MouseEvent) {
      const anchor = (event.target as Element | null)?.closest('a');
      if (!anchor || !element?.contains(anchor)) return;
      const href = anchor.getAttribute('href') ?? '';
      if (href.startsWith('#')) {
        if (href === window.location.hash) focusHash(href);
        return;
      }
      if (href.startsWith('/publicaties/')) routeLinkClick(event, anchor);
    }
    element.addEventListener('click', onClick);
    return () => element.removeEventListener('click', onClick);
  }, [prepared]);

  const questions = publication ? sections.reduce((n, s) => n + s.questions.length, 0) : 0;
  const date = publication
    ? (publication.dates.answered ?? publication.dates.adopted ?? publication.dates.sent)
    : null;
  const meta = publication
    ? [
        t.kinds[publication.kind],
        publication.chamber ? t.chambers[publication.chamber] : '',
        publication.session ?? '',
        formatDate(date, language),
        t.questionsCount(questions),
      ].filter(Boolean)
    : [];

  const name = publication?.id ? officialName(publication.id, t) : null;
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      {json.state === 'loading' && <Loading />}
      {json.state === 'failed' && <ErrorMessage error={json.error} />}
      {publication && (
        <>
          <Paragraph className="vb-meta vb-publication-meta">
            {name && publication.title && (
              <>
                {name}
                <br />
              </>
            )}
            {meta.join(' · ')}
          </Paragraph>
          {!publication.complete && <Paragraph className="vb-incomplete">{t.detailIncomplete}</Paragraph>}
        </>
      )}
      {json.state !== 'failed' && (
        <div className="vb-publication-body">
          {publication && (
            <div className="vb-publication-tools">
              <TableOfContents id={id} sections={sections} footnotes={publication.footnotes.length > 0} />
              <section className="vb-downloads" aria-labelledby="downloads-heading">
                <Heading2 id="downloads-heading" className="vb-downloads__title">
                  {t.downloads}
                </Heading2>
                <ul className="vb-downloads__list">
                  {DOWNLOADS.map(({ format, extension, label }) => (
                    <li key={format}>
                      <a
                        className="utrecht-link utrecht-link--html-a"
                        href={downloadUrl(id, format)}
                        download={`${id}.${extension}`}
                      >
                        {t[label]}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          )}
          {html.state === 'loading' && json.state === 'done' && <Loading />}
          {html.state === 'failed' && <ErrorMessage error={html.error} />}
          {prepared !== null && (
            <div
              className="utrecht-html vb-document"
              ref={content}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: the server renders and escapes this fragment (src/render/html.ts); the one place the app inserts HTML
              dangerouslySetInnerHTML={{ __html: prepared }}
            />
          )}
        </div>
      )}
    </>
  );
}
