// Search: /zoeken?q=…&chamber=…&session=…&committee=…&addressee=…&kind=…&sort=…&page=…
// The whole state lives in the URL, so a search can be shared and the back button works. Facets narrow
// the search (one value per facet) and can be removed again; results show the snippets' highlights.
import { Alert, Heading2, Heading3, OrderedList, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { type FacetValue, isAbort, type SearchParams, type SearchResponse, search } from '../api.js';
import {
  ErrorMessage,
  Highlighted,
  PageHeading,
  publicationName,
  publicationUrl,
  resultUrl,
  useDocumentTitle,
} from '../components.js';
import { formatDate, formatNumber, type Messages, useLanguage, useMessages } from '../i18n.js';
import { RouterLink, toSearch } from '../router.js';
import { SearchForm } from '../SearchForm.js';

const PAGE_SIZE = 10;
const FACETS = ['chamber', 'session', 'committee', 'addressee', 'kind'] as const;
type Facet = (typeof FACETS)[number];
const FACET_SHOWN = 8;

interface SearchState {
  q: string;
  filters: Partial<Record<Facet, string>>;
  sort: 'relevance' | 'date';
  page: number;
}

function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const filters: Partial<Record<Facet, string>> = {};
  for (const facet of FACETS) {
    const value = params.get(facet);
    if (value) filters[facet] = value;
  }
  const page = Number.parseInt(params.get('page') ?? '1', 10);
  return {
    q: (params.get('q') ?? '').trim(),
    filters,
    sort: params.get('sort') === 'date' ? 'date' : 'relevance',
    page: Number.isFinite(page) && page > 1 ? page : 1,
  };
}

function stateUrl(state: SearchState): string {
  return `/zoeken${toSearch([
    ['q', state.q],
    ...FACETS.map((facet): [string, string | undefined] => [facet, state.filters[facet]]),
    ['sort', state.sort === 'date' ? 'date' : undefined],
    ['page', state.page > 1 ? state.page : undefined],
  ])}`;
}

function withFilter(state: SearchState, facet: Facet, value: string | undefined): string {
  return stateUrl({ ...state, filters: { ...state.filters, [facet]: value }, page: 1 });
}

/** "2022-2023" (the session facet and the URL) → sessionFrom=2022&sessionTo=2022 (the API). */
function sessionYears(session: string | undefined): { sessionFrom?: number; sessionTo?: number } {
  const match = session ? /^(\d{4})(?:-\d{4})?$/.exec(session) : null;
  if (!match) return {};
  const year = Number(match[1]);
  return { sessionFrom: year, sessionTo: year };
}

function apiParams(state: SearchState): SearchParams {
  return {
    q: state.q,
    chamber: state.filters.chamber,
    ...sessionYears(state.filters.session),
    committee: state.filters.committee,
    addressee: state.filters.addressee,
    kind: state.filters.kind,
    sort: state.sort === 'date' ? 'date' : undefined,
    limit: PAGE_SIZE,
    offset: (state.page - 1) * PAGE_SIZE,
  };
}

function facetTitle(facet: Facet, t: Messages): string {
  switch (facet) {
    case 'chamber':
      return t.facetChamber;
    case 'session':
      return t.facetSession;
    case 'committee':
      return t.facetCommittee;
    case 'addressee':
      return t.facetAddressee;
    case 'kind':
      return t.facetKind;
  }
}

function valueLabel(facet: Facet, value: string, t: Messages): string {
  if (facet === 'chamber') return t.chambers[value] ?? value;
  if (facet === 'kind') return (t.kinds as Record<string, string>)[value] ?? value;
  return value;
}

interface Result {
  key: string;
  data: SearchResponse | null;
  error: unknown;
  loading: boolean;
}

/** Runs the search for the URL; keeps the previous results on screen while the next ones load. */
function useSearch(state: SearchState): Result {
  const key = stateUrl(state);
  const [result, setResult] = useState<Result>({ key: '', data: null, error: null, loading: false });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the whole state
  useEffect(() => {
    if (!state.q) {
      setResult({ key, data: null, error: null, loading: false });
      return;
    }
    const controller = new AbortController();
    setResult((previous) => ({ ...previous, loading: true }));
    search(apiParams(state), controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setResult({ key, data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error))
          setResult({ key, data: null, error, loading: false });
      },
    );
    return () => controller.abort();
  }, [key]);
  return result;
}

function useWide(): boolean {
  const [wide] = useState(() => window.matchMedia('(min-width: 48em)').matches);
  return wide;
}

function Facets({ state, data }: { state: SearchState; data: SearchResponse }) {
  const t = useMessages();
  const wide = useWide();
  const [expanded, setExpanded] = useState<Partial<Record<Facet, boolean>>>({});
  const groups = FACETS.map((facet) => {
    const values: FacetValue[] = data.facets?.[facet] ?? [];
    const chosen = state.filters[facet];
    // a chosen value stays visible even when the API leaves it out
    const list =
      chosen && !values.some((v) => v.value === chosen) ? [{ value: chosen, count: 0 }, ...values] : values;
    return { facet, list, chosen };
  }).filter((group) => group.list.length > 0);
  if (groups.length === 0) return null;
  return (
    <aside className="vb-facets" aria-labelledby="facets-heading">
      <Heading2 id="facets-heading">{t.filtersTitle}</Heading2>
      {groups.map(({ facet, list, chosen }) => {
        const all = expanded[facet] === true;
        const shown = all ? list : list.slice(0, FACET_SHOWN);
        return (
          <details key={facet} className="vb-facet" open={wide || chosen !== undefined}>
            <summary className="vb-facet__summary">{facetTitle(facet, t)}</summary>
            <ul className="vb-facet__list" aria-label={facetTitle(facet, t)}>
              {shown.map(({ value, count }) => {
                const selected = value === chosen;
                const label = valueLabel(facet, value, t);
                return (
                  <li key={value} className="vb-facet__item">
                    <RouterLink
                      href={withFilter(state, facet, selected ? undefined : value)}
                      className={selected ? 'vb-facet__link vb-facet__link--selected' : 'vb-facet__link'}
                      aria-current={selected ? 'true' : undefined}
                      aria-label={selected ? t.removeFilter(`${facetTitle(facet, t)}: ${label}`) : undefined}
                    >
                      <span className="vb-facet__label">{label}</span>
                      {count > 0 && (
                        <span className="vb-facet__count">
                          <span className="vb-visually-hidden">, </span>
                          {t.facetCount(count)}
                        </span>
                      )}
                    </RouterLink>
                  </li>
                );
              })}
            </ul>
            {list.length > FACET_SHOWN && (
              <button
                type="button"
                className="utrecht-button utrecht-button--subtle vb-facet__more"
                aria-expanded={all}
                onClick={() => setExpanded({ ...expanded, [facet]: !all })}
              >
                {all ? '−' : `+ ${list.length - FACET_SHOWN}`}
                <span className="vb-visually-hidden"> {facetTitle(facet, t)}</span>
              </button>
            )}
          </details>
        );
      })}
    </aside>
  );
}

function ActiveFilters({ state }: { state: SearchState }) {
  const t = useMessages();
  const active = FACETS.filter((facet) => state.filters[facet] !== undefined);
  if (active.length === 0) return null;
  return (
    <div className="vb-active-filters">
      <Heading3 id="active-filters-heading" className="vb-active-filters__title">
        {t.activeFiltersTitle}
      </Heading3>
      <ul className="vb-active-filters__list" aria-labelledby="active-filters-heading">
        {active.map((facet) => {
          const label = `${facetTitle(facet, t)}: ${valueLabel(facet, state.filters[facet]!, t)}`;
          return (
            <li key={facet}>
              <RouterLink
                href={withFilter(state, facet, undefined)}
                className="vb-chip"
                aria-label={t.removeFilter(label)}
              >
                {label}
                <span aria-hidden="true" className="vb-chip__remove">
                  ×
                </span>
              </RouterLink>
            </li>
          );
        })}
        {active.length > 1 && (
          <li>
            <RouterLink href={stateUrl({ ...state, filters: {}, page: 1 })}>{t.removeAllFilters}</RouterLink>
          </li>
        )}
      </ul>
    </div>
  );
}

function SortChoice({ state }: { state: SearchState }) {
  const t = useMessages();
  const options: Array<[SearchState['sort'], string]> = [
    ['relevance', t.sortRelevance],
    ['date', t.sortDate],
  ];
  return (
    <nav className="vb-sort" aria-label={t.sortLabel}>
      <span className="vb-sort__label" aria-hidden="true">
        {t.sortLabel}:
      </span>
      <ul className="vb-sort__list">
        {options.map(([sort, label]) => (
          <li key={sort}>
            {state.sort === sort ? (
              <span className="vb-sort__current" aria-current="true">
                {label}
              </span>
            ) : (
              <RouterLink href={stateUrl({ ...state, sort, page: 1 })}>{label}</RouterLink>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Results({ state, data }: { state: SearchState; data: SearchResponse }) {
  const t = useMessages();
  const language = useLanguage();
  return (
    <OrderedList className="vb-results" start={data.offset + 1}>
      {data.results.map((result) => {
        const id = result.publication.id;
        return (
          <li key={`${id}#${result.position}`} className="vb-result">
            <Heading3 className="vb-result__title">
              <RouterLink href={resultUrl(result)}>
                {result.question !== null && (
                  <span className="vb-result__number">{t.questionN(result.question)}: </span>
                )}
                <Highlighted snippet={result.snippets.question} />
              </RouterLink>
            </Heading3>
            <Paragraph className="vb-meta">
              {t.inPublication}{' '}
              <RouterLink href={publicationUrl(id)}>{publicationName(result.publication, t)}</RouterLink>
              {[
                result.publication.date ? formatDate(result.publication.date, language) : '',
                result.publication.chamber ? t.chambers[result.publication.chamber] : '',
                state.filters.kind || !result.publication.title ? '' : t.kinds[result.publication.kind],
              ]
                .filter(Boolean)
                .map((part) => ` · ${part}`)
                .join('')}
            </Paragraph>
            {result.snippets.answer && result.snippets.answer.text !== '' && (
              <Paragraph className="vb-result__answer">
                <span className="vb-result__label">{t.answer}: </span>
                <Highlighted snippet={result.snippets.answer} />
              </Paragraph>
            )}
          </li>
        );
      })}
    </OrderedList>
  );
}

function Paging({ state, data }: { state: SearchState; data: SearchResponse }) {
  const t = useMessages();
  const hasPrev = state.page > 1;
  const hasNext = data.offset + data.results.length < data.total;
  if (!hasPrev && !hasNext) return null;
  return (
    <nav className="vb-paging" aria-label={t.pagination}>
      <ul className="vb-paging__list">
        <li>
          {hasPrev && (
            <RouterLink href={stateUrl({ ...state, page: state.page - 1 })} rel="prev">
              ← {t.previousPage}
            </RouterLink>
          )}
        </li>
        <li className="vb-paging__current" aria-current="page">
          {t.pageOf(state.page)}
        </li>
        <li>
          {hasNext && (
            <RouterLink href={stateUrl({ ...state, page: state.page + 1 })} rel="next">
              {t.nextPage} →
            </RouterLink>
          )}
        </li>
      </ul>
    </nav>
  );
}

function summary(data: SearchResponse, t: Messages, language: 'nl' | 'en'): string {
  const from = formatNumber(data.offset + 1, language);
  const to = formatNumber(data.offset + data.results.length, language);
  const total = formatNumber(data.total, language);
  return t.resultsRange(from, to, data.totalExact ? total : t.moreThan(total));
}

export function SearchPage({ search: urlSearch }: { search: string }) {
  const t = useMessages();
  const language = useLanguage();
  const state = readState(urlSearch);
  useDocumentTitle(state.q ? t.searchTitleFor(state.q) : t.searchTitle);
  const result = useSearch(state);
  const data = result.key === stateUrl(state) || result.loading ? result.data : null;
  const error = result.key === stateUrl(state) ? result.error : null;
  const extra = [
    ...FACETS.map((facet): [string, string | undefined] => [facet, state.filters[facet]]),
    ['sort', state.sort === 'date' ? 'date' : undefined] as [string, string | undefined],
  ];

  let status = '';
  if (result.loading) status = t.loading;
  else if (data && data.results.length > 0) status = summary(data, t, language);
  else if (data && data.total > 0) status = t.pageEmpty;
  else if (data) status = t.noResults(state.q);

  return (
    <>
      <PageHeading>{t.searchTitle}</PageHeading>
      <SearchForm initial={state.q} extra={extra} />
      {!state.q && <Paragraph>{t.searchPrompt}</Paragraph>}
      {state.q && (
        <div className="vb-search-layout">
          <section className="vb-search-results" aria-labelledby="results-heading" aria-busy={result.loading}>
            <Heading2 id="results-heading">{t.resultsTitle}</Heading2>
            <ActiveFilters state={state} />
            <Paragraph className="vb-search-summary" role="status">
              {status}
            </Paragraph>
            {error !== null && <ErrorMessage error={error} />}
            {data && data.notes.length > 0 && (
              <Alert type="info" className="vb-alert">
                {data.notes.map((note) => (
                  <Paragraph key={note}>{note}</Paragraph>
                ))}
              </Alert>
            )}
            {data && data.results.length === 0 && !result.loading && data.total === 0 && (
              <Paragraph className="vb-no-results">{t.noResultsHint}</Paragraph>
            )}
            {data && data.results.length === 0 && data.total > 0 && (
              <Paragraph>
                <RouterLink href={stateUrl({ ...state, page: 1 })}>{t.firstPage}</RouterLink>
              </Paragraph>
            )}
            {data && data.results.length > 0 && (
              <>
                <SortChoice state={state} />
                <Results state={state} data={data} />
                <Paging state={state} data={data} />
              </>
            )}
          </section>
          {data && <Facets state={state} data={data} />}
        </div>
      )}
    </>
  );
}
