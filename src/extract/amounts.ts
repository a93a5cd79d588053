// Euro amounts in running text, normalised to whole euros with exact integer arithmetic:
// '€ 4,116 mln.' → 4 116 000, '281,6 miljoen euro', 'circa 1 mld.', '7.759 (x 1.000)', 'EUR 5 miljoen'.
// One precompiled regex finds every candidate number with what may surround it (sign, unit,
// multiplier, currency word); a candidate is kept only when something says it is euros.

export interface FoundAmount {
  /** The amount in whole euros (rounded half up when the text has cents). */
  euros: number;
  /** The amount as printed, with sign and unit: '€ 4,116 mln.', '281,6 miljoen euro'. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

// A number after its first digit: '11.100.000', '4,116', '1.500', '0,5', or with spaced thousands
// '11 100 000'. Separators delimit the digit runs, so there is exactly one way to match; the
// bounds keep absurd digit runs (which would also overflow) from being matched at all.
const NUM_REST = String.raw`(?:\d{0,2}(?:[ \u00a0\u202f]\d{3}){1,5}(?:,\d{1,12})?(?!\d)|\d{0,17}(?:[.,]\d{1,17}){0,5})(?![.,]?\d)`;
const NUM = String.raw`\d${NUM_REST}`;
const UNIT = String.raw`(?<unit>[Mm]ln\.?|[Mm]ld\.?|[Mm]rd\.?|[Mm]iljoen|[Mm]iljard|[Bb]iljoen|[Dd]uizend)(?![A-Za-z])`;
// Table multiplier right after the number: '(x 1.000)', '(x € 1.000)', '(× € 1 mln)'.
const MULT = String.raw`\(\s*[x×]\s*(?:€\s*|EUR\s*)?(?<mult>1[.\s]?000[.\s]?000|1[.\s]?000|1\s*(?:mln|miljoen|mld|mrd|miljard)\.?)\s*\)`;
// A trailing currency word; 'EUR' not when it is the sign of the next amount ('2023 EUR 5 mln').
const CUR = String.raw`(?<cur>[Ee]uro(?![A-Za-z])|EUR(?![A-Za-z])(?!\s*\d))`;
// How far back from the number a euro sign is looked for ('€ \n4,116').
const SIGN_WINDOW = 16;

// A number is a candidate when a sign stands before it, or when an indicator follows within a
// few characters. The scan starts at the digit and the sign is read back afterwards: a pattern
// that starts with a lookahead or an optional group is tried at every position of the text and
// runs at a fifth of the speed. The guard rejects the many plain numbers (years, counts) before
// any match object is built.
const GUARD = String.raw`(?:(?<=(?:€|EUR)\s*\d)|(?<![\w.,]\d)(?=[\d.,\s\u00a0\u202f–à-]{0,40}?(?:[Mm](?:l[nd]|rd|iljoen|iljard)|[Bb]iljoen|[Dd]uizend|\(\s*[x×]|[Ee]uro|EUR)))`;
const AMOUNT = new RegExp(
  String.raw`(?<num>\d${GUARD}${NUM_REST})(?:,[-–—])?(?:(?:\s*[-–]\s*|\s+à\s+)(?<num2>${NUM}))?(?:\s*${UNIT})?(?:\s*${MULT})?(?:\s+${CUR})?`,
  'g',
);

// Cheap gate: an amount needs a sign, a currency word, an abbreviated unit or a multiplier.
// String.includes runs at several GB/s, far faster than any regex over the same text.
const HINTS = ['€', 'EUR', 'uro', 'mln', 'mld', 'mrd', 'Mln', 'Mld', 'Mrd', '(x', '( x', '×'];
const ABBREVIATION = /^[Mm](?:ln|ld|rd)/;
const DIGITS = /^\d+$/;
// Another currency just before the number.
const FOREIGN_BEFORE = /(?:[$£¥]|(?<![A-Za-z])(?:US\$?|USD|GBP|CHF|[Dd]ollar|[Pp]ond))\s*$/;
// The header of a table ('Bedragen (x € 1.000)') is no amount; 'max € 5' is.
const MULTIPLIER_BEFORE = /(?<![A-Za-z])[x×]\s*$/;
// What follows an abbreviated unit without a sign when the amount is not euros ('3 mln. inwoners').
const NOT_EUROS_AFTER =
  /^\s*(?:[Dd]ollar|US|USD|\$|GBP|pond|yen|frank|liter|kilo|kg|ton\b|m3|m²|kuub|vaten|[kMGT]Wh|[A-Za-z]*watt|km|kilometer|uur|jaar|inwoners|mensen|personen|huishoudens|burgers|bezoek|reizigers|gebruikers|leerlingen|studenten|woningen|auto|stuks|exemplaren|dieren|bomen|keer|berichten|meldingen|klanten|patiënten|werknemers|banen|aanvragen|downloads|views|hits|(?:euro)?cent)/;

const UNIT_EXPONENT: Readonly<Record<string, number>> = { d: 3, m: 6, b: 12 };

function unitExponent(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('mld') || u.startsWith('mrd') || u.startsWith('miljard')) return 9;
  return UNIT_EXPONENT[u[0]!] ?? 0;
}

function multiplierExponent(mult: string): number {
  if (/m(?:ld|rd|iljard)/.test(mult)) return 9;
  if (/mln|miljoen/.test(mult)) return 6;
  return mult.replace(/\D/g, '').length - 1;
}

/** Where '€' or 'EUR' stands before the number at `at` (only whitespace between), or -1. */
function signBefore(text: string, at: number): number {
  let i = at;
  const floor = Math.max(0, at - SIGN_WINDOW);
  while (i > floor && /\s/.test(text[i - 1]!)) i--;
  if (i > 0 && text[i - 1] === '€') return i - 1;
  if (i >= 3 && text.startsWith('EUR', i - 3) && !(i >= 4 && /[A-Za-z]/.test(text[i - 4]!))) return i - 3;
  return -1;
}

/**
 * Whole euros from a printed number and a power of ten, exactly: the digits are read as a string
 * and scaled as integers (BigInt past 15 digits). Dutch style: ',' is the decimal comma and '.' groups thousands; a lone
 * '.' not followed by exactly three digits is read as a decimal point ('4.5 mln').
 * Null when the result is beyond Number.MAX_SAFE_INTEGER.
 */
export function toEuros(printed: string, exponent: number): number | null {
  const s =
    printed.includes(' ') || printed.includes('\u00a0') || printed.includes('\u202f')
      ? printed.replace(/[ \u00a0\u202f]/g, '')
      : printed;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  let cut = -1;
  if (lastComma >= 0 && lastDot >= 0) cut = Math.max(lastComma, lastDot);
  else if (lastComma >= 0 && s.indexOf(',') === lastComma) cut = lastComma;
  else if (lastDot >= 0 && s.indexOf('.') === lastDot && s.length - lastDot !== 4) cut = lastDot;
  const whole = (cut >= 0 ? s.slice(0, cut) : s).replace(/[.,]/g, '');
  const fraction = cut >= 0 ? s.slice(cut + 1) : '';
  if (!DIGITS.test(whole) || !/^\d*$/.test(fraction)) return null;
  const digits = whole + fraction;
  const shift = exponent - fraction.length;
  // Plain numbers are exact below 2^53: the fast path needs no BigInt.
  if (digits.length <= 15 && shift >= -15 && shift <= 15) {
    const scaled = Number(digits);
    if (shift >= 0) {
      const euros = scaled * 10 ** shift;
      return Number.isSafeInteger(euros) ? euros : null;
    }
    const divisor = 10 ** -shift;
    let q = Math.floor(scaled / divisor);
    let r = scaled - q * divisor;
    // The float division can land one off next to an integer; the remainder says which way.
    if (r < 0) {
      q--;
      r += divisor;
    } else if (r >= divisor) {
      q++;
      r -= divisor;
    }
    return 2 * r >= divisor ? q + 1 : q;
  }
  const scaled = BigInt(digits);
  let euros: bigint;
  if (shift >= 0) {
    euros = scaled * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    euros = (scaled + divisor / 2n) / divisor;
  }
  return euros <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(euros) : null;
}

/**
 * Every euro amount in the text, in order. An amount is a number with a euro sign ('€', 'EUR'),
 * a currency word after it ('miljoen euro'), a table multiplier ('(x 1.000)'), or the budget
 * abbreviations 'mln.'/'mld.' (taken as euros even without a sign). A bare 'miljoen' with no
 * sign or currency word is not known to be euros and is skipped. A range ('€ 2–3 mln.') gives
 * two amounts: the low end printed as the whole range, the high end as its own number and unit.
 */
export function findEuroAmounts(text: string): FoundAmount[] {
  const out: FoundAmount[] = [];
  if (!HINTS.some((h) => text.includes(h))) return out;
  for (const m of text.matchAll(AMOUNT)) {
    const g = m.groups!;
    const num = g.num!;
    const unit = g.unit;
    const end = m.index + m[0].length;
    const signAt = signBefore(text, m.index);
    const sign = signAt >= 0;
    const index = sign ? signAt : m.index;
    let euro = sign || g.cur !== undefined || g.mult !== undefined;
    if (!euro && unit !== undefined && ABBREVIATION.test(unit)) {
      euro = !NOT_EUROS_AFTER.test(text.slice(end, end + 16));
    }
    if (!euro) continue;
    const before = text.slice(Math.max(0, index - 8), index);
    if (MULTIPLIER_BEFORE.test(before)) continue;
    if (!sign && FOREIGN_BEFORE.test(before)) continue;

    let exponent = 0;
    if (unit !== undefined) exponent = unitExponent(unit);
    else if (g.mult !== undefined) exponent = multiplierExponent(g.mult);
    const euros = toEuros(num, exponent);
    if (euros === null) continue;
    out.push({ euros, text: text.slice(index, end), index });

    if (g.num2 !== undefined) {
      const high = toEuros(g.num2, exponent);
      const at = m[0].indexOf(g.num2, num.length);
      if (high !== null && at >= 0) out.push({ euros: high, text: m[0].slice(at), index: m.index + at });
    }
  }
  return out;
}
