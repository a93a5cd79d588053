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
  /** The reader the server chose by the file's content. */
  reader: 'text' | 'xml' | 'html' | 'pdf' | 'docx';
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
  /** A 409's current state of what was to be changed (the workflow). */
  state?: string;
  /** A 409 on saving an answer: the version saved in between, to merge with. */
  current?: { state: string; version: number; text?: string | null; author?: string | null };
}

/** A failed request: `status` 0 when the server could not be reached; `detail` from the problem, if any. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | null;
  readonly problem: Problem | null;
  /** Seconds to wait before trying again (Retry-After of a 429 or 503), when the server said. */
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem | null, retryAfter: number | null = null) {
    super(problem?.detail ?? problem?.title ?? (status === 0 ? 'network error' : `HTTP ${status}`));
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.detail = problem?.detail ?? null;
    this.retryAfter = retryAfter;
  }
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

// ---------- the session: its CSRF token, and who hears when it changes ----------

export type Role = 'clerk' | 'coordinator' | 'drafter' | 'approver';
export type Scope = 'read' | 'import' | 'workflow' | 'admin';
export type OrganisationKind = 'chamber' | 'committee' | 'ministry' | 'directorate';

export interface Membership {
  organisationId: number;
  organisation: string;
  role: Role;
}

export interface User {
  id: number;
  email: string;
  name: string;
  admin: boolean;
  disabled?: boolean;
  memberships: Membership[];
}

export interface SessionInfo {
  authenticated: boolean;
  user?: User;
  via?: 'session' | 'token';
  csrfToken?: string;
  /** Whether single sign-on is offered. */
  sso?: boolean;
}

/** Why the session information changed: loaded at start, signed in or out here, or found changed. */
export type SessionChange = 'load' | 'sign-in' | 'sign-out' | 'refresh';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * The session's CSRF token, in memory only (never in storage): every state-changing request made with the
 * session cookie sends it as X-CSRF-Token. It comes with signing in and with GET /sessions/current.
 */
let csrfToken: string | null = null;
let sessionListener: ((session: SessionInfo, change: SessionChange) => void) | null = null;

/** Who hears about the session (the auth store in auth.ts); one listener. */
export function onSessionChange(listener: (session: SessionInfo, change: SessionChange) => void): void {
  sessionListener = listener;
}

function sessionKnown(session: SessionInfo, change: SessionChange): SessionInfo {
  csrfToken = session.authenticated ? (session.csrfToken ?? null) : null;
  sessionListener?.(session, change);
  return session;
}

async function problemOf(response: Response): Promise<ApiError> {
  let problem: Problem | null = null;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      problem = (await response.json()) as Problem;
    } catch {
      problem = null;
    }
  }
  const retry = Number.parseInt(response.headers.get('Retry-After') ?? '', 10);
  return new ApiError(response.status, problem, Number.isFinite(retry) && retry >= 0 ? retry : null);
}

async function fetchOnce(path: string, init: RequestInit): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const headers = new Headers(init.headers);
  if (UNSAFE.has(method) && csrfToken) headers.set('X-CSRF-Token', csrfToken);
  try {
    return await fetch(path, { ...init, headers, credentials: 'same-origin' });
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new ApiError(0, null);
  }
}

/**
 * One request. A state-changing one refused for its CSRF token (the session was renewed in another tab,
 * or its token never loaded) fetches the session's current token and is sent once more. A 401 to a
 * signed-in user means the session has ended, which the auth store then hears (`session: false` for the
 * sign-in and sign-out requests, whose 401 means something else).
 */
export async function send(
  path: string,
  init: RequestInit = {},
  options: { session?: boolean } = {},
): Promise<Response> {
  const method = (init.method ?? 'GET').toUpperCase();
  const signedIn = csrfToken !== null;
  let response = await fetchOnce(path, init);
  if (response.status === 403 && UNSAFE.has(method)) {
    const error = await problemOf(response);
    if (!/csrf/i.test(error.detail ?? '')) throw error;
    const session = await refreshSession(init.signal ?? undefined);
    if (!session.authenticated) throw new ApiError(401, error.problem);
    response = await fetchOnce(path, init);
  }
  if (!response.ok) {
    const error = await problemOf(response);
    if (error.status === 401 && signedIn && options.session !== false) {
      refreshSession().catch(() => undefined);
    }
    throw error;
  }
  return response;
}

export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await send(path, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  return (await response.json()) as T;
}

/** A JSON request that changes state (POST, PUT, PATCH, DELETE); the answer's JSON, or null for 204. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
  options: { session?: boolean; signal?: AbortSignal } = {},
): Promise<T> {
  const response = await send(
    path,
    {
      method,
      headers:
        body === undefined
          ? { Accept: 'application/json' }
          : { Accept: 'application/json', 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: options.signal ?? null,
    },
    options,
  );
  if (response.status === 204) return null as T;
  return (await response.json()) as T;
}

export function query(params: Record<string, string | number | boolean | null | undefined>): string {
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

export type DownloadFormat = 'pdf' | 'docx' | 'md' | 'text' | 'json';

export function downloadUrl(id: string, format: DownloadFormat): string {
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
      // The server picks the reader by content; the bytes go as they are.
      headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
      signal: signal ?? null,
    },
  );
  return (await response.json()) as ImportResponse;
}

// ---------- sessions ----------

/** Who is signed in (and the session's CSRF token); the auth store hears the answer. */
export async function loadSession(signal?: AbortSignal): Promise<SessionInfo> {
  return sessionKnown(await getJson<SessionInfo>(`${API}/sessions/current`, signal), 'load');
}

async function refreshSession(signal?: AbortSignal): Promise<SessionInfo> {
  return sessionKnown(await getJson<SessionInfo>(`${API}/sessions/current`, signal), 'refresh');
}

/** Signs in: the server sets the session cookie; 401 for wrong credentials, 429 when throttled. */
export async function signIn(email: string, password: string): Promise<SessionInfo> {
  const session = await sendJson<SessionInfo>(
    'POST',
    `${API}/sessions`,
    { email, password },
    { session: false },
  );
  return sessionKnown(session, 'sign-in');
}

/** Signs out (a session that had already ended counts as signed out). */
export async function signOut(): Promise<void> {
  try {
    await sendJson<null>('DELETE', `${API}/sessions/current`, undefined, { session: false });
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  sessionKnown({ authenticated: false }, 'sign-out');
}

// ---------- API tokens ----------

export interface ApiToken {
  id: number;
  name: string;
  scopes: Scope[];
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** A token just made: the secret (`token`) is in this answer only. */
export interface NewApiToken extends ApiToken {
  token: string;
}

export async function listTokens(signal?: AbortSignal): Promise<ApiToken[]> {
  return (await getJson<{ items: ApiToken[] }>(`${API}/tokens`, signal)).items;
}

export function createToken(body: { name: string; scopes: Scope[]; days?: number }): Promise<NewApiToken> {
  return sendJson('POST', `${API}/tokens`, body);
}

export async function revokeToken(id: number): Promise<void> {
  await sendJson<null>('DELETE', `${API}/tokens/${encodeURIComponent(String(id))}`);
}

// ---------- users and organisations (administrators) ----------

export interface Organisation {
  id: number;
  name: string;
  side: 'parliament' | 'government';
  kind: OrganisationKind;
  parentId: number | null;
}

/** A user just added: without a password given, `initialPassword` is in this answer only. */
export interface NewUser extends User {
  initialPassword?: string;
}

export async function listUsers(signal?: AbortSignal): Promise<User[]> {
  return (await getJson<{ items: User[] }>(`${API}/users`, signal)).items;
}

export function createUser(body: { email: string; name: string; admin: boolean }): Promise<NewUser> {
  return sendJson('POST', `${API}/users`, body);
}

export function updateUser(id: number, body: { disabled?: boolean; admin?: boolean }): Promise<User> {
  return sendJson('PATCH', `${API}/users/${encodeURIComponent(String(id))}`, body);
}

export function addMembership(id: number, body: { organisation: string; role: Role }): Promise<User> {
  return sendJson('POST', `${API}/users/${encodeURIComponent(String(id))}/memberships`, body);
}

export async function listOrganisations(signal?: AbortSignal): Promise<Organisation[]> {
  return (await getJson<{ items: Organisation[] }>(`${API}/organisations`, signal)).items;
}

export function createOrganisation(body: {
  name: string;
  kind: OrganisationKind;
  parent?: string;
}): Promise<Organisation> {
  return sendJson('POST', `${API}/organisations`, body);
}

// ---------- the audit log (administrators) ----------

export interface AuditEntry {
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  /** 'user:12', 'anonymous', 'system'. */
  actor: string;
  actorName: string | null;
  action: string;
  subject: string | null;
  details: Record<string, unknown>;
  address: string | null;
  prevHash: string;
  hash: string;
}

/** The audit log, newest first: `beforeSeq` pages to older entries, `action` filters (`session.*` a prefix). */
export async function listAuditEntries(
  params: { limit?: number; beforeSeq?: number; action?: string },
  signal?: AbortSignal,
): Promise<AuditEntry[]> {
  return (await getJson<{ items: AuditEntry[] }>(`${API}/audit-entries${query(params)}`, signal)).items;
}
