// The workflow's operations: each checks who may act (their roles in the list's committee or ministry,
// directorates counting for their ministry), makes the transition the state machine allows, stores it as
// a compare-and-set, and records it in the audit log. The API and the screens call these; nothing else
// changes a list's or an answer's state.
import { actorLabel, type Role, type UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import {
  type ListChanges,
  type ListRow,
  type NewList,
  type QuestionRow,
  WorkflowConflict,
  type WorkflowStore,
} from '../store/workflow.js';
import {
  CLOSED_DAYS_NL,
  type DeadlineCalendar,
  type DueState,
  deadline,
  dueState,
  type Term,
  today,
  WRITTEN_QUESTIONS_TERM,
} from './deadlines.js';
import { splitQuestions } from './question-text.js';
import {
  ANSWER_MACHINE,
  LIST_MACHINE,
  type Machine,
  type Actor as MachineActor,
  TransitionError,
  transition,
} from './states.js';

/** The actor may not do this to the list or answer (the API answers 403). */
export class WorkflowForbidden extends Error {
  override readonly name: string = 'WorkflowForbidden';
}

/** The actor may not even see the list: the API answers 404, as for a list that does not exist. */
export class WorkflowHidden extends WorkflowForbidden {
  override readonly name = 'WorkflowHidden';
}

export interface Assignment {
  assigneeId: number;
  directorateId: number | null;
  internalDeadline: string | null;
}

/** A question on someone's desk, with the deadline that applies to it and how it stands. */
export interface DueItem {
  question: QuestionRow;
  list: ListRow;
  /** The internal deadline when the coordinator set one, else the list's. */
  due: string | null;
  state: DueState | null;
}

/**
 * Makes and stores the publication of a list whose letter is sent (its questions with their approved
 * answers); answers the publication's id. Given by the server, which has the search analysis.
 */
export type Publisher = (list: ListRow, questions: readonly QuestionRow[]) => Promise<string>;

/** What a change to a list or an answer means for the people involved (src/notify turns it into messages). */
export type WorkflowNotice =
  | { kind: 'assigned'; question: QuestionRow; list: ListRow; by?: string }
  | { kind: 'returned'; question: QuestionRow; list: ListRow; comment: string; by?: string }
  | { kind: 'declined'; question: QuestionRow; list: ListRow; comment: string }
  | { kind: 'published'; list: ListRow; publicationId: string };

export interface WorkflowOptions {
  publish?: Publisher;
  /** For the terms that start when a list is sent (Kamervragen: three weeks); default the Dutch holidays. */
  calendar?: DeadlineCalendar;
  /** Told of each notice after the change is stored; its failure never undoes the change. */
  notify?: (notice: WorkflowNotice) => void | Promise<void>;
}

/** Whether a list's deadline can still be postponed: it has one, and its letter is not yet approved. */
export function postponable(list: ListRow): boolean {
  return (
    ['sent', 'in-progress', 'answers-approved', 'letter-assembled'].includes(list.state) && !!list.deadline
  );
}

/** The events of a machine this actor could make from a state (what the screens offer). */
export function eventsFor<S extends string>(
  machine: Machine<S>,
  state: S,
  roles: readonly MachineActor[],
): string[] {
  return [
    ...new Set(
      machine.transitions
        .filter((t) => t.from === state && t.by.some((r) => roles.includes(r)))
        .map((t) => t.event),
    ),
  ];
}

export class Workflow {
  constructor(
    private readonly store: Store,
    private readonly options: WorkflowOptions = {},
  ) {}

  /** Waits until the notice's notifications are stored (their mails go on in the background). */
  private async tell(notice: WorkflowNotice): Promise<void> {
    try {
      await this.options.notify?.(notice);
    } catch {
      // A notice that cannot be made never undoes the change it is about.
    }
  }

  /** The list and the actor's roles on it, when the actor may see it (else WorkflowForbidden). */
  async listFor(actor: UserActor, listId: number): Promise<{ list: ListRow; roles: Role[] }> {
    return this.visibleList(actor, listId);
  }

  /** The lists the actor may see, newest first: their committee's and those addressed to their ministry. */
  async listsFor(actor: UserActor): Promise<ListRow[]> {
    let rows: ListRow[];
    if (actor.admin) rows = await this.store.workflow.allLists();
    else {
      const organisations = new Set<number>();
      for (const m of actor.memberships) {
        for (const id of await this.within(m.organisationId)) organisations.add(id);
      }
      rows = await this.store.workflow.lists({ organisationIds: [...organisations] });
    }
    const visible: ListRow[] = [];
    for (const list of rows) if (await this.canSee(actor, list)) visible.push(list);
    return visible;
  }

  /** The organisations that count as this one: itself and, for a ministry, its directorates. */
  private async within(organisationId: number | null): Promise<Set<number>> {
    return new Set(
      organisationId === null ? [] : await this.store.accounts.organisationAndChildren(organisationId),
    );
  }

  /** The actor's roles on a list: clerk in its committee; coordinator, drafter, approver in its ministry. */
  async rolesOn(actor: UserActor, list: ListRow): Promise<Role[]> {
    const committee = await this.within(list.committeeId);
    const ministry = await this.within(list.ministryId);
    const roles = new Set<Role>();
    for (const m of actor.memberships) {
      if (m.role === 'clerk' && committee.has(m.organisationId)) roles.add(m.role);
      if (m.role !== 'clerk' && ministry.has(m.organisationId)) roles.add(m.role);
    }
    return [...roles];
  }

  /**
   * Whether the actor may see the list: a role on it, or an administrator. A draft is the committee's
   * own. `roles` are the actor's on the list when the caller has them already.
   */
  async canSee(actor: UserActor, list: ListRow, roles?: readonly Role[]): Promise<boolean> {
    if (actor.admin) return true;
    const on = roles ?? (await this.rolesOn(actor, list));
    if (list.state === 'draft') return on.includes('clerk');
    // A drafter sees the lists they answer on, not every list of the ministry (the embargo: unpublished
    // answers are seen by the people working on them); coordinators and approvers see them all.
    if (on.length > 0 && on.every((r) => r === 'drafter')) {
      return this.store.workflow.hasAssignee(list.id, actor.id);
    }
    return on.length > 0;
  }

  /** The list and the actor's roles on it (worked out once), when the actor may see it. */
  private async visibleList(actor: UserActor, listId: number): Promise<{ list: ListRow; roles: Role[] }> {
    const list = await this.store.workflow.list(listId);
    const roles = await this.rolesOn(actor, list);
    if (!(await this.canSee(actor, list, roles))) throw new WorkflowHidden(`no question list ${listId}`);
    return { list, roles };
  }

  private async audit(
    actor: UserActor,
    action: string,
    subject: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.store.audit({ actor: actorLabel(actor), actorName: actor.name, action, subject, details });
  }

  /** A clerk of the committee starts a list (state draft). */
  async createList(actor: UserActor, input: Omit<NewList, 'createdBy'>): Promise<ListRow> {
    const clerkOf = actor.memberships.some(
      (m) => m.role === 'clerk' && m.organisationId === input.committeeId,
    );
    if (!clerkOf) throw new WorkflowForbidden('only a clerk of the committee may start its question list');
    const list = await this.store.workflow.createList({ ...input, createdBy: actor.id });
    await this.audit(actor, 'list.created', `list:${list.id}`, {
      title: list.title,
      deadline: list.deadline,
    });
    return list;
  }

  /** A question added while the list is a draft; numbering stays continuous. */
  async addQuestion(
    actor: UserActor,
    listId: number,
    text: string,
    section: string | null,
    at?: number,
  ): Promise<QuestionRow> {
    await this.draftOf(actor, listId, 'add-question');
    const question = await this.store.workflow.atomically(async (wf) => {
      await stillDraft(wf, listId, 'add-question');
      return wf.addQuestion(listId, text, section, at);
    });
    await this.audit(actor, 'list.question_added', `list:${listId}`, { number: question.number });
    return question;
  }

  /** The list, when the actor is its committee's clerk and it is still a draft. */
  private async draftOf(actor: UserActor, listId: number, what: string): Promise<ListRow> {
    const { list, roles } = await this.visibleList(actor, listId);
    if (!roles.includes('clerk')) {
      throw new WorkflowForbidden('only a clerk of the committee may change its questions');
    }
    if (list.state !== 'draft') throw notADraft(list, what);
    return list;
  }

  /** The clerk changes a draft list's particulars (title, addressees, documents, scope, deadline). */
  async updateList(
    actor: UserActor,
    listId: number,
    version: number,
    changes: ListChanges,
  ): Promise<ListRow> {
    await this.draftOf(actor, listId, 'edit');
    // A compare-and-set on the version: sending the list since moved its version on too.
    const changed = await this.store.workflow.updateList(listId, version, changes);
    await this.audit(actor, 'list.changed', `list:${listId}`, { ...changes });
    return changed;
  }

  /** The clerk edits, moves (to a number) or regroups (a section) a question of a draft. */
  async updateQuestion(
    actor: UserActor,
    questionId: number,
    changes: { text?: string; section?: string | null; number?: number },
  ): Promise<QuestionRow> {
    const question = await this.store.workflow.question(questionId);
    await this.draftOf(actor, question.listId, 'edit');
    const { number, ...content } = changes;
    const changed = await this.store.workflow.atomically(async (wf) => {
      await stillDraft(wf, question.listId, 'edit');
      if (content.text !== undefined || content.section !== undefined) {
        await wf.updateQuestion(questionId, content);
      }
      return number === undefined ? wf.question(questionId) : wf.moveQuestion(questionId, number);
    });
    await this.audit(actor, 'list.question_changed', `list:${question.listId}`, {
      question: questionId,
      ...changes,
    });
    return changed;
  }

  /** The clerk removes a question from a draft; the later ones move up. */
  async removeQuestion(actor: UserActor, questionId: number): Promise<void> {
    const question = await this.store.workflow.question(questionId);
    await this.draftOf(actor, question.listId, 'edit');
    await this.store.workflow.atomically(async (wf) => {
      await stillDraft(wf, question.listId, 'edit');
      await wf.removeQuestion(questionId);
    });
    await this.audit(actor, 'list.question_removed', `list:${question.listId}`, { number: question.number });
  }

  /** Questions from pasted text (or a Word file's text): one per numbered item or paragraph, added in order. */
  async importQuestions(
    actor: UserActor,
    listId: number,
    text: string,
    section: string | null,
  ): Promise<QuestionRow[]> {
    await this.draftOf(actor, listId, 'import');
    const parts = splitQuestions(text);
    if (parts.length === 0) {
      throw new TransitionError('illegal', 'draft', 'import', 'the text holds no questions');
    }
    const added = await this.store.workflow.atomically(async (wf) => {
      await stillDraft(wf, listId, 'import');
      const rows: QuestionRow[] = [];
      for (const p of parts) rows.push(await wf.addQuestion(listId, p.text, p.section ?? section));
      return rows;
    });
    await this.audit(actor, 'list.questions_imported', `list:${listId}`, { count: added.length });
    return added;
  }

  /** A list event (send, withdraw, assemble, approve-letter, send-letter, …) by the actor's roles. */
  async listEvent(actor: UserActor, listId: number, event: string): Promise<ListRow> {
    const { list, roles } = await this.visibleList(actor, listId);
    if (event === 'send-letter') {
      throw new TransitionError('illegal', list.state, event, 'a letter is sent with sendLetter');
    }
    if (event === 'send' && list.kind === 'written-questions' && list.askers.length === 0) {
      throw new TransitionError(
        'illegal',
        list.state,
        event,
        'written questions name the members who ask them',
      );
    }
    if (event === 'send' && (await this.store.workflow.questions(listId)).length === 0) {
      throw new TransitionError(
        'illegal',
        list.state,
        event,
        'a question list without questions cannot be sent',
      );
    }
    const to = transition(LIST_MACHINE, list.state, event, roles);
    const changed = await this.store.workflow.atomically(async (wf) => {
      const moved = await wf.setListState(listId, list.state, to);
      // Sending dates the list; written questions then have three weeks unless a deadline was set.
      if (event === 'send') {
        const on = today();
        const calendar = this.options.calendar ?? { recesses: [], closedDays: CLOSED_DAYS_NL };
        return wf.setSubmitted(
          listId,
          on,
          list.kind === 'written-questions' ? deadline(on, WRITTEN_QUESTIONS_TERM, calendar) : null,
        );
      }
      // Assembling dates the letter (today, until it is sent); reopening undoes it.
      if (event === 'assemble') return wf.setLetter(listId, { letterDate: today() });
      if (event === 'reopen') {
        for (const q of await wf.questions(listId)) {
          if (q.state === 'approved' && q.answeredWith === null) {
            await wf.setQuestionState(q.id, 'approved', 'drafting');
          }
        }
        return wf.setLetter(listId, { letterDate: null });
      }
      return moved;
    });
    await this.audit(actor, `list.${event.replace(/-/g, '_')}`, `list:${listId}`, { from: list.state, to });
    return changed;
  }

  /**
   * The coordinator sends the approved letter: the publication is made and stored (the embargo lifts:
   * it is published at once), every answer becomes published, the list too.
   */
  async sendLetter(actor: UserActor, listId: number): Promise<ListRow> {
    const { list, roles } = await this.visibleList(actor, listId);
    const to = transition(LIST_MACHINE, list.state, 'send-letter', roles);
    if (!this.options.publish) throw new Error('this workflow has no publisher');
    const questions = await this.store.workflow.questions(listId);
    // The list is taken first (compare-and-set on its state), so that of several sends at once only one
    // publishes: checking after publishing left a second publication behind (found with 20 servers).
    await this.store.workflow.setListState(listId, list.state, to);
    let publicationId: string;
    try {
      // Stored outside a transaction: the archive's writer must never wait inside one.
      publicationId = await this.options.publish(list, questions);
    } catch (error) {
      await this.store.workflow.setListState(listId, to, list.state);
      throw error;
    }
    const sent = await this.store.workflow.atomically(async (wf) => {
      for (const q of questions) await wf.setQuestionState(q.id, 'approved', 'published');
      return wf.setLetter(listId, { publicationId, sentAt: new Date().toISOString() });
    });
    await this.audit(actor, 'list.send_letter', `list:${listId}`, {
      from: list.state,
      to,
      publication: publicationId,
    });
    await this.tell({ kind: 'published', list: sent, publicationId });
    return sent;
  }

  /** Several questions handed to one drafter at once (all or none). */
  async assignMany(
    actor: UserActor,
    questionIds: readonly number[],
    assignment: Assignment,
  ): Promise<QuestionRow[]> {
    return this.assignAll(actor, questionIds, assignment);
  }

  /**
   * One answer serving several questions: the coordinator answers this question with another's (of the
   * same list); it counts as approved with it, and the publication refers to that answer.
   */
  async group(actor: UserActor, questionId: number, withNumber: number): Promise<QuestionRow> {
    const { question, list, roles } = await this.questionOnList(actor, questionId);
    const main = (await this.store.workflow.questions(list.id)).find((q) => q.number === withNumber);
    if (!main || main.id === question.id || main.answeredWith !== null) {
      throw new TransitionError(
        'illegal',
        question.state,
        'group',
        `question ${withNumber} cannot answer question ${question.number}: it must be another question of the list with an answer of its own`,
      );
    }
    const to = transition(ANSWER_MACHINE, question.state, 'group', roles);
    const { changed, allApproved } = await this.store.workflow.atomically(async (wf) => {
      // The list's row first, as every change that looks at the list as a whole takes it.
      await wf.lockList(list.id);
      const grouped = await wf.setQuestionState(questionId, question.state, to, undefined, {
        answeredWith: main.id,
      });
      return { changed: grouped, allApproved: await approveListWhenDone(wf, list.id) };
    });
    await this.audit(actor, 'answer.grouped', `question:${questionId}`, { with: withNumber });
    if (allApproved) await this.auditAllApproved(list.id);
    return changed;
  }

  /** The system's step of approving a list's answers, in the log after the change that made it. */
  private async auditAllApproved(listId: number): Promise<void> {
    await this.store.audit({
      actor: 'system',
      action: 'list.all_approved',
      subject: `list:${listId}`,
      details: {},
    });
  }

  private async questionOnList(
    actor: UserActor,
    questionId: number,
  ): Promise<{ question: QuestionRow; list: ListRow; roles: Role[] }> {
    const question = await this.store.workflow.question(questionId);
    return { question, ...(await this.visibleList(actor, question.listId)) };
  }

  /** The coordinator hands a question to a drafter (again, when it had one); the list is taken up. */
  async assign(actor: UserActor, questionId: number, assignment: Assignment): Promise<QuestionRow> {
    const [changed] = await this.assignAll(actor, [questionId], assignment);
    return changed!;
  }

  /**
   * Assigns the questions in one transaction (all or none). Who may see them and their roles are worked
   * out first, from the accounts, which a transaction must not wait for; the states are read in it.
   */
  private async assignAll(
    actor: UserActor,
    questionIds: readonly number[],
    assignment: Assignment,
  ): Promise<QuestionRow[]> {
    const allowed: { questionId: number; roles: Role[] }[] = [];
    for (const questionId of questionIds) {
      const { roles } = await this.questionOnList(actor, questionId);
      if (!roles.includes('coordinator')) {
        throw new WorkflowForbidden("only a coordinator of the ministry assigns the list's questions");
      }
      allowed.push({ questionId, roles });
    }
    const done = await this.store.workflow.atomically(async (wf) => {
      const out: { changed: QuestionRow; list: ListRow; event: string }[] = [];
      for (const { questionId, roles } of allowed) {
        const question = await wf.question(questionId);
        const list = await wf.lockList(question.listId);
        if (list.state === 'sent') {
          await wf.setListState(
            list.id,
            'sent',
            transition(LIST_MACHINE, 'sent', 'take-up', ['coordinator']),
          );
        } else if (list.state !== 'in-progress') {
          throw new TransitionError(
            'illegal',
            list.state,
            'assign',
            `the question list is ${list.state}: its questions cannot be assigned now`,
          );
        }
        const event = question.state === 'unassigned' ? 'assign' : 'reassign';
        const to = transition(ANSWER_MACHINE, question.state, event, roles);
        const changed = await wf.setQuestionState(questionId, question.state, to, assignment);
        out.push({ changed, list, event });
      }
      return out;
    });
    for (const { changed, list, event } of done) {
      await this.audit(actor, `answer.${event}ed`, `question:${changed.id}`, { ...assignment });
      // Not told of one's own assignment to oneself.
      if (changed.assigneeId !== actor.id)
        await this.tell({ kind: 'assigned', question: changed, list, by: actor.name });
    }
    return done.map((d) => d.changed);
  }

  /** The assigned drafter saves a version of the answer, from the version they started with. */
  async saveAnswer(
    actor: UserActor,
    questionId: number,
    baseVersion: number,
    text: string,
  ): Promise<QuestionRow> {
    const { question, roles } = await this.questionOnList(actor, questionId);
    const mine: MachineActor[] =
      question.assigneeId === actor.id ? roles : roles.filter((r) => r !== 'drafter');
    const to = transition(ANSWER_MACHINE, question.state, 'save', mine);
    let saved: QuestionRow;
    try {
      saved = await this.store.workflow.saveAnswer(questionId, baseVersion, text, actor.id, {
        from: question.state,
        to,
      });
    } catch (error) {
      if (error instanceof WorkflowConflict && error.current.authorId != null) {
        error.current.authorName = (await this.store.accounts.userById(error.current.authorId))?.name ?? null;
      }
      throw error;
    }
    await this.audit(actor, 'answer.saved', `question:${questionId}`, { version: saved.answerVersion });
    return saved;
  }

  /**
   * A postponement notice (Mededeling uitstel antwoord) for written questions: the coordinator moves
   * the deadline by another term (three weeks by default), counted from the deadline it had.
   */
  async postpone(
    actor: UserActor,
    listId: number,
    calendar: DeadlineCalendar,
    term: Term = WRITTEN_QUESTIONS_TERM,
  ): Promise<ListRow> {
    const { roles } = await this.visibleList(actor, listId);
    if (!roles.includes('coordinator')) {
      throw new WorkflowForbidden('only a coordinator of the ministry may postpone the answer');
    }
    // The deadline is read and moved on under the list's lock: two postponements at once add two terms.
    const { from, moved } = await this.store.workflow.atomically(async (wf) => {
      const list = await wf.lockList(listId);
      if (!postponable(list) || !list.deadline) {
        throw new TransitionError(
          'illegal',
          list.state,
          'postpone',
          `the question list is ${list.state}${list.deadline ? '' : ' without a deadline'}: it cannot be postponed`,
        );
      }
      return {
        from: list.deadline,
        moved: await wf.setDeadline(listId, deadline(list.deadline, term, calendar)),
      };
    });
    await this.audit(actor, 'list.postponed', `list:${listId}`, { from, to: moved.deadline });
    return moved;
  }

  /**
   * What is on the actor's desk, soonest due first: a drafter's own questions; for a coordinator, every
   * open question of the lists addressed to their ministry.
   */
  async dueItems(actor: UserActor, today: string, calendar: DeadlineCalendar): Promise<DueItem[]> {
    const of = (role: Role) => actor.memberships.filter((m) => m.role === role).map((m) => m.organisationId);
    const coordinating = of('coordinator');
    const approving = of('approver');
    const rows = [
      ...(coordinating.length > 0
        ? await this.store.workflow.openQuestions({ ministryIds: coordinating })
        : []),
      // An approver's desk: the answers waiting for review.
      ...(approving.length > 0
        ? await this.store.workflow.openQuestions({ ministryIds: approving, states: ['submitted'] })
        : []),
      ...(await this.store.workflow.openQuestions({ assigneeId: actor.id })),
    ];
    const seen = new Set<number>();
    return rows
      .filter(({ question }) => !seen.has(question.id) && seen.add(question.id))
      .map(({ question, list }) => {
        const due = question.internalDeadline ?? list.deadline;
        return { question, list, due, state: due ? dueState(due, today, calendar) : null };
      })
      .sort(
        (a, b) =>
          (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
          a.list.id - b.list.id ||
          a.question.number - b.question.number,
      );
  }

  /** Submit, approve, return or decline an answer; approving the last one approves the list's answers. */
  async answerEvent(
    actor: UserActor,
    questionId: number,
    event: string,
    comment: string | null = null,
  ): Promise<QuestionRow> {
    const { question, list, roles } = await this.questionOnList(actor, questionId);
    const own = question.assigneeId === actor.id;
    // Submitting and declining are the assigned drafter's own acts.
    const acting: MachineActor[] = event === 'submit' || event === 'decline' ? (own ? roles : []) : roles;
    const to = transition(ANSWER_MACHINE, question.state, event, acting);
    if ((event === 'return' || event === 'decline') && !comment?.trim()) {
      throw new TransitionError(
        'illegal',
        question.state,
        event,
        `to ${event} an answer, say why (a comment)`,
      );
    }
    const change = {
      ...(comment?.trim() ? { comment: comment.trim() } : {}),
      // Reopening an answer given with another's makes it an answer of its own again.
      ...(event === 'reopen' ? { answeredWith: null } : {}),
    };
    const { changed, allApproved } = await this.store.workflow.atomically(async (wf) => {
      // The list's row first, as every change that looks at the list as a whole takes it.
      const current = await wf.lockList(list.id);
      const moved =
        event === 'decline'
          ? await wf.setQuestionState(
              questionId,
              question.state,
              to,
              { assigneeId: null, directorateId: null, internalDeadline: null },
              change,
            )
          : await wf.setQuestionState(questionId, question.state, to, undefined, change);
      const approved = event === 'approve' && (await approveListWhenDone(wf, list.id));
      if (event === 'reopen' && current.state === 'answers-approved') {
        await wf.setListState(
          list.id,
          current.state,
          transition(LIST_MACHINE, current.state, 'reopen', ['system']),
        );
      }
      return { changed: moved, allApproved: approved };
    });
    await this.audit(actor, `answer.${event.replace(/-/g, '_')}`, `question:${questionId}`, {
      from: question.state,
      to,
      comment,
    });
    if (allApproved) await this.auditAllApproved(list.id);
    if (event === 'return') {
      await this.tell({ kind: 'returned', question: changed, list, comment: comment ?? '', by: actor.name });
    }
    if (event === 'decline') await this.tell({ kind: 'declined', question, list, comment: comment ?? '' });
    return changed;
  }
}

/** The error for a change to a list that is no longer a draft. */
function notADraft(list: ListRow, what: string): TransitionError {
  return new TransitionError(
    'illegal',
    list.state,
    what,
    `the question list is ${list.state}: only a draft can be changed`,
  );
}

/**
 * Inside a change's transaction: the list, its row locked, is still a draft (it may have been sent since
 * the change was allowed).
 */
async function stillDraft(wf: WorkflowStore, listId: number, what: string): Promise<void> {
  const list = await wf.lockList(listId);
  if (list.state !== 'draft') throw notADraft(list, what);
}

/**
 * Inside the transaction of an answer's change: once every answer is approved, the list's answers are
 * (a system step; the caller logs it after). The list's row is locked first, so that of two last
 * approvals at once exactly one sees them all approved and moves the list. Answers whether it did.
 */
async function approveListWhenDone(wf: WorkflowStore, listId: number): Promise<boolean> {
  const list = await wf.lockList(listId);
  if (list.state !== 'in-progress') return false;
  if (!(await wf.questions(listId)).every((q) => q.state === 'approved')) return false;
  await wf.setListState(
    listId,
    'in-progress',
    transition(LIST_MACHINE, 'in-progress', 'all-approved', ['system']),
  );
  return true;
}
