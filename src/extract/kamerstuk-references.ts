// References to Kamerstukken in running text: 'Kamerstuk 29 279, nr. 719', '(21 501-31, nr. 205)',
// 'Kamerstukken II 2022/23, 36 200 VI, nr. 5', 'Kamerstuk 31865-207', '36100-VI-1', 'kst-36100-24'.
// One precompiled regex scans the text once; matchAll works on a copy, so no state is shared.
// There is no pre-check: the bare forms have no key word to look for, and the scan itself runs
// at several hundred MB/s.
import { kamerstukRef, parseOfficialId } from '../model/ids.js';
import type { KamerstukRef } from '../model/publication.js';

export interface FoundKamerstukReference {
  /** The reference as printed, e.g. 'Kamerstuk 29 279, nr. 719' or '21 501-31, nr. 205'. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
  ref: KamerstukRef;
}

// Printed dossier: five digits (optionally '36 360'), then numeric parts joined by a hyphen
// ('21 501-31') and letter/Roman parts after a space ('36 360 VI', '36 200 IXB'). Every
// repetition starts with a separator, so the loop cannot split the same text two ways. Every
// repetition in this file is bounded, so that pathological input costs linear time.
const DOSSIER_TAIL = String.raw`[ \u00a0\u202f]?\d{3}(?!\d)(?:[-–](?:\d{1,3}(?!\d)|[A-Z]{1,6}(?![\w]))|\s+[A-Z]{1,6}(?![\w])){0,3}`;
const DOSSIER = String.raw`\d{2}${DOSSIER_TAIL}`;
// Ondernummer: digits, or the letters of an Eerste Kamer stuk ('A', 'AI').
const NUMBER = String.raw`(?:\d{1,4}(?!\d)|[A-Z]{1,3}(?![A-Za-z]))`;
// A further number in a list: digits only, and not the start of the next dossier ('nrs. 1, 36 360 VII').
const MORE = String.raw`\d{1,4}(?!\d)(?![ \u00a0]\d{3}(?!\d))`;
const LIST_SEP = String.raw`(?:\s*,\s*(?:en\s+)?|\s+en\s+|\s*&\s*)`;
// A dash only without spaces: 'nrs. 3 - 2022' is a clause, not a range.
const RANGE_SEP = String.raw`(?:\s*t/m\s*|[-–]|\s+tot\s+en\s+met\s+)`;
// 'nrs. 3, 4 en 7' and 'nrs. 3 t/m 5' list freely; after a singular 'nr.' a further number
// needs its own 'nr.'.
const NUMBERS = String.raw`(?:[Nn]rs\.?|[Nn]ummers)\s*${NUMBER}(?:(?:${LIST_SEP}(?:[Nn]rs?\.?\s*)?|${RANGE_SEP})${MORE}){0,30}|(?:[Nn]r\.?|[Nn]ummer)\s*${NUMBER}(?:${LIST_SEP}[Nn]r\.?\s*${MORE}){0,30}`;
const DOSSIER_NR_SEP = String.raw`(?:\s*,\s*|\s+)`;
// Chamber and session of the citation style 'Kamerstukken II 2022/23, '.
const CITATION = String.raw`(?:(?:II|I|EK|TK),?\s+)?(?:\d{4}\s*[/–-]\s*\d{2,4}\s*,?\s*)?`;
// Compact 'dossier-number' after the word Kamerstuk: '31865-207', '36100-VI-1', '21501-31-205'.
const COMPACT = String.raw`\d{5}(?:-(?:\d{1,3}|[A-Z]{1,6})){0,3}-\d{1,4}(?![\w-])`;

// Each lookbehind stands after the first character it guards: a lookbehind at the very start
// of a pattern is tried at every position of the text and halves the scan speed.
const REFERENCE = new RegExp(
  [
    // Official id, also inside a URL: 'kst-36360-VI-12'.
    String.raw`k(?<![\w-]k)st-(?<kst>\d{5}(?:-[0-9A-Z]{1,6}){0,3}-[0-9A-Z]{1,6})(?![0-9A-Za-z])`,
    // With the word Kamerstuk(ken): full form, citation form, compact form.
    String.raw`[Kk](?<![A-Za-z][Kk])amerstuk(?:ken)?\s+${CITATION}(?:(?<d1>${DOSSIER})(?:${DOSSIER_NR_SEP}(?<n1>${NUMBERS})|\s*,\s*(?<l1>[A-Z]{1,2})(?![\w]))|(?<c1>${COMPACT}))`,
    // Bare dossier and number: '(21 501-31, nr. 205)'.
    String.raw`(?<d2>\d(?<![\w.,/–-]\d)\d${DOSSIER_TAIL})${DOSSIER_NR_SEP}(?<n2>${NUMBERS})`,
    // Bare compact form only with a letter part ('36100-VI-1'): plain '31865-207' is too ambiguous.
    String.raw`(?<c2>\d(?<![\w.,/–-]\d)\d{4}(?:-\d{1,3}){0,2}-[A-Z]{1,6}(?:-\d{1,3}){0,2}-\d{1,4})(?![\w-])`,
  ].join('|'),
  'g',
);

const NUMBER_TOKEN = /(\d+)|([A-Z]{1,3}(?![A-Za-z]))|t\/m|tot\s+en\s+met|[-–]/g;
/** A longer range ('nrs. 3–2022') is taken for a misreading and its high end dropped. */
const MAX_RANGE = 50;
const NR_WORD = /[Nn](?:ummers?|rs?\.?)/g;
const SESSION = /\d{4}\s*[/–-]\s*\d{2,4}/;

/** Dossier as printed in the text → printed official form ('21 501–31' → '21 501-31'). */
function dossierOf(raw: string): string {
  return raw.replace(/–/g, '-');
}

/** The numbers in 'nrs. 3, 4 en 7' → ['3', '4', '7'], 'nrs. 3 t/m 5' → ['3', '4', '5'] (no leading zeros). */
function numbersOf(list: string): string[] {
  const out: string[] = [];
  let range = false;
  let last = -1;
  for (const m of list.replace(NR_WORD, ' ').matchAll(NUMBER_TOKEN)) {
    if (m[2] !== undefined) {
      out.push(m[2]);
      last = -1;
    } else if (m[1] !== undefined) {
      const n = Number(m[1]);
      if (range && last >= 0 && n > last) {
        if (n - last > MAX_RANGE) break;
        for (let i = last + 1; i <= n; i++) out.push(String(i));
      } else {
        out.push(String(n));
      }
      last = n;
    } else {
      range = true;
      continue;
    }
    range = false;
  }
  return out;
}

/** 'dossier-parts-number' → dossier and number: the last part is the number. */
function splitCompact(compact: string): [string, string] {
  const cut = compact.lastIndexOf('-');
  return [compact.slice(0, cut), String(Number(compact.slice(cut + 1)))];
}

/**
 * Every reference to a Kamerstuk in the text, in text order. A reference to several numbers
 * ('Kamerstuk 36 100, nrs. 1 en 2') gives one result per number, all with the same text and index.
 * Not matched: Handelingen and Aanhangsel numbers, plain numbers, years, articles, amounts.
 */
// Every reference holds one of these: 'kst-', 'Kamerstuk', 'nr'/'nrs'/'nummer', or five digits and a
// hyphen ('36100-VI-1'). Finding them is far cheaper than trying the full pattern at every digit.
const ANCHOR = /kst-|amerstuk|[Nn]r|[Nn]ummer|\d{5}-/g;
const BEFORE = 80;
const AFTER = 320;
/** Characters of context a match needs before it, for the pattern's look-behinds. */
const CONTEXT = 16;

/** Stretches of text around the anchors, merged where they overlap: [start, end). */
function windows(text: string): [number, number][] {
  const out: [number, number][] = [];
  ANCHOR.lastIndex = 0;
  for (let m = ANCHOR.exec(text); m !== null; m = ANCHOR.exec(text)) {
    const start = Math.max(0, m.index - BEFORE);
    const end = Math.min(text.length, m.index + AFTER);
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

function* matches(text: string): Generator<RegExpExecArray> {
  for (const [start, end] of windows(text)) {
    const part = text.slice(start, end);
    for (const m of part.matchAll(REFERENCE)) {
      // A match too near a cut could be a fragment of a longer one: it is found from a window that holds it whole.
      if (start > 0 && m.index < CONTEXT) continue;
      if (end < text.length && m.index + m[0].length > part.length - CONTEXT) continue;
      m.index += start;
      yield m as RegExpExecArray;
    }
  }
}

export function findKamerstukReferences(text: string): FoundKamerstukReference[] {
  const out: FoundKamerstukReference[] = [];
  for (const m of matches(text)) {
    const g = m.groups!;
    const printed = m[0];
    const pairs: [string, string][] = [];
    if (g.kst !== undefined) {
      const parsed = parseOfficialId(`kst-${g.kst}`);
      if (parsed?.type === 'kamerstuk') pairs.push([parsed.dossier, parsed.number]);
    } else if (g.d1 !== undefined) {
      if (g.n1 !== undefined) {
        for (const n of numbersOf(g.n1)) pairs.push([dossierOf(g.d1), n]);
      } else if (g.l1 !== undefined && SESSION.test(printed)) {
        // 'Kamerstukken I 2019/20, 35 300, A': a bare letter number only in the citation style.
        pairs.push([dossierOf(g.d1), g.l1]);
      }
    } else if (g.c1 !== undefined) {
      pairs.push(splitCompact(g.c1));
    } else if (g.d2 !== undefined && g.n2 !== undefined) {
      for (const n of numbersOf(g.n2)) pairs.push([dossierOf(g.d2), n]);
    } else if (g.c2 !== undefined) {
      pairs.push(splitCompact(g.c2));
    }
    const seen = new Set<string>();
    for (const [dossier, number] of pairs) {
      const ref = kamerstukRef(dossier, number);
      if (!ref || seen.has(ref.id)) continue;
      seen.add(ref.id);
      out.push({ text: printed, index: m.index, ref });
    }
  }
  return out;
}
