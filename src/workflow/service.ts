// The workflow's operations: each checks who may act (their roles in the list's committee or ministry,
// directorates counting for their ministry), makes the transition the state machine allows, stores it as
// a compare-and-set, and records it in the audit log. The API and the screens call these; nothing else
// changes a list's or an answer's state.
import { actorLabel, type Role, type UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import type { ListRow, NewList, QuestionRow } from '../store/workflow.js';
import {
  type DeadlineCalendar,
  type DueState,
  deadline,
  dueState,
  type Term,
  WRITTEN_QUESTIONS_TERM,
} from './deadlines.js';
import {
  ANSWER_MACHINE,
  LIST_MACHINE,
  type Actor as MachineActor,
  TransitionError,
  transition,
} from './states.js';

/** The actor may not act on this list at all (the API answers 404 when it may not even see it). */
export class WorkflowForbidden extends Error {
  override readonly name = 'WorkflowForbidden';
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

export class Workflow {
  constructor(private readonly store: Store) {}

  /** The organisations that count as this one: itself and, for a ministry, its directorates. */
  private within(organisationId: number | null): Set<number> {
    return new Set(
      organisationId === null ? [] : this.store.accounts.organisationAndChildren(organisationId),
    );
  }

  /** The actor's roles on a list: clerk in its committee; coordinator, drafter, approver in its ministry. */
  rolesOn(actor: UserActor, list: ListRow): Role[] {
    const committee = this.within(list.committeeId);
    const ministry = this.within(list.ministryId);
    const roles = new Set<Role>();
    for (const m of actor.memberships) {
      if (m.role === 'clerk' && committee.has(m.organisationId)) roles.add(m.role);
      if (m.role !== 'clerk' && ministry.has(m.organisationId)) roles.add(m.role);
    }
    return [...roles];
  }

  /** Whether the actor may see the list: a role on it, or an administrator. A draft is the committee's own. */
  canSee(actor: UserActor, list: ListRow, roles: readonly Role[] = this.rolesOn(actor, list)): boolean {
    if (actor.admin) return true;
    if (list.state === 'draft') return roles.includes('clerk');
    return roles.length > 0;
  }

  /** The list and the actor's roles on it (worked out once), when the actor may see it. */
  private visibleList(actor: UserActor, listId: number): { list: ListRow; roles: Role[] } {
    const list = this.store.workflow.list(listId);
    const roles = this.rolesOn(actor, list);
    if (!this.canSee(actor, list, roles)) throw new WorkflowForbidden(`no question list ${listId}`);
    return { list, roles };
  }

  private audit(actor: UserActor, action: string, subject: string, details: Record<string, unknown>): void {
    this.store.audit({ actor: actorLabel(actor), actorName: actor.name, action, subject, details });
  }

  /** A clerk of the committee starts a list (state draft). */
  createList(actor: UserActor, input: Omit<NewList, 'createdBy'>): ListRow {
    const clerkOf = actor.memberships.some(
      (m) => m.role === 'clerk' && m.organisationId === input.committeeId,
    );
    if (!clerkOf) throw new WorkflowForbidden('only a clerk of the committee may start its question list');
    const list = this.store.workflow.createList({ ...input, createdBy: actor.id });
    this.audit(actor, 'list.created', `list:${list.id}`, { title: list.title, deadline: list.deadline });
    return list;
  }

  /** A question added while the list is a draft; numbering stays continuous. */
  addQuestion(
    actor: UserActor,
    listId: number,
    text: string,
    section: string | null,
    at?: number,
  ): QuestionRow {
    const { list, roles } = this.visibleList(actor, listId);
    if (!roles.includes('clerk')) {
      throw new WorkflowForbidden('only a clerk of the committee may change its questions');
    }
    if (list.state !== 'draft') {
      throw new TransitionError(
        'illegal',
        list.state,
        'add-question',
        `the question list is ${list.state}: questions can only be added to a draft`,
      );
    }
    const question = this.store.workflow.addQuestion(listId, text, section, at);
    this.audit(actor, 'list.question_added', `list:${listId}`, { number: question.number });
    return question;
  }

  /** A list event (send, withdraw, assemble, approve-letter, send-letter, …) by the actor's roles. */
  listEvent(actor: UserActor, listId: number, event: string): ListRow {
    const { list, roles } = this.visibleList(actor, listId);
    if (event === 'send' && this.store.workflow.questions(listId).length === 0) {
      throw new TransitionError(
        'illegal',
        list.state,
        event,
        'a question list without questions cannot be sent',
      );
    }
    const to = transition(LIST_MACHINE, list.state, event, roles);
    const changed = this.store.workflow.setListState(listId, list.state, to);
    this.audit(actor, `list.${event.replace(/-/g, '_')}`, `list:${listId}`, { from: list.state, to });
    return changed;
  }

  private questionOnList(
    actor: UserActor,
    questionId: number,
  ): { question: QuestionRow; list: ListRow; roles: Role[] } {
    const question = this.store.workflow.question(questionId);
    return { question, ...this.visibleList(actor, question.listId) };
  }

  /** The coordinator hands a question to a drafter (again, when it had one); the list is taken up. */
  assign(actor: UserActor, questionId: number, assignment: Assignment): QuestionRow {
    const { question, list, roles } = this.questionOnList(actor, questionId);
    if (list.state === 'sent' && roles.includes('coordinator')) {
      this.store.workflow.setListState(
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
    const changed = this.store.workflow.setQuestionState(questionId, question.state, to, assignment);
    this.audit(actor, `answer.${event}ed`, `question:${questionId}`, { ...assignment });
    return changed;
  }

  /** The assigned drafter saves a version of the answer, from the version they started with. */
  saveAnswer(actor: UserActor, questionId: number, baseVersion: number, text: string): QuestionRow {
    const { question, roles } = this.questionOnList(actor, questionId);
    const mine: MachineActor[] =
      question.assigneeId === actor.id ? roles : roles.filter((r) => r !== 'drafter');
    const to = transition(ANSWER_MACHINE, question.state, 'save', mine);
    const saved = this.store.workflow.saveAnswer(questionId, baseVersion, text, actor.id, {
      from: question.state,
      to,
    });
    this.audit(actor, 'answer.saved', `question:${questionId}`, { version: saved.answerVersion });
    return saved;
  }

  /**
   * A postponement notice (Mededeling uitstel antwoord) for written questions: the coordinator moves
   * the deadline by another term (three weeks by default), counted from the deadline it had.
   */
  postpone(
    actor: UserActor,
    listId: number,
    calendar: DeadlineCalendar,
    term: Term = WRITTEN_QUESTIONS_TERM,
  ): ListRow {
    const { list, roles } = this.visibleList(actor, listId);
    if (!roles.includes('coordinator')) {
      throw new WorkflowForbidden('only a coordinator of the ministry may postpone the answer');
    }
    if (
      !['sent', 'in-progress', 'answers-approved', 'letter-assembled'].includes(list.state) ||
      !list.deadline
    ) {
      throw new TransitionError(
        'illegal',
        list.state,
        'postpone',
        `the question list is ${list.state}${list.deadline ? '' : ' without a deadline'}: it cannot be postponed`,
      );
    }
    const moved = this.store.workflow.setDeadline(listId, deadline(list.deadline, term, calendar));
    this.audit(actor, 'list.postponed', `list:${listId}`, { from: list.deadline, to: moved.deadline });
    return moved;
  }

  /**
   * What is on the actor's desk, soonest due first: a drafter's own questions; for a coordinator, every
   * open question of the lists addressed to their ministry.
   */
  dueItems(actor: UserActor, today: string, calendar: DeadlineCalendar): DueItem[] {
    const ministries = actor.memberships.filter((m) => m.role === 'coordinator').map((m) => m.organisationId);
    const rows =
      ministries.length > 0
        ? this.store.workflow.openQuestions({ ministryIds: ministries })
        : this.store.workflow.openQuestions({ assigneeId: actor.id });
    return rows.map(({ question, list }) => {
      const due = question.internalDeadline ?? list.deadline;
      return { question, list, due, state: due ? dueState(due, today, calendar) : null };
    });
  }

  /** Submit, approve, return or decline an answer; approving the last one approves the list's answers. */
  answerEvent(
    actor: UserActor,
    questionId: number,
    event: string,
    comment: string | null = null,
  ): QuestionRow {
    const { question, list, roles } = this.questionOnList(actor, questionId);
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
    const changed =
      event === 'decline'
        ? this.store.workflow.setQuestionState(questionId, question.state, to, {
            assigneeId: null,
            directorateId: null,
            internalDeadline: null,
          })
        : this.store.workflow.setQuestionState(questionId, question.state, to);
    this.audit(actor, `answer.${event.replace(/-/g, '_')}`, `question:${questionId}`, {
      from: question.state,
      to,
      comment,
    });
    if (event === 'approve' && this.store.workflow.questions(list.id).every((q) => q.state === 'approved')) {
      this.store.workflow.setListState(
        list.id,
        'in-progress',
        transition(LIST_MACHINE, 'in-progress', 'all-approved', ['system']),
      );
      this.store.audit({
        actor: 'system',
        action: 'list.all_approved',
        subject: `list:${list.id}`,
        details: {},
      });
    }
    return changed;
  }
}
