// The workflow's rows in SQL: question lists, their questions and answers, answer versions. Every change
// of state is a compare-and-set (UPDATE … WHERE state = the expected one), and every answer save names
// the version it started from: two people acting at once never overwrite each other silently; the one
// who comes second learns what happened instead (WorkflowConflict). Written once, in Kysely, for SQLite
// and PostgreSQL: a compare-and-set is one UPDATE whose affected rows are checked, and whatever reads and
// then writes runs in a transaction holding the list's row (src/store/database.ts).
import { type Selectable, sql } from 'kysely';
import type { Asker } from '../model/publication.js';
import type { AnswerState, ListState } from '../workflow/states.js';
import { type Executor, forUpdate, inTransaction } from './database.js';
import type { ListQuestionsTable, QuestionListsTable } from './schema-workflow.js';

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

type ListDbRow = Selectable<QuestionListsTable>;
type QuestionDbRow = Selectable<ListQuestionsTable>;

const now = (): string => new Date().toISOString();

// PostgreSQL may answer ids and counts as strings (bigint); both databases' rows become numbers here.
const num = (v: number | string | bigint): number => Number(v);
const numOrNull = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

function listOf(r: ListDbRow): ListRow {
  return {
    id: num(r.id),
    kind: r.kind as ListKind,
    title: r.title,
    committeeId: numOrNull(r.committee_id),
    ministryId: numOrNull(r.ministry_id),
    addressees: JSON.parse(r.addressees) as string[],
    documents: JSON.parse(r.documents) as string[],
    scope: r.scope,
    deadline: r.deadline,
    state: r.state as ListState,
    version: num(r.version),
    letterDate: r.letter_date,
    publicationId: r.publication_id,
    sentAt: r.sent_at,
    askers: JSON.parse(r.askers) as Asker[],
    answeredBy: r.answered_by,
    submittedOn: r.submitted_on,
    createdBy: numOrNull(r.created_by),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function questionOf(r: QuestionDbRow): QuestionRow {
  return {
    id: num(r.id),
    listId: num(r.list_id),
    number: num(r.position),
    section: r.section,
    text: r.text,
    state: r.state as AnswerState,
    assigneeId: numOrNull(r.assignee_id),
    directorateId: numOrNull(r.directorate_id),
    internalDeadline: r.internal_deadline,
    answer: r.answer,
    answerVersion: num(r.answer_version),
    answeredWith: numOrNull(r.answered_with),
    lastComment: r.last_comment,
    updatedAt: r.updated_at,
  };
}

/** `-(position + by)`: positions pass through negative numbers while a list is renumbered. */
const negatedPosition = (by: number) => sql<number>`-(${sql.ref('position')} + ${by})`;

export class WorkflowStore {
  /** `db` is the database, or the transaction this store's queries join (see atomically). */
  constructor(private readonly db: Executor) {}

  async createList(list: NewList): Promise<ListRow> {
    const at = now();
    const row = await this.db
      .insertInto('question_lists')
      .values({
        kind: list.kind,
        title: list.title,
        committee_id: list.committeeId,
        ministry_id: list.ministryId,
        addressees: JSON.stringify(list.addressees),
        documents: JSON.stringify(list.documents),
        scope: list.scope,
        deadline: list.deadline,
        state: 'draft',
        created_by: list.createdBy,
        created_at: at,
        updated_at: at,
        askers: JSON.stringify(list.askers ?? []),
        answered_by: list.answeredBy ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return listOf(row);
  }

  async list(id: number): Promise<ListRow> {
    const row = await this.db
      .selectFrom('question_lists')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question list ${id}`);
    return listOf(row);
  }

  /**
   * The list, its row locked until the transaction ends (on PostgreSQL; SQLite's transactions hold the
   * write lock from their start): renumbering its questions, or deciding from all of them (are they all
   * approved?), goes one transaction at a time. Outside a transaction it is a plain read.
   */
  async lockList(id: number): Promise<ListRow> {
    const row = await forUpdate(
      this.db,
      this.db.selectFrom('question_lists').selectAll().where('id', '=', id),
    ).executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question list ${id}`);
    return listOf(row);
  }

  async questions(listId: number): Promise<QuestionRow[]> {
    const rows = await this.db
      .selectFrom('list_questions')
      .selectAll()
      .where('list_id', '=', listId)
      .orderBy('position')
      .execute();
    return rows.map(questionOf);
  }

  async question(id: number): Promise<QuestionRow> {
    const row = await this.db
      .selectFrom('list_questions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question ${id}`);
    return questionOf(row);
  }

  private async questionCount(listId: number): Promise<number> {
    const { n } = await this.db
      .selectFrom('list_questions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('list_id', '=', listId)
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  /** Adds a question at the end (or at `at`, 1-based, moving the later ones down): numbering stays continuous. */
  async addQuestion(listId: number, text: string, section: string | null, at?: number): Promise<QuestionRow> {
    return inTransaction(this.db, async (trx) => {
      const wf = new WorkflowStore(trx);
      await wf.lockList(listId);
      const count = await wf.questionCount(listId);
      const position = at === undefined ? count + 1 : Math.min(Math.max(1, at), count + 1);
      // Shift through negative positions first: UNIQUE (list_id, position) holds at every step (also on
      // PostgreSQL, which checks it row by row).
      await trx
        .updateTable('list_questions')
        .set({ position: negatedPosition(1) })
        .where('list_id', '=', listId)
        .where('position', '>=', position)
        .execute();
      await wf.unnegatePositions(listId);
      const row = await trx
        .insertInto('list_questions')
        .values({ list_id: listId, position, section, text, updated_at: now() })
        .returningAll()
        .executeTakeFirstOrThrow();
      await wf.touchList(listId);
      return questionOf(row);
    });
  }

  /** The second step of a renumbering: the positions made negative become the positive ones. */
  private async unnegatePositions(listId: number): Promise<void> {
    await this.db
      .updateTable('list_questions')
      .set({ position: negatedPosition(0) })
      .where('list_id', '=', listId)
      .where('position', '<', 0)
      .execute();
  }

  private async touchList(listId: number): Promise<void> {
    await this.db
      .updateTable('question_lists')
      .set((eb) => ({ version: eb('version', '+', 1), updated_at: now() }))
      .where('id', '=', listId)
      .execute();
  }

  /** Moves a list from `from` to `to`; a conflict when it is no longer in `from`. */
  async setListState(listId: number, from: ListState, to: ListState): Promise<ListRow> {
    const row = await this.db
      .updateTable('question_lists')
      .set((eb) => ({ state: to, version: eb('version', '+', 1), updated_at: now() }))
      .where('id', '=', listId)
      .where('state', '=', from)
      .returningAll()
      .executeTakeFirst();
    if (row) return listOf(row);
    const list = await this.list(listId);
    throw new WorkflowConflict(`the question list is ${list.state} now, no longer ${from}`, {
      state: list.state,
      version: list.version,
    });
  }

  /** Moves a question (its answer) from `from` to `to`, setting the assignee when given. */
  async setQuestionState(
    questionId: number,
    from: AnswerState,
    to: AnswerState,
    assignment?: Assignee,
    change: { comment?: string | null; answeredWith?: number | null } = {},
  ): Promise<QuestionRow> {
    // The comment and the grouping change only when given; undefined leaves them as they are. One
    // compare-and-set UPDATE sets them with the state, so nothing is read before it is written.
    const row = await this.db
      .updateTable('list_questions')
      .set({
        state: to,
        ...(assignment
          ? {
              assignee_id: assignment.assigneeId,
              directorate_id: assignment.directorateId,
              internal_deadline: assignment.internalDeadline,
            }
          : {}),
        ...(change.comment !== undefined ? { last_comment: change.comment } : {}),
        ...(change.answeredWith !== undefined ? { answered_with: change.answeredWith } : {}),
        updated_at: now(),
      })
      .where('id', '=', questionId)
      .where('state', '=', from)
      .returningAll()
      .executeTakeFirst();
    if (row) return questionOf(row);
    const q = await this.question(questionId);
    throw new WorkflowConflict(`the answer is ${q.state} now, no longer ${from}`, {
      state: q.state,
      version: q.answerVersion,
    });
  }

  /**
   * Saves an answer as a new version, when `baseVersion` is still the latest: else a conflict that
   * carries the version saved in between (its text and author), for the caller to merge. With `move`,
   * the answer's state changes in the same transaction (a first save: assigned → drafting).
   */
  async saveAnswer(
    questionId: number,
    baseVersion: number,
    text: string,
    authorId: number | null,
    move?: { from: AnswerState; to: AnswerState },
  ): Promise<QuestionRow> {
    return inTransaction(this.db, async (trx) => {
      const wf = new WorkflowStore(trx);
      const at = now();
      // The compare-and-set: on PostgreSQL a concurrent save of the same row waits for the other's
      // commit and then finds the version moved on, so exactly one of them wins.
      const row = await trx
        .updateTable('list_questions')
        .set((eb) => ({ answer: text, answer_version: eb('answer_version', '+', 1), updated_at: at }))
        .where('id', '=', questionId)
        .where('answer_version', '=', baseVersion)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const q = await wf.question(questionId);
        const latest = await trx
          .selectFrom('answer_versions')
          .select('author_id')
          .where('question_id', '=', questionId)
          .where('version', '=', q.answerVersion)
          .executeTakeFirst();
        throw new WorkflowConflict(
          `the answer was saved as version ${q.answerVersion} since version ${baseVersion}`,
          {
            state: q.state,
            version: q.answerVersion,
            text: q.answer,
            authorId: numOrNull(latest?.author_id ?? null),
          },
        );
      }
      const q = questionOf(row);
      await trx
        .insertInto('answer_versions')
        .values({
          question_id: questionId,
          version: q.answerVersion,
          text,
          author_id: authorId,
          saved_at: at,
        })
        .execute();
      return move && move.from !== move.to ? wf.setQuestionState(questionId, move.from, move.to) : q;
    });
  }

  /** Records the day the list was sent (and its deadline, when the term sets it). */
  async setSubmitted(listId: number, on: string, deadline: string | null): Promise<ListRow> {
    const row = await this.db
      .updateTable('question_lists')
      .set((eb) => ({
        submitted_on: on,
        deadline: eb.fn.coalesce('deadline', eb.val(deadline)),
        updated_at: now(),
      }))
      .where('id', '=', listId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question list ${listId}`);
    return listOf(row);
  }

  /** Changes a list's deadline (a postponement); returns the list as it is now. */
  async setDeadline(listId: number, deadline: string): Promise<ListRow> {
    const row = await this.db
      .updateTable('question_lists')
      .set((eb) => ({ deadline, version: eb('version', '+', 1), updated_at: now() }))
      .where('id', '=', listId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question list ${listId}`);
    return listOf(row);
  }

  /**
   * Questions still being answered (not approved or published) on lists that are not drafts: those
   * assigned to `assigneeId`, or all of those on lists addressed to one of `ministryIds`.
   */
  async openQuestions(
    filter: { assigneeId: number } | { ministryIds: readonly number[]; states?: readonly AnswerState[] },
  ): Promise<{ question: QuestionRow; list: ListRow }[]> {
    // `IN ()` is no SQL: an empty filter matches nothing.
    if (!('assigneeId' in filter) && (filter.ministryIds.length === 0 || filter.states?.length === 0)) {
      return [];
    }
    let query = this.db
      .selectFrom('list_questions as q')
      .innerJoin('question_lists as l', 'l.id', 'q.list_id')
      .selectAll('q')
      .where('q.state', 'not in', ['approved', 'published'])
      .where('l.state', 'not in', ['draft', 'withdrawn', 'published']);
    if ('assigneeId' in filter) query = query.where('q.assignee_id', '=', filter.assigneeId);
    else {
      query = query.where('l.ministry_id', 'in', [...filter.ministryIds]);
      if (filter.states) query = query.where('q.state', 'in', [...filter.states]);
    }
    const rows = await query
      // Those without a deadline first, on both databases (SQLite's order for NULL).
      .orderBy(
        (eb) => eb.fn.coalesce('q.internal_deadline', 'l.deadline'),
        (ob) => ob.asc().nullsFirst(),
      )
      .orderBy('l.id')
      .orderBy('q.position')
      .execute();
    // Each list read once, however many of its questions are open.
    const lists = new Map<number, ListRow>();
    const out: { question: QuestionRow; list: ListRow }[] = [];
    for (const r of rows) {
      const question = questionOf(r);
      let list = lists.get(question.listId);
      if (!list) {
        list = await this.list(question.listId);
        lists.set(question.listId, list);
      }
      out.push({ question, list });
    }
    return out;
  }

  /** Whether one of the list's questions is (or was last) with this person. */
  async hasAssignee(listId: number, userId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('list_questions')
      .select('id')
      .where('list_id', '=', listId)
      .where('assignee_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** The lists addressed to or made by these organisations, newest first. */
  async lists(filter: {
    organisationIds: readonly number[];
    states?: readonly ListState[];
  }): Promise<ListRow[]> {
    // `IN ()` is no SQL: an empty filter matches nothing.
    if (filter.organisationIds.length === 0 || filter.states?.length === 0) return [];
    const organisations = [...filter.organisationIds];
    let query = this.db
      .selectFrom('question_lists')
      .selectAll()
      .where((eb) =>
        eb.or([eb('committee_id', 'in', organisations), eb('ministry_id', 'in', organisations)]),
      );
    if (filter.states) query = query.where('state', 'in', [...filter.states]);
    const rows = await query.orderBy('updated_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(listOf);
  }

  /** Every list (for an administrator), newest first. */
  async allLists(): Promise<ListRow[]> {
    const rows = await this.db
      .selectFrom('question_lists')
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(listOf);
  }

  /** Changes a list's particulars, when it is still at `version` (else a conflict). */
  async updateList(listId: number, version: number, changes: ListChanges): Promise<ListRow> {
    const current = await this.list(listId);
    const next = { ...current, ...changes };
    // A compare-and-set on the version: what was read above is written back only if nobody changed it.
    const row = await this.db
      .updateTable('question_lists')
      .set((eb) => ({
        title: next.title,
        addressees: JSON.stringify(next.addressees),
        documents: JSON.stringify(next.documents),
        scope: next.scope,
        deadline: next.deadline,
        askers: JSON.stringify(next.askers),
        answered_by: next.answeredBy,
        version: eb('version', '+', 1),
        updated_at: now(),
      }))
      .where('id', '=', listId)
      .where('version', '=', version)
      .returningAll()
      .executeTakeFirst();
    if (row) return listOf(row);
    const list = await this.list(listId);
    throw new WorkflowConflict(
      `the question list was changed since version ${version}: it is version ${list.version}`,
      {
        state: list.state,
        version: list.version,
      },
    );
  }

  /** Changes a question's text or section (a draft's). */
  async updateQuestion(
    questionId: number,
    changes: { text?: string; section?: string | null },
  ): Promise<QuestionRow> {
    return inTransaction(this.db, async (trx) => {
      const wf = new WorkflowStore(trx);
      const q = await wf.question(questionId);
      // Only what is given is written: nothing read here is written back.
      const row = await trx
        .updateTable('list_questions')
        .set({
          ...(changes.text !== undefined ? { text: changes.text } : {}),
          ...(changes.section !== undefined ? { section: changes.section } : {}),
          updated_at: now(),
        })
        .where('id', '=', questionId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new WorkflowNotFound(`no question ${questionId}`);
      await wf.touchList(q.listId);
      return questionOf(row);
    });
  }

  /** Moves a question to position `to` (1-based); the others close up around it, numbering stays continuous. */
  async moveQuestion(questionId: number, to: number): Promise<QuestionRow> {
    return inTransaction(this.db, async (trx) => {
      const wf = new WorkflowStore(trx);
      // The list's row first, then the question as it is under that lock.
      await wf.lockList((await wf.question(questionId)).listId);
      const q = await wf.question(questionId);
      const count = await wf.questionCount(q.listId);
      const target = Math.min(Math.max(1, to), count);
      if (target !== q.number) {
        await trx.updateTable('list_questions').set({ position: 0 }).where('id', '=', questionId).execute();
        const [lo, hi, step] = target < q.number ? [target, q.number - 1, 1] : [q.number + 1, target, -1];
        // Through negative positions, so that UNIQUE (list_id, position) holds at every step.
        await trx
          .updateTable('list_questions')
          .set({ position: negatedPosition(step) })
          .where('list_id', '=', q.listId)
          .where('position', '>=', lo)
          .where('position', '<=', hi)
          .execute();
        await wf.unnegatePositions(q.listId);
        await trx
          .updateTable('list_questions')
          .set({ position: target })
          .where('id', '=', questionId)
          .execute();
      }
      await wf.touchList(q.listId);
      return wf.question(questionId);
    });
  }

  /** Removes a question; the later ones move up. */
  async removeQuestion(questionId: number): Promise<void> {
    await inTransaction(this.db, async (trx) => {
      const wf = new WorkflowStore(trx);
      await wf.lockList((await wf.question(questionId)).listId);
      const q = await wf.question(questionId);
      await trx.deleteFrom('list_questions').where('id', '=', questionId).execute();
      await trx
        .updateTable('list_questions')
        .set({ position: negatedPosition(-1) })
        .where('list_id', '=', q.listId)
        .where('position', '>', q.number)
        .execute();
      await wf.unnegatePositions(q.listId);
      await wf.touchList(q.listId);
    });
  }

  /** Sets the letter's date (assembling) or, once sent, the publication and when. */
  async setLetter(
    listId: number,
    letter: { letterDate?: string | null; publicationId?: string; sentAt?: string },
  ): Promise<ListRow> {
    // Only what is given is written (a null date clears it): nothing is read and written back.
    const row = await this.db
      .updateTable('question_lists')
      .set({
        ...(letter.letterDate !== undefined ? { letter_date: letter.letterDate } : {}),
        ...(letter.publicationId !== undefined ? { publication_id: letter.publicationId } : {}),
        ...(letter.sentAt !== undefined ? { sent_at: letter.sentAt } : {}),
        updated_at: now(),
      })
      .where('id', '=', listId)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new WorkflowNotFound(`no question list ${listId}`);
    return listOf(row);
  }

  /**
   * Runs `work` in one transaction (several changes that stand or fall together), with a store whose
   * queries join it: everything inside goes to `wf`, never to the outer store (on SQLite that would wait
   * for the transaction's own connection). On PostgreSQL `work` may run again after a deadlock, so it
   * does nothing outside the database.
   */
  async atomically<T>(work: (wf: WorkflowStore) => Promise<T>): Promise<T> {
    return inTransaction(this.db, (trx) => work(new WorkflowStore(trx)));
  }

  async versions(questionId: number): Promise<AnswerVersion[]> {
    const rows = await this.db
      .selectFrom('answer_versions')
      .select(['version', 'text', 'author_id', 'saved_at'])
      .where('question_id', '=', questionId)
      .orderBy('version')
      .execute();
    return rows.map((r) => ({
      version: num(r.version),
      text: r.text,
      authorId: numOrNull(r.author_id),
      savedAt: r.saved_at,
    }));
  }
}
