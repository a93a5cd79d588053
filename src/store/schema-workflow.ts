// The workflow tables as TypeScript types, for Kysely; mirrors the migrations (005-workflow,
// 006-workflow-letter, 008-written-questions). States and kinds are plain text here: the store narrows
// them to src/workflow/states.ts's types when it reads a row.
import type { Generated } from 'kysely';

export interface QuestionListsTable {
  id: Generated<number>;
  /** 'question-list' or 'written-questions'. */
  kind: string;
  title: string;
  committee_id: number | null;
  ministry_id: number | null;
  /** JSON array of strings. */
  addressees: Generated<string>;
  /** JSON array of Kamerstuk ids. */
  documents: Generated<string>;
  scope: string | null;
  deadline: string | null;
  state: string;
  version: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  letter_date: string | null;
  publication_id: string | null;
  sent_at: string | null;
  /** JSON array of { name, party }. */
  askers: Generated<string>;
  answered_by: string | null;
  submitted_on: string | null;
}

export interface ListQuestionsTable {
  id: Generated<number>;
  list_id: number;
  /** 1-based, continuous over the list; UNIQUE (list_id, position). */
  position: number;
  section: string | null;
  text: string;
  state: Generated<string>;
  assignee_id: number | null;
  directorate_id: number | null;
  internal_deadline: string | null;
  answer: string | null;
  answer_version: Generated<number>;
  answered_with: number | null;
  updated_at: string;
  last_comment: string | null;
}

export interface AnswerVersionsTable {
  question_id: number;
  version: number;
  text: string;
  author_id: number | null;
  saved_at: string;
}

export interface WorkflowTables {
  question_lists: QuestionListsTable;
  list_questions: ListQuestionsTable;
  answer_versions: AnswerVersionsTable;
}
