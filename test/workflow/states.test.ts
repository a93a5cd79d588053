// The workflow's state machines: every state reachable and able to end; transitions guarded by role;
// an illegal one names the current state.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ANSWER_MACHINE,
  type AnswerState,
  eventsFrom,
  LIST_MACHINE,
  type Machine,
  TransitionError,
  transition,
  validateMachine,
} from '../../src/workflow/states.js';

test('both machines: every state reachable from the start and able to reach an end; ends are final', () => {
  assert.deepEqual(validateMachine(LIST_MACHINE), []);
  assert.deepEqual(validateMachine(ANSWER_MACHINE), []);
});

test('the validator finds a dead end and an unreachable state', () => {
  const broken: Machine<'a' | 'b' | 'c' | 'd'> = {
    name: 'test',
    initial: 'a',
    final: ['c'],
    transitions: [
      { from: 'a', event: 'go', to: 'b', by: ['clerk'] },
      { from: 'd', event: 'go', to: 'c', by: ['clerk'] },
    ],
  };
  assert.deepEqual(validateMachine(broken), [
    'test: a can never reach a final state',
    'test: c cannot be reached from a',
    'test: b can never reach a final state',
    'test: d cannot be reached from a',
  ]);
});

test("an answer's whole life, with a return, by the roles that may act", () => {
  let state: AnswerState = ANSWER_MACHINE.initial;
  const steps: [string, 'coordinator' | 'drafter' | 'approver' | 'system'][] = [
    ['assign', 'coordinator'],
    ['save', 'drafter'],
    ['submit', 'drafter'],
    ['return', 'approver'],
    ['save', 'drafter'],
    ['submit', 'drafter'],
    ['approve', 'approver'],
    ['publish', 'system'],
  ];
  const seen: AnswerState[] = [];
  for (const [event, actor] of steps) {
    state = transition(ANSWER_MACHINE, state, event, [actor]);
    seen.push(state);
  }
  assert.deepEqual(seen, [
    'assigned',
    'drafting',
    'submitted',
    'returned',
    'drafting',
    'submitted',
    'approved',
    'published',
  ]);
  assert.deepEqual(eventsFrom(ANSWER_MACHINE, 'published'), []);
});

test('an illegal transition names the current state and what is possible; a wrong actor is forbidden', () => {
  assert.throws(
    () => transition(ANSWER_MACHINE, 'submitted', 'submit', ['drafter']),
    (e: unknown) =>
      e instanceof TransitionError &&
      e.kind === 'illegal' &&
      e.state === 'submitted' &&
      e.message === "the answer is submitted: 'submit' is not possible now (possible: save, approve, return)",
  );
  assert.throws(
    () => transition(ANSWER_MACHINE, 'submitted', 'approve', ['drafter']),
    (e: unknown) =>
      e instanceof TransitionError && e.kind === 'forbidden' && /only a approver may approve/.test(e.message),
  );
  assert.throws(
    () => transition(LIST_MACHINE, 'published', 'withdraw', ['clerk']),
    (e: unknown) =>
      e instanceof TransitionError &&
      /is published: 'withdraw' is not possible now \(it is final\)/.test(e.message),
  );
  // A drafter cannot send a list, a clerk cannot approve the letter.
  assert.throws(() => transition(LIST_MACHINE, 'draft', 'send', ['drafter']), TransitionError);
  assert.throws(
    () => transition(LIST_MACHINE, 'letter-assembled', 'approve-letter', ['clerk']),
    TransitionError,
  );
  assert.equal(
    transition(LIST_MACHINE, 'letter-assembled', 'approve-letter', ['approver']),
    'letter-approved',
  );
});
