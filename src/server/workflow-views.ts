// What the API shows of a question list and its questions: names instead of bare ids, the documents
// asked about looked up in the archive, how the deadline stands, and what the asking person may do now.
import type { Role, UserActor } from '../auth/actor.js';
import type { Store } from '../store/store.js';
import type { ListRow, QuestionRow } from '../store/workflow.js';
import { type DeadlineCalendar, dueState, today } from '../workflow/deadlines.js';
import { eventsFor, postponable } from '../workflow/service.js';
import { ANSWER_MACHINE, LIST_MACHINE, type Actor as MachineActor } from '../workflow/states.js';

type Named = { id: number; name: string } | null;

/** Names of organisations and people, each looked up once per request. */
export class Names {
  // Promises, so that lookups made at once (a list's questions shown together) share one query.
  private organisations: Promise<Map<number, string>> | null = null;
  private readonly people = new Map<number, Promise<string | null>>();
  constructor(private readonly store: Store) {}

  async organisation(id: number | null): Promise<Named> {
    if (id === null) return null;
    this.organisations ??= this.store.accounts
      .organisations()
      .then((all) => new Map(all.map((o) => [o.id, o.name])));
    const name = (await this.organisations).get(id);
    return name === undefined ? null : { id, name };
  }

  async personName(id: number | null): Promise<string | null> {
    if (id === null) return null;
    let name = this.people.get(id);
    if (!name) {
      name = this.store.accounts.userById(id).then((u) => u?.name ?? null);
      this.people.set(id, name);
    }
    return name;
  }

  async person(id: number | null): Promise<Named> {
    const name = await this.personName(id);
    return id === null || name === null ? null : { id, name };
  }
}

/** Question id → its number on the list: how `answeredWith` is shown. */
export function numbersOf(questions: readonly QuestionRow[]): ReadonlyMap<number, number> {
  return new Map(questions.map((q) => [q.id, q.number]));
}

/** A question as the API shows it; `roles` are the actor's on its list. */
export async function questionView(
  q: QuestionRow,
  actor: UserActor,
  roles: readonly Role[],
  names: Names,
  numbers: ReadonlyMap<number, number>,
) {
  // Saving, submitting and declining are the assigned drafter's own.
  const acting: MachineActor[] = roles.filter((r) => r !== 'drafter' || q.assigneeId === actor.id);
  return {
    id: q.id,
    listId: q.listId,
    number: q.number,
    section: q.section,
    text: q.text,
    state: q.state,
    assignee: await names.person(q.assigneeId),
    directorate: await names.organisation(q.directorateId),
    internalDeadline: q.internalDeadline,
    answer: q.answer,
    answerVersion: q.answerVersion,
    answeredWith: q.answeredWith === null ? null : (numbers.get(q.answeredWith) ?? null),
    lastComment: q.lastComment,
    events: eventsFor(ANSWER_MACHINE, q.state, acting).filter((e) => e !== 'publish'),
    updatedAt: q.updatedAt,
  };
}

/** Several questions of one list as the API shows them, in their order. */
export async function questionViews(
  questions: readonly QuestionRow[],
  actor: UserActor,
  roles: readonly Role[],
  names: Names,
  numbers: ReadonlyMap<number, number>,
) {
  return Promise.all(questions.map((q) => questionView(q, actor, roles, names, numbers)));
}

export async function listView(
  store: Store,
  list: ListRow,
  actor: UserActor,
  roles: readonly Role[],
  names: Names,
  calendar: DeadlineCalendar,
  questions: readonly QuestionRow[] | null,
  /** The list's questions when the caller has read them already (counted, not shown). */
  known: readonly QuestionRow[] | null = null,
) {
  const all = questions ?? known ?? (await store.workflow.questions(list.id));
  const counts: Record<string, number> = {};
  for (const q of all) counts[q.state] = (counts[q.state] ?? 0) + 1;
  const found = list.documents.length
    ? (await store.listPublications({ ids: list.documents, limit: list.documents.length, offset: 0 })).items
    : [];
  const titles = new Map(found.map((p) => [p.id, p.title]));
  const open = !['published', 'withdrawn', 'draft'].includes(list.state);
  const numbers = numbersOf(all);
  return {
    id: list.id,
    kind: list.kind,
    title: list.title,
    committee: await names.organisation(list.committeeId),
    ministry: await names.organisation(list.ministryId),
    addressees: list.addressees,
    askers: list.askers,
    answeredBy: list.answeredBy,
    submittedOn: list.submittedOn,
    documents: list.documents.map((id) => ({ id, title: titles.get(id) ?? null, inArchive: titles.has(id) })),
    scope: list.scope,
    deadline: list.deadline,
    due: open && list.deadline ? dueState(list.deadline, today(), calendar) : null,
    state: list.state,
    version: list.version,
    letterDate: list.letterDate,
    publicationId: list.publicationId,
    sentAt: list.sentAt,
    createdAt: list.createdAt,
    updatedAt: list.updatedAt,
    roles: [...roles],
    // The machine's events, and postponing (a change of the deadline, not of the state).
    events: [
      ...eventsFor(LIST_MACHINE, list.state, roles),
      ...(roles.includes('coordinator') && postponable(list) ? ['postpone'] : []),
    ],
    counts,
    ...(questions ? { questions: await questionViews(questions, actor, roles, names, numbers) } : {}),
  };
}
