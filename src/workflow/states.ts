// The workflow's states as explicit state machines: a question list (the committee's side and the
// ministry's letter) and each answer (the drafting side). Pure data and functions: who may make a
// transition is a role check here; the policy layer adds the organisation, and the audit log records it.
import type { Role } from '../auth/actor.js';

export type ListState =
  | 'draft' // the clerk composes
  | 'sent' // sent to the ministry, not yet taken up
  | 'in-progress' // the coordinator assigns and answers are drafted
  | 'answers-approved' // every answer approved
  | 'letter-assembled' // the coordinator assembled the answer letter
  | 'letter-approved' // the minister's office approved the letter
  | 'published' // sent: the publication is made, the embargo lifts
  | 'withdrawn';

export type AnswerState =
  | 'unassigned'
  | 'assigned' // with a drafter, not yet started
  | 'drafting'
  | 'submitted' // waiting for review
  | 'returned' // back to the drafter, with a comment
  | 'approved'
  | 'published';

/** Who acts: the roles of src/auth/actor.ts, plus 'system' for what the application does itself. */
export type Actor = Role | 'system';

export interface Transition<S extends string> {
  from: S;
  event: string;
  to: S;
  /** Who may make it. */
  by: readonly Actor[];
}

export interface Machine<S extends string> {
  name: string;
  initial: S;
  final: readonly S[];
  transitions: readonly Transition<S>[];
}

export const LIST_MACHINE: Machine<ListState> = {
  name: 'question list',
  initial: 'draft',
  final: ['published', 'withdrawn'],
  transitions: [
    { from: 'draft', event: 'send', to: 'sent', by: ['clerk'] },
    { from: 'draft', event: 'withdraw', to: 'withdrawn', by: ['clerk'] },
    { from: 'sent', event: 'take-up', to: 'in-progress', by: ['coordinator', 'system'] },
    { from: 'sent', event: 'withdraw', to: 'withdrawn', by: ['clerk'] },
    { from: 'in-progress', event: 'all-approved', to: 'answers-approved', by: ['system'] },
    { from: 'in-progress', event: 'withdraw', to: 'withdrawn', by: ['clerk'] },
    { from: 'answers-approved', event: 'reopen', to: 'in-progress', by: ['coordinator', 'system'] },
    { from: 'answers-approved', event: 'assemble', to: 'letter-assembled', by: ['coordinator'] },
    { from: 'letter-assembled', event: 'reopen', to: 'in-progress', by: ['coordinator'] },
    { from: 'letter-assembled', event: 'approve-letter', to: 'letter-approved', by: ['approver'] },
    { from: 'letter-assembled', event: 'return-letter', to: 'answers-approved', by: ['approver'] },
    { from: 'letter-approved', event: 'send-letter', to: 'published', by: ['coordinator'] },
  ],
};

export const ANSWER_MACHINE: Machine<AnswerState> = {
  name: 'answer',
  initial: 'unassigned',
  final: ['published'],
  transitions: [
    { from: 'unassigned', event: 'assign', to: 'assigned', by: ['coordinator'] },
    { from: 'assigned', event: 'reassign', to: 'assigned', by: ['coordinator'] },
    { from: 'assigned', event: 'decline', to: 'unassigned', by: ['drafter'] },
    { from: 'assigned', event: 'save', to: 'drafting', by: ['drafter'] },
    { from: 'drafting', event: 'save', to: 'drafting', by: ['drafter'] },
    { from: 'drafting', event: 'submit', to: 'submitted', by: ['drafter'] },
    { from: 'drafting', event: 'reassign', to: 'assigned', by: ['coordinator'] },
    // The reviewer may edit the answer under review (a new version) before approving it.
    { from: 'submitted', event: 'save', to: 'submitted', by: ['approver'] },
    { from: 'submitted', event: 'approve', to: 'approved', by: ['approver'] },
    { from: 'submitted', event: 'return', to: 'returned', by: ['approver'] },
    { from: 'returned', event: 'save', to: 'drafting', by: ['drafter'] },
    { from: 'returned', event: 'reassign', to: 'assigned', by: ['coordinator'] },
    // One answer serving several questions: this one is answered with another's ("Zie het antwoord op vraag N").
    { from: 'unassigned', event: 'group', to: 'approved', by: ['coordinator'] },
    { from: 'assigned', event: 'group', to: 'approved', by: ['coordinator'] },
    { from: 'drafting', event: 'group', to: 'approved', by: ['coordinator'] },
    { from: 'returned', event: 'group', to: 'approved', by: ['coordinator'] },
    { from: 'approved', event: 'reopen', to: 'drafting', by: ['coordinator', 'approver'] },
    { from: 'approved', event: 'publish', to: 'published', by: ['system'] },
  ],
};

/** Why a transition cannot be made: no such event from this state (409), or not by this actor (403). */
export class TransitionError extends Error {
  override readonly name = 'TransitionError';
  constructor(
    readonly kind: 'illegal' | 'forbidden',
    readonly state: string,
    readonly event: string,
    message: string,
  ) {
    super(message);
  }
}

/** The events that can be made from a state, by any actor. */
export function eventsFrom<S extends string>(machine: Machine<S>, state: S): string[] {
  return [...new Set(machine.transitions.filter((t) => t.from === state).map((t) => t.event))];
}

/**
 * The state after `event` from `state`, when one of `actors` may make it. Throws TransitionError,
 * naming the current state and what can be done from it.
 */
export function transition<S extends string>(
  machine: Machine<S>,
  state: S,
  event: string,
  actors: readonly Actor[],
): S {
  const candidates = machine.transitions.filter((t) => t.from === state && t.event === event);
  if (candidates.length === 0) {
    const possible = eventsFrom(machine, state);
    throw new TransitionError(
      'illegal',
      state,
      event,
      `the ${machine.name} is ${state}: '${event}' is not possible now` +
        (possible.length > 0 ? ` (possible: ${possible.join(', ')})` : ' (it is final)'),
    );
  }
  const allowed = candidates.find((t) => t.by.some((a) => actors.includes(a)));
  if (!allowed) {
    const who = [...new Set(candidates.flatMap((t) => t.by))].join(' or ');
    throw new TransitionError(
      'forbidden',
      state,
      event,
      `only a ${who} may ${event} a ${state} ${machine.name}`,
    );
  }
  return allowed.to;
}

/** Problems with a machine's graph: states that cannot be reached, or that can never reach a final state. */
export function validateMachine<S extends string>(machine: Machine<S>): string[] {
  const states = new Set<S>([machine.initial, ...machine.final]);
  for (const t of machine.transitions) {
    states.add(t.from);
    states.add(t.to);
  }
  const problems: string[] = [];
  const reachable = new Set<S>([machine.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of machine.transitions) {
      if (reachable.has(t.from) && !reachable.has(t.to)) {
        reachable.add(t.to);
        grew = true;
      }
    }
  }
  const ending = new Set<S>(machine.final);
  for (let grew = true; grew; ) {
    grew = false;
    for (const t of machine.transitions) {
      if (ending.has(t.to) && !ending.has(t.from)) {
        ending.add(t.from);
        grew = true;
      }
    }
  }
  for (const s of states) {
    if (!reachable.has(s)) problems.push(`${machine.name}: ${s} cannot be reached from ${machine.initial}`);
    if (!ending.has(s)) problems.push(`${machine.name}: ${s} can never reach a final state`);
  }
  for (const f of machine.final) {
    if (machine.transitions.some((t) => t.from === f))
      problems.push(`${machine.name}: final ${f} has a way out`);
  }
  return problems;
}
