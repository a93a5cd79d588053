// Which deadline reminders and overdue notices are due today. Pure: open questions, today, the deadline
// calendar and the configured moments in; reminders out. Each names its moment (the due date and how
// many working days before it), the unique key in the store, so running this any number of times a day,
// in any number of processes, makes each reminder once; and a postponement (a new due date) starts the
// reminders afresh.
//
// The rules:
// - nothing on a closed day (weekend, holiday): what falls due then comes on the next working day;
// - a question's due date is its internal deadline when the coordinator set one, else the list's;
// - with W working days left (workingDaysBetween today and the due date), the reminder due is that of
//   the smallest moment M >= W; when its moment already passed unseen (a late assignment, a server that
//   was down) it still comes, once, but an earlier moment is never made up for as well;
// - reminders go to the drafter while the answer lies with them (assigned, drafting, returned), to the
//   coordinators while the question is unassigned, and to no one while it waits for review;
// - once the due date has passed (dueState 'overdue'), one overdue notice per due date goes to the
//   drafter (when the answer lies with them) and to the coordinators of the list's ministry.
import { type DeadlineCalendar, dueState, isWorkingDay, workingDaysBetween } from '../workflow/deadlines.js';
import type { AnswerState } from '../workflow/states.js';

export interface OpenQuestion {
  question: {
    id: number;
    number: number;
    text: string;
    state: AnswerState;
    assigneeId: number | null;
    internalDeadline: string | null;
  };
  list: { id: number; title: string; deadline: string | null; ministryId: number | null };
}

export interface Reminder {
  kind: 'deadline-approaching' | 'overdue';
  userIds: number[];
  question: OpenQuestion['question'];
  list: OpenQuestion['list'];
  due: string;
  /** Working days from today to the due date; negative once it has passed. */
  workingDaysLeft: number;
  /** '2026-06-04/5d' (five working days before), '2026-06-04/overdue': the reminder's unique key. */
  moment: string;
}

/** Moments as given, checked: whole numbers of working days from 0 to 60, most first, each once. */
export function checkMoments(moments: readonly number[]): number[] {
  for (const m of moments) {
    if (!Number.isInteger(m) || m < 0 || m > 60) {
      throw new RangeError(`a reminder moment is a whole number of working days from 0 to 60, not ${m}`);
    }
  }
  return [...new Set(moments)].sort((a, b) => b - a);
}

/** The answer lies with its drafter: they are the one to act. */
const WITH_DRAFTER: ReadonlySet<AnswerState> = new Set(['assigned', 'drafting', 'returned']);

export function dueReminders(
  open: readonly OpenQuestion[],
  today: string,
  calendar: DeadlineCalendar,
  moments: readonly number[],
  /** Coordinators by ministry id. */
  coordinators: ReadonlyMap<number, readonly number[]>,
): Reminder[] {
  const checked = checkMoments(moments);
  if (!isWorkingDay(today, calendar)) return [];
  const out: Reminder[] = [];
  for (const { question, list } of open) {
    const due = question.internalDeadline ?? list.deadline;
    if (!due) continue;
    const drafter =
      question.assigneeId !== null && WITH_DRAFTER.has(question.state) ? [question.assigneeId] : [];
    const coordinatorIds = list.ministryId === null ? [] : [...(coordinators.get(list.ministryId) ?? [])];
    const left = workingDaysBetween(today, due, calendar);
    const base = { question, list, due, workingDaysLeft: left };
    if (dueState(due, today, calendar) === 'overdue') {
      const userIds = [...new Set([...drafter, ...coordinatorIds])];
      if (userIds.length) out.push({ ...base, kind: 'overdue', userIds, moment: `${due}/overdue` });
      continue;
    }
    // Moments are sorted most first: the last one still >= left is the smallest that applies.
    const moment = checked.filter((m) => m >= left).at(-1);
    if (moment === undefined) continue;
    const userIds = question.state === 'unassigned' ? coordinatorIds : drafter;
    if (userIds.length) {
      out.push({ ...base, kind: 'deadline-approaching', userIds, moment: `${due}/${moment}d` });
    }
  }
  return out;
}
