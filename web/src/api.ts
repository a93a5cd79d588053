// A typed client for the HTTP API (docs/api.md). Every error is an ApiError; the server's errors are
// application/problem+json, whose `detail` says what went wrong in words a user can act on.
import type { Chamber, Publication, PublicationKind, Warning } from '../../src/model/publication.js';

export type { Publication, Warning };

export const API = '/api/v1';

export interface PublicationSummary {
  id: string;
  title: string | null;
  kind: PublicationKind;
  chamber: Chamber | null;
  session: string | null;
  committee: string | null;
  date: string | null;
}

export interface PublicationListItem extends PublicationSummary {
  questions: number;
  complete: boolean;
}

export interface Links {
  self: string;
  next: string | null;
  prev: string | null;
}

export interface PublicationList {
  total: number;
  limit: number;
  offset: number;
  items: PublicationListItem[];
  links: Links;
}

/** `highlights` are [start, end) character offsets into `text`. */
export interface Snippet {
  text: string;
  highlights: Array<[number, number]>;
}

export interface SearchResult {
  publication: PublicationSummary;
  question: number | null;
  position: number;
  score: number;
  snippets: { question: Snippet; answer: Snippet | null };
}

export interface FacetValue {
  value: string;
  count: number;
}

export type FacetName = 'chamber' | 'session' | 'committee' | 'addressee' | 'kind' | 'dossier';

export interface SearchResponse {
  query: string;
  notes: string[];
  total: number;
  totalExact: boolean;
  exhaustive: boolean;
  limit: number;
  offset: number;
  results: SearchResult[];
  facets?: Partial<Record<FacetName, FacetValue[]>>;
  links: Links;
}

export interface SimilarQuestion extends SearchResult {
  answerOpening: string | null;
}

export interface QuestionResponse {
  publication: PublicationSummary;
  number: number;
  question: string;
  answer: string | null;
  similar: SimilarQuestion[];
}

export interface ImportResponse {
  id: string | null;
  outcome: 'imported' | 'updated' | 'unchanged' | 'read';
  stored: boolean;
  questions: number;
  warnings: Warning[];
  publication: Publication;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  invalidParams?: Array<{ name: string; reason: string }>;
}

/** A failed request: `status` 0 when the server could not be reached; `detail` from the problem, if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | null;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.detail = problem?.detail ?? null;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, null);
  }
  if (!response.ok) {
    let problem: Problem | null = null;
    const type = response.headers.get('Content-Type') ?? '';
    if (type.includes('json')) {
      try {
        problem = (await response.json()) as Problem;
      } catch {
        problem = null;
      }
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  return (await response.json()) as T;
}

function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === null || value === undefined || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const publicationPath = (id: string): string => `${API}/publications/${encodeURIComponent(id)}`;

export interface SearchParams {
  q: string;
  chamber?: string | undefined;
  sessionFrom?: number | undefined;
  sessionTo?: number | undefined;
  committee?: string | undefined;
  addressee?: string | undefined;
  kind?: string | undefined;
  sort?: 'relevance' | 'date' | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export function search(params: SearchParams, signal?: AbortSignal): Promise<SearchResponse> {
  return getJson(`${API}/search${query({ ...params })}`, signal);
}

export function listPublications(
  params: { limit?: number; offset?: number } = {},
  signal?: AbortSignal,
): Promise<PublicationList> {
  return getJson(`${API}/publications${query(params)}`, signal);
}

export function getPublication(id: string, signal?: AbortSignal): Promise<Publication> {
  return getJson(publicationPath(id), signal);
}

/** The server-rendered, escaped HTML of a publication: an <article>, without <html> or <body>. */
export async function getPublicationHtml(id: string, signal?: AbortSignal): Promise<string> {
  const response = await send(`${publicationPath(id)}?format=html&fragment=true`, {
    headers: { Accept: 'text/html' },
    signal: signal ?? null,
  });
  return response.text();
}

export function downloadUrl(id: string, format: 'md' | 'text' | 'json'): string {
  return `${publicationPath(id)}?format=${format}`;
}

export function getQuestion(
  id: string,
  number: number | string,
  signal?: AbortSignal,
): Promise<QuestionResponse> {
  return getJson(`${publicationPath(id)}/questions/${encodeURIComponent(String(number))}`, signal);
}

/** Uploads a file: with `dryRun` only reads it, otherwise stores it. */
export async function importFile(
  file: Blob,
  options: { fileName: string; dryRun: boolean },
  signal?: AbortSignal,
): Promise<ImportResponse> {
  const response = await send(
    `${API}/imports${query({ dryRun: options.dryRun ? 'true' : undefined, fileName: options.fileName })}`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Accept: 'application/json' },
      body: file,
      signal: signal ?? null,
    },
  );
  return (await response.json()) as ImportResponse;
}
