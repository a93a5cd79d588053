// Deadline arithmetic: terms in calendar days, weeks or working days, with the Dutch public holidays and
// the chamber's recesses. Pure: dates are ISO strings (YYYY-MM-DD), read as calendar days, no time zones.
//
// Which days are holidays follows the Algemene termijnenwet, the law that says how legal terms end:
// art. 3(1) names Nieuwjaarsdag, Tweede Paas- and Pinksterdag, both Kerstdagen, Hemelvaartsdag,
// Koningsdag and 5 mei (Bevrijdingsdag, every year, not only each fifth); art. 3(2) adds Goede Vrijdag.
// So both days date-holidays types as "school" count as holidays here. Days the government declares equal
// to a holiday (the Friday after Hemelvaartsdag and the like, by a Besluit gelijkstelling every few
// years) are given as `closedDays`. A term that ends on a Saturday, Sunday or holiday runs to the next
// working day (Algemene termijnenwet art. 1).
import Holidays from 'date-holidays';

export interface Recess {
  name: string;
  /** First and last day, inclusive. */
  from: string;
  to: string;
}

export interface DeadlineCalendar {
  recesses: readonly Recess[];
  /** Days declared equal to a public holiday (Besluit gelijkstelling …), ISO dates. */
  closedDays: readonly string[];
}

export type TermUnit = 'calendar-days' | 'weeks' | 'working-days';

export interface Term {
  amount: number;
  unit: TermUnit;
  /** Whether the term stands still during a recess ('paused') or runs on ('runs'). */
  recess: 'runs' | 'paused';
}

/** Kamervragen: three weeks; a postponement notice (Mededeling uitstel) buys three more. */
export const WRITTEN_QUESTIONS_TERM: Term = { amount: 3, unit: 'weeks', recess: 'runs' };

/** Days declared equal to a holiday by the Besluiten gelijkstelling (Staatscourant), 2023–2028. */
export const CLOSED_DAYS_NL: readonly string[] = [
  '2023-04-28',
  '2023-05-19',
  '2024-05-10',
  '2024-12-27',
  '2025-05-30',
  '2026-01-02',
  '2026-05-15',
  '2027-05-07',
  '2028-04-28',
  '2028-05-26',
];

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date; throws on anything else. */
function dayNumber(date: string): number {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) {
    throw new RangeError(`no such date: ${date}`);
  }
  return ms / DAY_MS;
}

function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date (UTC), as the ISO date the deadlines count in. */
export function today(): string {
  return isoOf(Math.floor(Date.now() / DAY_MS));
}

export function addDays(date: string, days: number): string {
  return isoOf(dayNumber(date) + days);
}

const holidayCache = new Map<number, Map<string, string>>();
const calendarNL = new Holidays('NL');
/** The Algemene termijnenwet's holidays as date-holidays names them: public days, Goede Vrijdag and 5 mei. */
const SCHOOL_DAYS_COUNTED = new Set(['Goede Vrijdag', 'Bevrijdingsdag']);

/** The holidays of a year (ISO date → name). */
export function holidaysOf(year: number): ReadonlyMap<string, string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Map();
    for (const h of calendarNL.getHolidays(year)) {
      if (h.type === 'public' || (h.type === 'school' && SCHOOL_DAYS_COUNTED.has(h.name))) {
        days.set(h.date.slice(0, 10), h.name);
      }
    }
    holidayCache.set(year, days);
  }
  return days;
}

/** Why a day is not a working day ('zaterdag', 'Koningsdag', …), or null when it is one. */
export function closedReason(date: string, calendar: DeadlineCalendar): string | null {
  const day = dayNumber(date);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 6) return 'zaterdag';
  if (weekday === 0) return 'zondag';
  const holiday = holidaysOf(Number(date.slice(0, 4))).get(date);
  if (holiday) return holiday;
  if (calendar.closedDays.includes(date)) return 'gelijkgestelde dag';
  return null;
}

export function isWorkingDay(date: string, calendar: DeadlineCalendar): boolean {
  return closedReason(date, calendar) === null;
}

export function recessOn(date: string, calendar: DeadlineCalendar): Recess | null {
  return calendar.recesses.find((r) => r.from <= date && date <= r.to) ?? null;
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: string, calendar: DeadlineCalendar): string {
  let day = date;
  // Holidays and weekends never run longer than a few days; a year is a safe bound.
  for (let i = 0; i < 366 && !isWorkingDay(day, calendar); i++) day = addDays(day, 1);
  return day;
}

/**
 * The last day of a term that starts the day after `start` (the day of receipt does not count):
 * calendar days and weeks end on the day reached, moved to the next working day when that is closed;
 * working days count only working days. With `recess: 'paused'`, recess days do not count at all.
 */
export function deadline(start: string, term: Term, calendar: DeadlineCalendar): string {
  if (!Number.isInteger(term.amount) || term.amount < 0 || term.amount > 3660) {
    throw new RangeError(`a term is a whole number of days or weeks from 0 to 3660, not ${term.amount}`);
  }
  const counts = (day: string): boolean => term.recess === 'runs' || recessOn(day, calendar) === null;
  let day = start;
  if (term.unit === 'working-days') {
    let left = term.amount;
    while (left > 0) {
      day = addDays(day, 1);
      if (isWorkingDay(day, calendar) && counts(day)) left--;
    }
    return day;
  }
  let left = term.unit === 'weeks' ? term.amount * 7 : term.amount;
  while (left > 0) {
    day = addDays(day, 1);
    if (counts(day)) left--;
  }
  return nextWorkingDay(day, calendar);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` lies before `from`. */
export function workingDaysBetween(from: string, to: string, calendar: DeadlineCalendar): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  const [lo, hi, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let n = 0;
  for (let d = lo + 1; d <= hi; d++) if (isWorkingDay(isoOf(d), calendar)) n++;
  return sign * n;
}

export type DueState = 'overdue' | 'due-today' | 'due-soon' | 'on-time';

/** How a deadline stands on `today`: due soon within `soon` working days. */
export function dueState(due: string, today: string, calendar: DeadlineCalendar, soon = 3): DueState {
  if (today > due) return 'overdue';
  if (today === due) return 'due-today';
  return workingDaysBetween(today, due, calendar) <= soon ? 'due-soon' : 'on-time';
}
