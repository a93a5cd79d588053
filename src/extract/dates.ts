// Dutch calendar dates ('8 juni 2023', '1 mrt. 2024', '1e januari 2024') to ISO 8601.
// Pure functions: the one global regex is only used through matchAll, which works on a copy,
// so no lastIndex state is shared between calls.

export interface FoundDate {
  /** 'YYYY-MM-DD'. */
  iso: string;
  /** The date as printed, e.g. '16 april 2010' (may contain a line break). */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

// Full names and the usual abbreviations; the first three letters identify the month
// ('mrt' being the one irregular abbreviation).
const MONTH = String.raw`(jan(?:uari)?|feb(?:r(?:uari)?)?|maart|mrt|apr(?:il)?|mei|jun[i]?|jul[i]?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?![a-z])\.?`;
const MONTH_NUMBER: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  maa: 3,
  mrt: 3,
  apr: 4,
  mei: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

// Day, optional ordinal suffix (1e, 1ste, 2de), month, year. `\s*` allows line breaks and
// text glued by PDF extraction ('16april').
const DAY = String.raw`(\d{1,2})(?:ste|de|e)?`;
const DATE_SOURCE = String.raw`${DAY}\s*${MONTH}\s*([12]\d{3})(?!\d)`;
// The lookbehind stands after the first digit (a pattern that starts with a lookbehind is tried at
// every position): it keeps '2016 april 2010' from yielding '16 april 2010'.
const FIND_DATES = new RegExp(String.raw`(\d(?<!\d\d)\d?)(?:ste|de|e)?\s*${MONTH}\s*([12]\d{3})(?!\d)`, 'gi');

const WEEKDAY = String.raw`(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?,?\s+`;
const WHOLE_DATE = new RegExp(String.raw`^\s*(?:${WEEKDAY})?${DATE_SOURCE}\s*[.,]?\s*$`, 'i');
// Numeric forms are accepted by parseDutchDate only (in running text they are too ambiguous).
const NUMERIC_DATE = /^\s*(\d{1,2})([-/.])(\d{1,2})\2([12]\d{3})\s*$/;
const ISO_DATE = /^\s*([12]\d{3})-(\d{2})-(\d{2})\s*$/;
const MONTH_ONLY = new RegExp(`^${MONTH}$`, 'i');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** ISO date from numeric parts, or null when the day does not exist. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The month number (1–12) of a Dutch month name or abbreviation, or null. */
export function dutchMonth(name: string): number | null {
  const key = name.toLowerCase().replace(/\.$/, '');
  if (!MONTH_ONLY.test(key)) return null;
  return MONTH_NUMBER[key.slice(0, 3)] ?? null;
}

function fromParts(day: string, month: string, year: string): string | null {
  const m = MONTH_NUMBER[month.toLowerCase().slice(0, 3)];
  if (m === undefined) return null;
  return isoDate(Number(year), m, Number(day));
}

/**
 * ISO 'YYYY-MM-DD' from a text that is one Dutch date: '8 juni 2023', '1 mrt. 2024',
 * 'donderdag 8 juni 2023', '1e januari 2024', also '08-06-2023' and '2023-06-08'.
 * Null when it is no date, has no year ('1e januari'), or names a day that does not exist.
 */
export function parseDutchDate(text: string): string | null {
  const m = WHOLE_DATE.exec(text);
  if (m) return fromParts(m[1]!, m[2]!, m[3]!);
  const n = NUMERIC_DATE.exec(text);
  if (n) return isoDate(Number(n[4]), Number(n[3]), Number(n[1]));
  const iso = ISO_DATE.exec(text);
  if (iso) return isoDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return null;
}

/**
 * Every full date (day, month name, year) in running text, in order, including dates glued
 * to the word before ('Vastgesteld16 april 2010'). Dates whose day does not exist are skipped.
 */
export function findDutchDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const m of text.matchAll(FIND_DATES)) {
    const iso = fromParts(m[1]!, m[2]!, m[3]!);
    if (iso) out.push({ iso, text: m[0], index: m.index });
  }
  return out;
}
