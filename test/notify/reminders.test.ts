// Which reminders are due when, worked out by hand on the 2026 calendar: Koningsdag (Monday 27 April)
// and the weekend before it, Bevrijdingsdag (Tuesday 5 May, a holiday every year under the Algemene
// termijnenwet), late assignments and postponements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMoments, dueReminders, type OpenQuestion } from '../../src/notify/reminders.js';
import { CLOSED_DAYS_NL, type DeadlineCalendar } from '../../src/workflow/deadlines.js';
import type { AnswerState } from '../../src/workflow/states.js';

const calendar: DeadlineCalendar = { recesses: [], closedDays: CLOSED_DAYS_NL };
const MINISTRY = 10;
const coordinators = new Map([[MINISTRY, [100, 101]]]);
const ANNE = 7;

function open(
  id: number,
  due: { internal?: string | null; list?: string | null },
  state: AnswerState = 'drafting',
  assigneeId: number | null = ANNE,
): OpenQuestion {
  return {
    question: {
      id,
      number: id,
      text: `Vraag ${id}?`,
      state,
      assigneeId,
      internalDeadline: due.internal ?? null,
    },
    list: { id: 1, title: 'Jaarverslag 2025', deadline: due.list ?? null, ministryId: MINISTRY },
  };
}

const brief = (today: string, qs: OpenQuestion[], moments = [5, 2, 0]) =>
  dueReminders(qs, today, calendar, moments, coordinators).map((r) => ({
    kind: r.kind,
    to: r.userIds,
    left: r.workingDaysLeft,
    moment: r.moment,
  }));

test('a deadline on Wednesday 29 April 2026, across the weekend and Koningsdag, with moments 5, 2 and 0', () => {
  const q = [open(1, { list: '2026-04-29' })];
  const expected: Record<string, { kind: string; left: number; moment: string } | null> = {
    // Six working days left: 21, 22, 23, 24, 28, 29 April; 27 April is Koningsdag.
    '2026-04-20': null,
    // Five left: the five-day reminder, a day later than without Koningsdag.
    '2026-04-21': { kind: 'deadline-approaching', left: 5, moment: '2026-04-29/5d' },
    // Four and three left: still the five-day moment (the same key, so nothing new).
    '2026-04-22': { kind: 'deadline-approaching', left: 4, moment: '2026-04-29/5d' },
    '2026-04-23': { kind: 'deadline-approaching', left: 3, moment: '2026-04-29/5d' },
    // Friday 24 April: two left (28 and 29), because Monday is Koningsdag.
    '2026-04-24': { kind: 'deadline-approaching', left: 2, moment: '2026-04-29/2d' },
    // Saturday, Sunday and Koningsdag: no notices on closed days at all.
    '2026-04-25': null,
    '2026-04-26': null,
    '2026-04-27': null,
    '2026-04-28': { kind: 'deadline-approaching', left: 1, moment: '2026-04-29/2d' },
    '2026-04-29': { kind: 'deadline-approaching', left: 0, moment: '2026-04-29/0d' },
    '2026-04-30': { kind: 'overdue', left: -1, moment: '2026-04-29/overdue' },
  };
  const keys = new Set<string>();
  const firstMade: string[] = [];
  for (const [today, want] of Object.entries(expected)) {
    const got = brief(today, q);
    assert.deepEqual(
      got,
      want ? [{ ...want, to: want.kind === 'overdue' ? [ANNE, 100, 101] : [ANNE] }] : [],
      today,
    );
    // What the store's unique key does: each moment is made on the first day it comes up.
    for (const r of got)
      if (!keys.has(r.moment) && keys.add(r.moment)) firstMade.push(`${today} ${r.moment}`);
  }
  assert.deepEqual(firstMade, [
    '2026-04-21 2026-04-29/5d',
    '2026-04-24 2026-04-29/2d',
    '2026-04-29 2026-04-29/0d',
    '2026-04-30 2026-04-29/overdue',
  ]);
});

test('overdue on a Friday deadline comes on Monday, not over the weekend; Bevrijdingsdag is closed too', () => {
  const q = [open(1, { list: '2026-05-01' })];
  assert.deepEqual(brief('2026-05-02', q), []);
  assert.deepEqual(brief('2026-05-03', q), []);
  assert.deepEqual(brief('2026-05-04', q), [
    { kind: 'overdue', to: [ANNE, 100, 101], left: -1, moment: '2026-05-01/overdue' },
  ]);
  assert.deepEqual(brief('2026-05-05', q), [], 'Bevrijdingsdag 2026');
  assert.equal(brief('2026-05-06', q)[0]?.moment, '2026-05-01/overdue');
});

test('the internal deadline counts before the list one; a question without a deadline has no reminders', () => {
  const q = [open(1, { internal: '2026-04-29', list: '2026-06-04' }), open(2, {})];
  assert.deepEqual(brief('2026-04-21', q), [
    { kind: 'deadline-approaching', to: [ANNE], left: 5, moment: '2026-04-29/5d' },
  ]);
});

test('a late assignment gets the reminder of the moment it is in, once, not the ones it missed', () => {
  // Assigned on Tuesday 28 April, one working day before: the two-day reminder, not the five-day one too.
  assert.deepEqual(brief('2026-04-28', [open(1, { list: '2026-04-29' })]), [
    { kind: 'deadline-approaching', to: [ANNE], left: 1, moment: '2026-04-29/2d' },
  ]);
  // With only a five-day moment, a question with a day left still gets that one reminder.
  assert.deepEqual(brief('2026-04-28', [open(1, { list: '2026-04-29' })], [5]), [
    { kind: 'deadline-approaching', to: [ANNE], left: 1, moment: '2026-04-29/5d' },
  ]);
  assert.deepEqual(brief('2026-04-28', [open(1, { list: '2026-04-29' })], []), []);
});

test('who is reminded: the drafter while the answer is with them, the coordinators while unassigned', () => {
  const today = '2026-04-28';
  const due = { list: '2026-04-29' };
  for (const state of ['assigned', 'drafting', 'returned'] as const) {
    assert.deepEqual(brief(today, [open(1, due, state)])[0]?.to, [ANNE], state);
  }
  assert.deepEqual(brief(today, [open(1, due, 'unassigned', null)])[0]?.to, [100, 101]);
  // Waiting for review: no reminder to the drafter (the approver acts); overdue goes to the coordinators.
  assert.deepEqual(brief(today, [open(1, due, 'submitted')]), []);
  assert.deepEqual(brief('2026-04-30', [open(1, due, 'submitted')])[0]?.to, [100, 101]);
  // A list without a ministry has no coordinators: an unassigned question there reminds no one.
  const orphan = open(1, due, 'unassigned', null);
  orphan.list.ministryId = null;
  assert.deepEqual(brief(today, [orphan]), []);
});

test('a postponement (a new due date) starts the reminders afresh', () => {
  const before = brief('2026-04-21', [open(1, { list: '2026-04-29' })]);
  // Postponed by three weeks to 20 May 2026. On Wednesday 13 May three working days are left: 18, 19 and
  // 20 May (Hemelvaartsdag 14 May, the declared Friday 15 May and the weekend are closed).
  const after = brief('2026-05-13', [open(1, { list: '2026-05-20' })]);
  assert.deepEqual(after, [{ kind: 'deadline-approaching', to: [ANNE], left: 3, moment: '2026-05-20/5d' }]);
  assert.notEqual(before[0]?.moment, after[0]?.moment);
});

test('moments are whole working days from 0 to 60; their order and repeats do not matter', () => {
  assert.deepEqual(checkMoments([0, 5, 2, 2]), [5, 2, 0]);
  assert.throws(() => checkMoments([-1]), RangeError);
  assert.throws(() => checkMoments([1.5]), RangeError);
  assert.throws(() => checkMoments([61]), RangeError);
  const q = [open(1, { list: '2026-04-29' })];
  assert.deepEqual(brief('2026-04-24', q, [0, 2, 5, 2]), brief('2026-04-24', q, [5, 2, 0]));
});
