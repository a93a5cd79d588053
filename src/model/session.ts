// The parliamentary year (vergaderjaar) runs from Prinsjesdag, the third Tuesday of September,
// to the day before the next one.

/** Day of September on which Prinsjesdag falls in `year`. */
export function prinsjesdag(year: number): number {
  const firstWeekday = new Date(Date.UTC(year, 8, 1)).getUTCDay(); // 0 = Sunday
  const firstTuesday = 1 + ((2 - firstWeekday + 7) % 7);
  return firstTuesday + 14;
}

/** The session ('2022-2023') a date (ISO) falls in; null for null. */
export function sessionOfDate(iso: string | null): string | null {
  if (!iso) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const afterStart = month > 9 || (month === 9 && day >= prinsjesdag(year));
  return afterStart ? `${year}-${year + 1}` : `${year - 1}-${year}`;
}
