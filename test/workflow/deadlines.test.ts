// Deadline arithmetic over 2026 against dates checked by hand on a calendar (2026 starts on a Thursday).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addDays,
  CLOSED_DAYS_NL,
  closedReason,
  type DeadlineCalendar,
  deadline,
  dueState,
  holidaysOf,
  isWorkingDay,
  WRITTEN_QUESTIONS_TERM,
  workingDaysBetween,
} from '../../src/workflow/deadlines.js';

// Recesses as the Tweede Kamer sets them (dates for the test, in the usual places).
const calendar: DeadlineCalendar = {
  recesses: [
    { name: 'zomerreces', from: '2026-07-03', to: '2026-08-31' },
    { name: 'kerstreces', from: '2026-12-18', to: '2027-01-11' },
  ],
  closedDays: CLOSED_DAYS_NL,
};
const threeWeeks = WRITTEN_QUESTIONS_TERM;

describe('holidays (Algemene termijnenwet)', () => {
  test('2026: the public holidays, Goede Vrijdag and 5 mei', () => {
    const days = holidaysOf(2026);
    for (const [date, name] of [
      ['2026-01-01', 'Nieuwjaar'],
      ['2026-04-03', 'Goede Vrijdag'],
      ['2026-04-06', 'Tweede paasdag'],
      ['2026-04-27', 'Koningsdag'],
      ['2026-05-05', 'Bevrijdingsdag'],
      ['2026-05-14', 'Hemelvaartsdag'],
      ['2026-05-25', 'Tweede pinksterdag'],
      ['2026-12-25', 'Kerstmis'],
      ['2026-12-26', 'Tweede kerstdag'],
    ])
      assert.equal(days.get(date!), name, date);
    // Observances are no holidays: Dodenherdenking, Prinsjesdag, Koninkrijksdag, Oudejaarsavond (all weekdays in 2026).
    for (const date of ['2026-05-04', '2026-09-15', '2026-12-15', '2026-12-31'])
      assert.equal(isWorkingDay(date, calendar), true, date);
  });

  test('Koningsdag moves to Saturday 26 April when the 27th is a Sunday (2025)', () => {
    assert.equal(holidaysOf(2025).get('2025-04-26'), 'Koningsdag');
    assert.equal(holidaysOf(2025).has('2025-04-27'), false);
  });

  test('why a day is closed', () => {
    assert.equal(closedReason('2026-01-03', calendar), 'zaterdag');
    assert.equal(closedReason('2026-01-04', calendar), 'zondag');
    assert.equal(closedReason('2026-01-02', calendar), 'gelijkgestelde dag');
    assert.equal(closedReason('2026-05-15', calendar), 'gelijkgestelde dag');
    assert.equal(closedReason('2026-04-27', calendar), 'Koningsdag');
    assert.equal(closedReason('2026-04-28', calendar), null);
  });

  test('2026 has 251 working days (365 − 104 weekend days − 8 weekday holidays − 2 declared days)', () => {
    assert.equal(workingDaysBetween('2025-12-31', '2026-12-31', calendar), 251);
    assert.equal(workingDaysBetween('2026-12-31', '2025-12-31', calendar), -251);
  });
});

describe('terms', () => {
  const cases: [string, string, string, string][] = [
    // [received, term, expected, why]
    ['2026-04-08', '3 weeks', '2026-04-29', 'a plain Wednesday'],
    ['2026-04-06', '3 weeks', '2026-04-28', 'ends on Koningsdag (Mon 27 April): Tuesday'],
    ['2026-04-14', '3 weeks', '2026-05-06', 'ends on Bevrijdingsdag (Tue 5 May): Wednesday'],
    [
      '2026-04-23',
      '3 weeks',
      '2026-05-18',
      'ends on Hemelvaartsdag; the Friday is declared closed; then the weekend',
    ],
    [
      '2026-12-04',
      '3 weeks',
      '2026-12-28',
      'ends on Kerstmis (Fri): Saturday is Tweede kerstdag, then Sunday',
    ],
    ['2025-12-12', '3 weeks', '2026-01-05', 'ends on Friday 2 January, declared closed: Monday'],
    ['2026-04-01', '5 working days', '2026-04-10', 'Goede Vrijdag and Tweede paasdag do not count'],
    ['2026-04-24', '10 working days', '2026-05-12', 'Koningsdag and Bevrijdingsdag do not count'],
    ['2026-12-23', '3 working days', '2026-12-29', 'both Kerstdagen and the weekend do not count'],
    ['2026-06-24', '3 weeks', '2026-07-15', 'the summer recess does not stop a term that runs on'],
    [
      '2026-06-24',
      '3 weeks, paused',
      '2026-09-14',
      '8 days before the recess, 13 after it: Sun 13 Sept → Monday',
    ],
    [
      '2026-12-15',
      '5 working days, paused',
      '2027-01-14',
      'two days before the Christmas recess, three after',
    ],
  ];
  for (const [start, term, expected, why] of cases) {
    test(`${start} + ${term} = ${expected} (${why})`, () => {
      const m = /^(\d+) (weeks|working days)(, paused)?$/.exec(term)!;
      const rule = {
        amount: Number(m[1]),
        unit: m[2] === 'weeks' ? ('weeks' as const) : ('working-days' as const),
        recess: m[3] ? ('paused' as const) : ('runs' as const),
      };
      assert.equal(deadline(start, rule, calendar), expected);
    });
  }

  test('every day of 2026: three weeks end on a working day, at most four days after the 21st', () => {
    for (let day = '2026-01-01'; day <= '2026-12-31'; day = addDays(day, 1)) {
      const due = deadline(day, threeWeeks, calendar);
      const plain = addDays(day, 21);
      assert.ok(isWorkingDay(due, calendar), `${day} → ${due}`);
      assert.ok(due >= plain && due <= addDays(plain, 4), `${day} → ${due}`);
      // And it is the first working day from the 21st on.
      for (let d = plain; d < due; d = addDays(d, 1))
        assert.equal(isWorkingDay(d, calendar), false, `${day}: ${d}`);
    }
  });

  test('a postponement (Mededeling uitstel) adds three weeks to the deadline', () => {
    const first = deadline('2026-04-08', threeWeeks, calendar);
    assert.equal(deadline(first, threeWeeks, calendar), '2026-05-20');
  });

  test('bad dates and terms are errors, not wrong answers', () => {
    assert.throws(() => deadline('2026-02-30', threeWeeks, calendar), /no such date/);
    assert.throws(() => deadline('30-01-2026', threeWeeks, calendar), /not an ISO date/);
    assert.throws(() => deadline('2026-01-01', { ...threeWeeks, amount: -1 }, calendar), /whole number/);
  });
});

describe('due states', () => {
  test('overdue, due today, due soon within three working days, on time', () => {
    assert.equal(dueState('2026-04-29', '2026-04-30', calendar), 'overdue');
    assert.equal(dueState('2026-04-29', '2026-04-29', calendar), 'due-today');
    // Fri 24 April to Wed 29 April: Mon 27 is Koningsdag, so 2 working days.
    assert.equal(dueState('2026-04-29', '2026-04-24', calendar), 'due-soon');
    assert.equal(dueState('2026-04-29', '2026-04-20', calendar), 'on-time');
  });
});
