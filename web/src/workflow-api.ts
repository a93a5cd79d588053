// The workflow's part of the API client (docs/workflow.md): question lists, their questions and answers,
// the desk. Kept apart from api.ts so that only the work pages' chunk carries it.
import { API, getJson, query, type SimilarQuestion, send, sendJson } from './api.js';

export type ListState =
  | 'draft'
  | 'sent'
  | 'in-progress'
  | 'answers-approved'
  | 'letter-assembled'
  | 'letter-approved'
  | 'published'
  | 'withdrawn';

export type AnswerState =
  | 'unassigned'
  | 'assigned'
  | 'drafting'
  | 'submitted'
  | 'returned'
  | 'approved'
  | 'published';

export type DueState = 'overdue' | 'due-today' | 'due-soon' | 'on-time';
export type ListEvent =
  | 'send'
  | 'withdraw'
  | 'assemble'
  | 'approve-letter'
  | 'return-letter'
  | 'reopen'
  | 'send-letter';
export type AnswerEvent = 'submit' | 'approve' | 'return' | 'decline' | 'reopen' | 'group';
export type LetterFormat = 'text' | 'html' | 'docx' | 'pdf';

export interface Named {
  id: number;
  name: string;
}

export interface ListQuestion {
  id: number;
  listId: number;
  /** Continuous over the list. */
  number: number;
  section: string | null;
  text: string;
  state: AnswerState;
  assignee: Named | null;
  directorate: Named | null;
  internalDeadline: string | null;
  answer: string | null;
  /** Sent back as baseVersion when saving. */
  answerVersion: number;
  /** The number of the question whose answer also answers this one. */
  answeredWith: number | null;
  /** Why it was last returned or declined. */
  lastComment: string | null;
  /** What the signed-in person may do with it now (machine events, also assign, save, group …). */
  events: string[];
  updatedAt: string;
}

export interface ListDocument {
  id: string;
  title: string | null;
  inArchive: boolean;
}

export interface QuestionListSummary {
  id: number;
  kind: 'question-list' | 'written-questions';
  title: string;
  committee: Named | null;
  ministry: Named | null;
  addressees: string[];
  documents: ListDocument[];
  scope: string | null;
  deadline: string | null;
  due: DueState | null;
  state: ListState;
  version: number;
  letterDate: string | null;
  publicationId: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** The signed-in person's roles on this list. */
  roles: string[];
  /** What the signed-in person may do with it now. */
  events: string[];
  /** Its questions by state. */
  counts: Partial<Record<AnswerState, number>>;
}

export interface QuestionList extends QuestionListSummary {
  questions: ListQuestion[];
}

/** An earlier question like this one, with its whole answer (to take a paragraph of). */
export interface SimilarAnswered extends SimilarQuestion {
  answer: string | null;
}

export interface QuestionDetail {
  question: ListQuestion;
  list: QuestionListSummary;
  /** Earlier questions most like this one, with their answers (Eerder gesteld). */
  similar: SimilarAnswered[];
}

export interface DeskItem {
  question: ListQuestion;
  list: { id: number; title: string; state: ListState; deadline: string | null };
  due: string | null;
  state: DueState | null;
}

export interface Drafter {
  id: number;
  name: string;
  organisationId: number;
  organisation: string;
}

export interface People {
  drafters: Drafter[];
  directorates: Named[];
}

export interface AnswerVersion {
  version: number;
  text: string;
  author: string | null;
  savedAt: string;
}

export interface NewList {
  title: string;
  committee: number;
  ministry: number;
  addressees?: string[];
  documents?: string[];
  scope?: string | null;
  deadline?: string | null;
}

/** A draft list's particulars as the clerk changes them; `version` is the one the change started from. */
export interface ListChanges {
  version: number;
  title?: string;
  addressees?: string[];
  documents?: string[];
  scope?: string | null;
  deadline?: string | null;
}

const lists = `${API}/question-lists`;
const listPath = (id: number) => `${lists}/${encodeURIComponent(String(id))}`;
const questionPath = (id: number) => `${API}/list-questions/${encodeURIComponent(String(id))}`;

export async function listQuestionLists(signal?: AbortSignal): Promise<QuestionListSummary[]> {
  return (await getJson<{ items: QuestionListSummary[] }>(lists, signal)).items;
}

export function createQuestionList(body: NewList): Promise<QuestionList> {
  return sendJson('POST', lists, body);
}

export function getQuestionList(id: number, signal?: AbortSignal): Promise<QuestionList> {
  return getJson(listPath(id), signal);
}

/** Changes a draft's particulars; a 409 when someone changed the list since `version`. */
export function updateQuestionList(id: number, changes: ListChanges): Promise<QuestionList> {
  return sendJson('PATCH', listPath(id), changes);
}

export function addQuestion(
  listId: number,
  body: { text: string; section?: string | null; number?: number },
): Promise<QuestionList> {
  return sendJson('POST', `${listPath(listId)}/questions`, body);
}

/** Pasted questions (numbered, or one per paragraph; headings become sections): the questions added. */
export async function importQuestions(
  listId: number,
  body: { text: string; section?: string | null },
): Promise<ListQuestion[]> {
  return (await sendJson<{ items: ListQuestion[] }>('POST', `${listPath(listId)}/question-imports`, body))
    .items;
}

export function listEvent(listId: number, event: ListEvent): Promise<QuestionList> {
  return sendJson('POST', `${listPath(listId)}/events`, { event });
}

export function postpone(listId: number): Promise<QuestionList> {
  return sendJson('POST', `${listPath(listId)}/postponements`);
}

export function assign(
  listId: number,
  body: {
    questions: number[];
    assignee: number;
    directorate?: number | null;
    internalDeadline?: string | null;
  },
): Promise<QuestionList> {
  return sendJson('POST', `${listPath(listId)}/assignments`, body);
}

export function getPeople(listId: number, signal?: AbortSignal): Promise<People> {
  return getJson(`${listPath(listId)}/people`, signal);
}

export function letterUrl(listId: number, format: LetterFormat): string {
  return `${listPath(listId)}/letter${query({ format })}`;
}

/** The answer letter as text (409 until every answer is approved). */
export async function getLetterText(listId: number, signal?: AbortSignal): Promise<string> {
  const response = await send(letterUrl(listId, 'text'), {
    headers: { Accept: 'text/plain' },
    signal: signal ?? null,
  });
  return response.text();
}

export function getListQuestion(id: number, signal?: AbortSignal): Promise<QuestionDetail> {
  return getJson(questionPath(id), signal);
}

export function updateListQuestion(
  id: number,
  body: { text?: string; section?: string | null; number?: number },
): Promise<ListQuestion> {
  return sendJson('PATCH', questionPath(id), body);
}

export async function removeListQuestion(id: number): Promise<void> {
  await sendJson<null>('DELETE', questionPath(id));
}

/** Saves a version of the answer; a 409 ApiError's problem.current holds the version saved in between. */
export function saveAnswer(id: number, baseVersion: number, text: string): Promise<ListQuestion> {
  return sendJson('PUT', `${questionPath(id)}/answer`, { baseVersion, text });
}

export async function listVersions(id: number, signal?: AbortSignal): Promise<AnswerVersion[]> {
  return (await getJson<{ items: AnswerVersion[] }>(`${questionPath(id)}/versions`, signal)).items;
}

export function answerEvent(
  id: number,
  event: AnswerEvent,
  extra: { comment?: string; with?: number } = {},
): Promise<ListQuestion> {
  return sendJson('POST', `${questionPath(id)}/events`, { event, ...extra });
}

export async function getDesk(signal?: AbortSignal): Promise<DeskItem[]> {
  return (await getJson<{ items: DeskItem[] }>(`${API}/desk`, signal)).items;
}
