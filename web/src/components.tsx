// Small pieces the pages share: the page heading, the document title, loading and error states, snippets
// with their highlights, plain text as paragraphs, and how a publication is named.
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Mark,
  Paragraph,
} from '@utrecht/component-library-react';
import { Component, type ReactNode, useEffect, useRef, useState } from 'react';
import { ApiError, isAbort, type PublicationSummary, type SearchResult, type Snippet } from './api.js';
import { type Messages, useMessages } from './i18n.js';
import { takeFocusPending } from './router.js';

/** Sets document.title to "<title> – Vraagbaak" (or "Vraagbaak" alone). */
export function useDocumentTitle(title: string | null): void {
  const t = useMessages();
  useEffect(() => {
    document.title = title && title !== t.appName ? `${title} – ${t.appName}` : t.appName;
  }, [title, t]);
}

/**
 * The page's one h1. After a navigation to another page it takes the focus (unless the URL names an
 * anchor), so keyboard and screen reader users start at the new page's heading.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (takeFocusPending() && !window.location.hash) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <Heading1 ref={ref} tabIndex={-1} className="vb-page-heading">
      {children}
    </Heading1>
  );
}

export type Loadable<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'done'; data: T; error?: undefined }
  | { state: 'failed'; data?: undefined; error: unknown };

/** Runs a request, again whenever `key` changes (the previous one is then aborted). */
export function useRequest<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Loadable<T> {
  const [result, setResult] = useState<Loadable<T>>({ state: 'loading' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names everything the request depends on
  useEffect(() => {
    const controller = new AbortController();
    setResult({ state: 'loading' });
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ state: 'done', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setResult({ state: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [key]);
  return result;
}

/** The data of the last finished request, kept while the next one loads (a list reloaded after a change). */
export function useLastData<T>(result: Loadable<T>): T | null {
  const [data, setData] = useState<T | null>(null);
  useEffect(() => {
    if (result.state === 'done') setData(result.data);
  }, [result]);
  return result.state === 'done' ? result.data : data;
}

/**
 * A list that is loaded again after a change: the request, its last data (kept while it reloads, so a
 * table does not blink away) and `reload`.
 */
export function useReloadable<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
): { request: Loadable<T>; data: T | null; reload: () => void } {
  const [version, setVersion] = useState(0);
  const request = useRequest(load, `${key}:${version}`);
  const data = useLastData(request);
  return { request, data, reload: () => setVersion((v) => v + 1) };
}

/**
 * A loaded list's states: the request's error, "loading" while there is nothing yet to show, a sentence
 * when the list is empty, else the list itself.
 */
export function LoadedList<T>({
  request,
  items,
  empty,
  children,
}: {
  request: Loadable<unknown>;
  items: T[] | null;
  empty: ReactNode;
  children: (items: T[]) => ReactNode;
}) {
  return (
    <>
      {request.state === 'failed' && <ErrorMessage error={request.error} />}
      {items === null && request.state === 'loading' && <Loading />}
      {items !== null && (items.length === 0 ? <Paragraph>{empty}</Paragraph> : children(items))}
    </>
  );
}

/** A sentence for an error: the problem's detail, or a general message; refusals said plainly. */
export function errorText(error: unknown, t: Messages): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return t.errorUnauthorized;
    if (error.status === 403) return t.errorForbidden;
    if (error.detail) return error.detail;
    if (error.status === 0) return t.networkError;
    return t.httpError(error.status);
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const t = useMessages();
  // The server's details are in English; a refusal (401, 403) is said in the interface's language.
  const fromServer =
    error instanceof ApiError && error.detail !== null && error.status !== 401 && error.status !== 403;
  return (
    <Alert type="error" className="vb-alert">
      <Paragraph>
        <strong>{title ?? t.errorTitle}</strong>
      </Paragraph>
      <Paragraph lang={fromServer ? 'en' : undefined}>{errorText(error, t)}</Paragraph>
    </Alert>
  );
}

/**
 * Shows `fallback` instead of its children when they fail to render, such as a page whose code could not
 * be loaded (a lost connection, or a new version of the app on the server since this page was opened).
 */
export class ErrorBoundary extends Component<
  { children: ReactNode; fallback: (error: unknown) => ReactNode },
  { failed: boolean; error: unknown }
> {
  override state = { failed: false, error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { failed: true, error };
  }

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export function Loading() {
  const t = useMessages();
  return (
    <Paragraph className="vb-loading" role="status">
      {t.loading}
    </Paragraph>
  );
}

/** Facts as a list of names and values (a user's details, what an import read). */
export function Facts({
  items,
}: {
  items: Array<{ label: string; value: ReactNode; lang?: string | undefined }>;
}) {
  return (
    <DataList className="vb-import-data">
      {items.map((item) => (
        <DataListItem key={item.label}>
          <DataListKey>{item.label}</DataListKey>
          <DataListValue lang={item.lang}>{item.value}</DataListValue>
        </DataListItem>
      ))}
    </DataList>
  );
}

/** A snippet with its highlights as <mark> elements (React nodes, never HTML); the texts are Dutch. */
export function Highlighted({ snippet }: { snippet: Snippet }) {
  const { text, highlights } = snippet;
  const parts: ReactNode[] = [];
  let at = 0;
  const sorted = [...highlights].sort((a, b) => a[0] - b[0]);
  for (const [rawStart, rawEnd] of sorted) {
    const start = Math.max(at, Math.min(rawStart, text.length));
    const end = Math.max(start, Math.min(rawEnd, text.length));
    if (end <= start) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<Mark key={start}>{text.slice(start, end)}</Mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <span lang="nl">{parts}</span>;
}

/** Plain text as the API gives it: paragraphs split by a blank line, lines (list items) by a newline. */
export function PlainText({ text, className }: { text: string; className?: string }) {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim() !== '');
  return (
    <>
      {paragraphs.map((paragraph, i) => {
        const lines = paragraph.split('\n');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the paragraphs of a fixed text
          <Paragraph key={i} className={className}>
            {lines.map((line, j) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines of a fixed paragraph
              <span key={j}>
                {j > 0 && <br />}
                {line}
              </span>
            ))}
          </Paragraph>
        );
      })}
    </>
  );
}

/** "Kamerstuk 36 360 VI, nr. 12" or "Aanhangsel van de Handelingen 2024-2025, nr. 1028" from an official id. */
export function officialName(id: string, t: Pick<Messages, 'kamerstuk' | 'appendix'>): string | null {
  const kst = /^kst-(\d+)((?:-[A-Z0-9]+)*)-([A-Za-z0-9]+)$/.exec(id);
  if (kst) {
    const dossier = kst[1]!.replace(/^(\d{2})(\d{3})$/, '$1 $2');
    const suffix = kst[2]!.slice(1).replace(/-/g, ' ');
    const roman = /^[IVXLC]+$/.test(suffix) || /^[A-Z]/.test(suffix);
    return t.kamerstuk(suffix ? `${dossier}${roman ? ' ' : '-'}${suffix}` : dossier, kst[3]!);
  }
  const ah = /^ah-(tk|ek)-(\d{4})(\d{4})-(\d+)$/.exec(id);
  if (ah) return t.appendix(`${ah[2]}-${ah[3]}`, ah[4]!);
  return null;
}

/** What a publication is called in lists: its title, or its kind and official name. */
export function publicationName(publication: Pick<PublicationSummary, 'id' | 'title' | 'kind'>, t: Messages) {
  if (publication.title) return publication.title;
  const name = officialName(publication.id, t);
  const kind = t.kinds[publication.kind] ?? publication.kind;
  return name ? `${kind}, ${name}` : `${kind} (${publication.id})`;
}

export function publicationUrl(id: string): string {
  return `/publicaties/${encodeURIComponent(id)}`;
}

export function questionUrl(id: string, number: number | string): string {
  return `${publicationUrl(id)}/vragen/${encodeURIComponent(String(number))}`;
}

/**
 * Where a search hit lives: its question's page, or, for an unnumbered question (a written consultation),
 * its place in the publication (the server's anchor vraag-pP, P counted from 1 over the whole document).
 */
export function resultUrl(result: Pick<SearchResult, 'publication' | 'question' | 'position'>): string {
  const id = result.publication.id;
  return result.question !== null
    ? questionUrl(id, result.question)
    : `${publicationUrl(id)}#vraag-p${result.position + 1}`;
}
