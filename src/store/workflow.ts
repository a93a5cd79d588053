// The workflow's rows in SQL: question lists, their questions and answers, answer versions. Every change
// of state is a compare-and-set (UPDATE … WHERE state = the expected one), and every answer save names
// the version it started from: two people acting at once never overwrite each other silently; the one
// who comes second learns what happened instead (WorkflowConflict).
import type SQLite from 'better-sqlite3';
import type { Asker } from '../model/publication.js';
import type { AnswerState, ListState } from '../workflow/states.js';

export type ListKind = 'question-list' | 'written-questions';

export interface NewList {
  kind: ListKind;
  title: string;
  committeeId: number | null;
  ministryId: number | null;
  addressees: string[];
  /** Kamerstuk ids asked about (kst-…). */
  documents: string[];
  scope: string | null;
  deadline: string | null;
  createdBy: number | null;
  /** Kamervragen: the members who asked, and who answers as printed ('Minister Uitermark'). */
  askers?: Asker[];
  answeredBy?: string | null;
}

export interface ListRow extends NewList {
  id: number;
  state: ListState;
  version: number;
  /** The answer letter's date, set when it is assembled. */
  letterDate: string | null;
  /** The Kamerstuk the answers became, once the letter is sent. */
  publicationId: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  askers: Asker[];
  answeredBy: string | null;
  /** The day the clerk sent the list (Kamervragen: ingezonden); its term runs from then. */
  submittedOn: string | null;
}

export interface QuestionRow {
  id: number;
  listId: number;
  /** 1-based, continuous over the list: the question's number. */
  number: number;
  section: string | null;
  text: string;
  state: AnswerState;
  assigneeId: number | null;
  directorateId: number | null;
  internalDeadline: string | null;
  answer: string | null;
  answerVersion: number;
  /** The question whose answer also answers this one. */
  answeredWith: number | null;
  /** The comment it last came back with (a return or a decline). */
  lastComment: string | null;
  updatedAt: string;
}

export interface AnswerVersion {
  version: number;
  text: string;
  authorId: number | null;
  savedAt: string;
}

export interface Assignee {
  assigneeId: number | null;
  directorateId: number | null;
  internalDeadline: string | null;
}

/** What a clerk may change of a list while it is a draft. */
export interface ListChanges {
  title?: string;
  askers?: Asker[];
  answeredBy?: string | null;
  addressees?: string[];
  documents?: string[];
  scope?: string | null;
  deadline?: string | null;
}

/** Someone else changed it first: what it is now, so the caller can show it and merge. */
export class WorkflowConflict extends Error {
  override readonly name = 'WorkflowConflict';
  constructor(
    message: string,
    readonly current: {
      state: string;
      version: number;
      text?: string | null;
      authorId?: number | null;
      /** Filled in by whoever knows the accounts (the service), for the person to see who saved. */
      authorName?: string | null;
    },
  ) {
    super(message);
  }
}

export class WorkflowNotFound extends Error {
  override readonly name = 'WorkflowNotFound';
}

interface ListDbRow {
  id: number;
  kind: ListKind;
  title: string;
  committee_id: number | null;
  ministry_id: number | null;
  addressees: string;
  documents: string;
  scope: string | null;
  deadline: string | null;
  state: ListState;
  version: number;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  letter_date: string | null;
  publication_id: string | null;
  sent_at: string | null;
  askers: string;
  answered_by: string | null;
  submitted_on: string | null;
}

interface QuestionDbRow {
  id: number;
  list_id: number;
  position: number;
  section: string | null;
  text: string;
  state: AnswerState;
  assignee_id: number | null;
  directorate_id: number | null;
  internal_deadline: string | null;
  answer: string | null;
  answer_version: number;
  answered_with: number | null;
  last_comment: string | null;
  updated_at: string;
}

const now = (): string => new Date().toISOString();

function listOf(r: ListDbRow): ListRow {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    committeeId: r.committee_id,
    ministryId: r.ministry_id,
    addressees: JSON.parse(r.addressees) as string[],
    documents: JSON.parse(r.documents) as string[],
    scope: r.scope,
    deadline: r.deadline,
    state: r.state,
    version: r.version,
    letterDate: r.letter_date,
    publicationId: r.publication_id,
    sentAt: r.sent_at,
    askers: JSON.parse(r.askers) as Asker[],
    answeredBy: r.answered_by,
    submittedOn: r.submitted_on,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function questionOf(r: QuestionDbRow): QuestionRow {
  return {
    id: r.id,
    listId: r.list_id,
    number: r.position,
    section: r.section,
    text: r.text,
    state: r.state,
    assigneeId: r.assignee_id,
    directorateId: r.directorate_id,
    internalDeadline: r.internal_deadline,
    answer: r.answer,
    answerVersion: r.answer_version,
    answeredWith: r.answered_with,
    lastComment: r.last_comment,
    updatedAt: r.updated_at,
  };
}

export class WorkflowStore {
  constructor(private readonly raw: SQLite.Database) {}

  createList(list: NewList): ListRow {
    const at = now();
    const id = Number(
      this.raw
        .prepare(
          `INSERT INTO question_lists (kind, title, committee_id, ministry_id, addressees, documents, scope,
           deadline, state, created_by, created_at, updated_at, askers, answered_by)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?)`,
        )
        .run(
          list.kind,
          list.title,
          list.committeeId,
          list.ministryId,
          JSON.stringify(list.addressees),
          JSON.stringify(list.documents),
          list.scope,
          list.deadline,
          list.createdBy,
          at,
          at,
          JSON.stringify(list.askers ?? []),
          list.answeredBy ?? null,
        ).lastInsertRowid,
    );
    return this.list(id);
  }

  list(id: number): ListRow {
    const row = this.raw.prepare('SELECT * FROM question_lists WHERE id = ?').get(id) as
      | ListDbRow
      | undefined;
    if (!row) throw new WorkflowNotFound(`no question list ${id}`);
    return listOf(row);
  }

  questions(listId: number): QuestionRow[] {
    const rows = this.raw
      .prepare('SELECT * FROM list_questions WHERE list_id = ? ORDER BY position')
      .all(listId) as QuestionDbRow[];
    return rows.map(questionOf);
  }

  question(id: number): QuestionRow {
    const row = this.raw.prepare('SELECT * FROM list_questions WHERE id = ?').get(id) as
      | QuestionDbRow
      | undefined;
    if (!row) throw new WorkflowNotFound(`no question ${id}`);
    return questionOf(row);
  }

  /** Adds a question at the end (or at `at`, 1-based, moving the later ones down): numbering stays continuous. */
  addQuestion(listId: number, text: string, section: string | null, at?: number): QuestionRow {
    return this.raw.transaction(() => {
      this.list(listId);
      const count = (
        this.raw.prepare('SELECT count(*) AS n FROM list_questions WHERE list_id = ?').get(listId) as {
          n: number;
        }
      ).n;
      const position = at === undefined ? count + 1 : Math.min(Math.max(1, at), count + 1);
      // Shift through negative positions first: UNIQUE (list_id, position) holds at every step.
      this.raw
        .prepare('UPDATE list_questions SET position = -position - 1 WHERE list_id = ? AND position >= ?')
        .run(listId, position);
      this.raw
        .prepare('UPDATE list_questions SET position = -position WHERE list_id = ? AND position < 0')
        .run(listId);
      const id = Number(
        this.raw
          .prepare(
            'INSERT INTO list_questions (list_id, position, section, text, updated_at) VALUES (?, ?, ?, ?, ?)',
          )
          .run(listId, position, section, text, now()).lastInsertRowid,
      );
      this.touchList(listId);
      return this.question(id);
    })();
  }

  private touchList(listId: number): void {
    this.raw
      .prepare('UPDATE question_lists SET version = version + 1, updated_at = ? WHERE id = ?')
      .run(now(), listId);
  }

  /** Moves a list from `from` to `to`; a conflict when it is no longer in `from`. */
  setListState(listId: number, from: ListState, to: ListState): ListRow {
    const changed = this.raw
      .prepare(
        'UPDATE question_lists SET state = ?, version = version + 1, updated_at = ? WHERE id = ? AND state = ?',
      )
      .run(to, now(), listId, from).changes;
    const list = this.list(listId);
    if (changed === 0) {
      throw new WorkflowConflict(`the question list is ${list.state} now, no longer ${from}`, {
        state: list.state,
        version: list.version,
      });
    }
    return list;
  }

  /** Moves a question (its answer) from `from` to `to`, setting the assignee when given. */
  setQuestionState(
    questionId: number,
    from: AnswerState,
    to: AnswerState,
    assignment?: Assignee,
    change: { comment?: string | null; answeredWith?: number | null } = {},
  ): QuestionRow {
    // The comment and the grouping change only when given; undefined leaves them as they are.
    if (change.comment !== undefined || change.answeredWith !== undefined) {
      return this.raw.transaction(() => {
        const q = this.setQuestionState(questionId, from, to, assignment);
        this.raw
          .prepare(
            `UPDATE list_questions SET last_comment = CASE WHEN ? THEN ? ELSE last_comment END,
             answered_with = CASE WHEN ? THEN ? ELSE answered_with END WHERE id = ?`,
          )
          .run(
            change.comment === undefined ? 0 : 1,
            change.comment ?? null,
            change.answeredWith === undefined ? 0 : 1,
            change.answeredWith ?? null,
            questionId,
          );
        return { ...q, ...this.question(questionId) };
      })();
    }
    const info = assignment
      ? this.raw
          .prepare(
            `UPDATE list_questions SET state = ?, assignee_id = ?, directorate_id = ?, internal_deadline = ?,
             updated_at = ? WHERE id = ? AND state = ?`,
          )
          .run(
            to,
            assignment.assigneeId,
            assignment.directorateId,
            assignment.internalDeadline,
            now(),
            questionId,
            from,
          )
      : this.raw
          .prepare('UPDATE list_questions SET state = ?, updated_at = ? WHERE id = ? AND state = ?')
          .run(to, now(), questionId, from);
    const q = this.question(questionId);
    if (info.changes === 0) {
      throw new WorkflowConflict(`the answer is ${q.state} now, no longer ${from}`, {
        state: q.state,
        version: q.answerVersion,
      });
    }
    return q;
  }

  /**
   * Saves an answer as a new version, when `baseVersion` is still the latest: else a conflict that
   * carries the version saved in between (its text and author), for the caller to merge. With `move`,
   * the answer's state changes in the same transaction (a first save: assigned → drafting).
   */
  saveAnswer(
    questionId: number,
    baseVersion: number,
    text: string,
    authorId: number | null,
    move?: { from: AnswerState; to: AnswerState },
  ): QuestionRow {
    return this.raw.transaction(() => {
      const at = now();
      const changed = this.raw
        .prepare(
          `UPDATE list_questions SET answer = ?, answer_version = answer_version + 1, updated_at = ?
           WHERE id = ? AND answer_version = ?`,
        )
        .run(text, at, questionId, baseVersion).changes;
      const q = this.question(questionId);
      if (changed === 0) {
        const latest = this.raw
          .prepare('SELECT author_id AS authorId FROM answer_versions WHERE question_id = ? AND version = ?')
          .get(questionId, q.answerVersion) as { authorId: number | null } | undefined;
        throw new WorkflowConflict(
          `the answer was saved as version ${q.answerVersion} since version ${baseVersion}`,
          { state: q.state, version: q.answerVersion, text: q.answer, authorId: latest?.authorId ?? null },
        );
      }
      this.raw
        .prepare(
          'INSERT INTO answer_versions (question_id, version, text, author_id, saved_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(questionId, q.answerVersion, text, authorId, at);
      return move && move.from !== move.to ? this.setQuestionState(questionId, move.from, move.to) : q;
    })();
  }

  /** Records the day the list was sent (and its deadline, when the term sets it). */
  setSubmitted(listId: number, on: string, deadline: string | null): ListRow {
    this.raw
      .prepare(
        'UPDATE question_lists SET submitted_on = ?, deadline = coalesce(deadline, ?), updated_at = ? WHERE id = ?',
      )
      .run(on, deadline, now(), listId);
    return this.list(listId);
  }

  /** Changes a list's deadline (a postponement); returns the list as it is now. */
  setDeadline(listId: number, deadline: string): ListRow {
    this.raw
      .prepare('UPDATE question_lists SET deadline = ?, version = version + 1, updated_at = ? WHERE id = ?')
      .run(deadline, now(), listId);
    return this.list(listId);
  }

  /**
   * Questions still being answered (not approved or published) on lists that are not drafts: those
   * assigned to `assigneeId`, or all of those on lists addressed to one of `ministryIds`.
   */
  openQuestions(
    filter: { assigneeId: number } | { ministryIds: readonly number[]; states?: readonly AnswerState[] },
  ): { question: QuestionRow; list: ListRow }[] {
    const where =
      'assigneeId' in filter
        ? { sql: 'q.assignee_id = ?', params: [filter.assigneeId] }
        : {
            sql: `l.ministry_id IN (SELECT value FROM json_each(?))
                  AND (? IS NULL OR q.state IN (SELECT value FROM json_each(?)))`,
            params: [
              JSON.stringify(filter.ministryIds),
              filter.states ? 1 : null,
              JSON.stringify(filter.states ?? []),
            ],
          };
    const rows = this.raw
      .prepare(
        `SELECT q.* FROM list_questions q JOIN question_lists l ON l.id = q.list_id
         WHERE ${where.sql} AND q.state NOT IN ('approved', 'published') AND l.state NOT IN ('draft', 'withdrawn', 'published')
         ORDER BY coalesce(q.internal_deadline, l.deadline), l.id, q.position`,
      )
      .all(...where.params) as QuestionDbRow[];
    // Each list read once, however many of its questions are open.
    const lists = new Map<number, ListRow>();
    return rows.map((r) => {
      let list = lists.get(r.list_id);
      if (!list) {
        list = this.list(r.list_id);
        lists.set(r.list_id, list);
      }
      return { question: questionOf(r), list };
    });
  }

  /** Whether one of the list's questions is (or was last) with this person. */
  hasAssignee(listId: number, userId: number): boolean {
    return (
      this.raw
        .prepare('SELECT 1 FROM list_questions WHERE list_id = ? AND assignee_id = ? LIMIT 1')
        .get(listId, userId) !== undefined
    );
  }

  /** The lists addressed to or made by these organisations, newest first. */
  lists(filter: { organisationIds: readonly number[]; states?: readonly ListState[] }): ListRow[] {
    const rows = this.raw
      .prepare(
        `SELECT * FROM question_lists
         WHERE (committee_id IN (SELECT value FROM json_each(?)) OR ministry_id IN (SELECT value FROM json_each(?)))
           AND (? IS NULL OR state IN (SELECT value FROM json_each(?)))
         ORDER BY updated_at DESC, id DESC`,
      )
      .all(
        JSON.stringify(filter.organisationIds),
        JSON.stringify(filter.organisationIds),
        filter.states ? 1 : null,
        JSON.stringify(filter.states ?? []),
      ) as ListDbRow[];
    return rows.map(listOf);
  }

  /** Every list (for an administrator), newest first. */
  allLists(): ListRow[] {
    const rows = this.raw
      .prepare('SELECT * FROM question_lists ORDER BY updated_at DESC, id DESC')
      .all() as ListDbRow[];
    return rows.map(listOf);
  }

  /** Changes a list's particulars, when it is still at `version` (else a conflict). */
  updateList(listId: number, version: number, changes: ListChanges): ListRow {
    const current = this.list(listId);
    const next = { ...current, ...changes };
    const changed = this.raw
      .prepare(
        `UPDATE question_lists SET title = ?, addressees = ?, documents = ?, scope = ?, deadline = ?,
         askers = ?, answered_by = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
      )
      .run(
        next.title,
        JSON.stringify(next.addressees),
        JSON.stringify(next.documents),
        next.scope,
        next.deadline,
        JSON.stringify(next.askers),
        next.answeredBy,
        now(),
        listId,
        version,
      ).changes;
    const list = this.list(listId);
    if (changed === 0) {
      throw new WorkflowConflict(
        `the question list was changed since version ${version}: it is version ${list.version}`,
        {
          state: list.state,
          version: list.version,
        },
      );
    }
    return list;
  }

  /** Changes a question's text or section (a draft's). */
  updateQuestion(questionId: number, changes: { text?: string; section?: string | null }): QuestionRow {
    const q = this.question(questionId);
    this.raw
      .prepare('UPDATE list_questions SET text = ?, section = ?, updated_at = ? WHERE id = ?')
      .run(
        changes.text ?? q.text,
        changes.section === undefined ? q.section : changes.section,
        now(),
        questionId,
      );
    this.touchList(q.listId);
    return this.question(questionId);
  }

  /** Moves a question to position `to` (1-based); the others close up around it, numbering stays continuous. */
  moveQuestion(questionId: number, to: number): QuestionRow {
    return this.raw.transaction(() => {
      const q = this.question(questionId);
      const count = this.questions(q.listId).length;
      const target = Math.min(Math.max(1, to), count);
      if (target !== q.number) {
        this.raw.prepare('UPDATE list_questions SET position = 0 WHERE id = ?').run(questionId);
        const [lo, hi, step] = target < q.number ? [target, q.number - 1, 1] : [q.number + 1, target, -1];
        // Through negative positions, so that UNIQUE (list_id, position) holds at every step.
        this.raw
          .prepare(
            'UPDATE list_questions SET position = -(position + ?) WHERE list_id = ? AND position BETWEEN ? AND ?',
          )
          .run(step, q.listId, lo, hi);
        this.raw
          .prepare('UPDATE list_questions SET position = -position WHERE list_id = ? AND position < 0')
          .run(q.listId);
        this.raw.prepare('UPDATE list_questions SET position = ? WHERE id = ?').run(target, questionId);
      }
      this.touchList(q.listId);
      return this.question(questionId);
    })();
  }

  /** Removes a question; the later ones move up. */
  removeQuestion(questionId: number): void {
    this.raw.transaction(() => {
      const q = this.question(questionId);
      this.raw.prepare('DELETE FROM list_questions WHERE id = ?').run(questionId);
      this.raw
        .prepare('UPDATE list_questions SET position = -(position - 1) WHERE list_id = ? AND position > ?')
        .run(q.listId, q.number);
      this.raw
        .prepare('UPDATE list_questions SET position = -position WHERE list_id = ? AND position < 0')
        .run(q.listId);
      this.touchList(q.listId);
    })();
  }

  /** Sets the letter's date (assembling) or, once sent, the publication and when. */
  setLetter(
    listId: number,
    letter: { letterDate?: string | null; publicationId?: string; sentAt?: string },
  ): ListRow {
    const current = this.list(listId);
    this.raw
      .prepare(
        'UPDATE question_lists SET letter_date = ?, publication_id = ?, sent_at = ?, updated_at = ? WHERE id = ?',
      )
      .run(
        letter.letterDate === undefined ? current.letterDate : letter.letterDate,
        letter.publicationId ?? current.publicationId,
        letter.sentAt ?? current.sentAt,
        now(),
        listId,
      );
    return this.list(listId);
  }

  /** Runs `work` in one transaction (several changes that stand or fall together). */
  atomically<T>(work: () => T): T {
    return this.raw.transaction(work)();
  }

  versions(questionId: number): AnswerVersion[] {
    const rows = this.raw
      .prepare(
        'SELECT version, text, author_id AS authorId, saved_at AS savedAt FROM answer_versions WHERE question_id = ? ORDER BY version',
      )
      .all(questionId) as AnswerVersion[];
    return rows;
  }
}
