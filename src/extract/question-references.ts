// Cross-references between questions of one list: 'Zie het antwoord op vraag 14.',
// 'het antwoord op de vragen 2, 5 en 7', 'vragen 4 tot en met 6'. False positives are worse
// than misses here, so only numbers right after 'vraag'/'vragen' or an answer phrase count.

export interface FoundQuestionReference {
  /** The question numbers referred to, in printed order, ranges expanded, no duplicates. */
  targets: number[];
  /** The reference as printed: 'Zie het antwoord op vraag 14', 'vragen 4 tot en met 6'. */
  text: string;
  /** Offset of `text` in the input. */
  index: number;
}

/** A range such as 'vragen 1 tot en met 500' is cut off after this many numbers. */
export const MAX_RANGE = 200;

const QUESTION_WORD = `[Vv]ra(?:ag|gen)`;
const ANSWER_WORD = `(?:[Aa]ntwoord(?:en)?|[Bb]eantwoording)`;
const SEE = String.raw`(?:[Zz]ie\s+(?:ook\s+)?(?:onder\s+)?)`;
const ARTICLE = String.raw`(?:(?:het|mijn|ons|de)\s+)`;
// A number that is a question number: not a year, a decimal, a percentage, an amount or a date.
const NOT_QUESTION_NUMBER = String.raw`(?![.,]\d)(?!\s*(?:%|procent|keer|maal|jaar|jaren|maanden|weken|dagen|uur|miljoen|miljard|mln|mld|euro|vragen|personen|mensen|jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)(?![a-z]))`;
const NUMBER = String.raw`\(?\d{1,3}(?!\d)[a-z]?\)?${NOT_QUESTION_NUMBER}`;
const SEP = String.raw`(?:\s*,\s*(?:en\s+)?|\s+(?:en|of)\s+|\s*&\s*|\s*(?:[-–]|t/m|tot\s+en\s+met)\s*)`;
// Bounded, so that a pathological list costs linear time.
const LIST = String.raw`${NUMBER}(?:${SEP}(?:${QUESTION_WORD}\s+)?${NUMBER}){0,50}`;

// The scan starts at the key word (a literal, which the regex engine finds fast); what stands
// before it ('Zie het ', 'naar ') is read back from the text afterwards.
const REFERENCE = new RegExp(
  // 'antwoord op (de) vraag(en) N', 'beantwoording van vraag N'
  String.raw`(?:${ANSWER_WORD}\s+(?:(?:op|bij|van|onder)\s+(?:de\s+)?)?${QUESTION_WORD}\s+` +
    // 'antwoord N': counts only after 'zie' or 'naar' (checked in code)
    String.raw`|(?<answer>${ANSWER_WORD})\s+` +
    String.raw`|${QUESTION_WORD}\s+)` +
    String.raw`(?:(?:nummers?|nrs?\.?)\s*)?(?<list>${LIST})`,
  'g',
);
// What may stand before the key word and belongs to the reference ('Zie het ').
const PREFIX = new RegExp(`(?<![A-Za-zÀ-ÿ])${SEE}?${ARTICLE}?$`);
// What must stand before a bare answer number ('zie antwoord 5', 'verwijs ik naar antwoord 5').
const SEE_OR_TO = new RegExp(String.raw`(?<![A-Za-zÀ-ÿ])(?:${SEE}|naar\s+)${ARTICLE}?$`);
// How far back the prefix is looked for.
const PREFIX_WINDOW = 24;
const LETTER_BEFORE = /[A-Za-zÀ-ÿ]/;

// Cheap gate (String.includes runs at several GB/s).
const HINTS = ['raag', 'ragen', 'ntwoord'];
const TOKEN = /(\d{1,3})|(-|–|t\/m|tot\s+en\s+met)/g;
// Labels at the start of a line ('Vraag 1', 'Antwoord op vraag 1:', 'Vragen 4 tot en met 6')
// are the caller's to strip; they are not references.
const LABEL_START = /^(?:Vra(?:ag|gen)|Antwoord|Beantwoording)\b/;

/** The numbers of a list such as '2, 5 en 7' or '4 tot en met 6', ranges expanded. */
function targetsOf(list: string): number[] {
  const out: number[] = [];
  let range = false;
  for (const t of list.matchAll(TOKEN)) {
    if (t[2] !== undefined) {
      range = out.length > 0;
      continue;
    }
    const n = Number(t[1]);
    const from = out[out.length - 1];
    if (range && from !== undefined && n > from) {
      for (let i = from + 1; i <= n && i < from + MAX_RANGE; i++) out.push(i);
    } else {
      out.push(n);
    }
    range = false;
  }
  return [...new Set(out.filter((n) => n > 0))];
}

function atLineStart(text: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0xa0) return false;
  }
  return true;
}

/**
 * Every reference to another question of the same list, in order. Not matched: a label at the
 * start of a line ('Vraag 1', 'Antwoord op vraag 1:'), and numbers that are not question numbers
 * ('de vraag steeg 15 procent' has none; 'vraag 3,5 procent' neither).
 */
export function findQuestionReferences(text: string): FoundQuestionReference[] {
  const out: FoundQuestionReference[] = [];
  if (!HINTS.some((h) => text.includes(h))) return out;
  for (const m of text.matchAll(REFERENCE)) {
    if (m.index > 0 && LETTER_BEFORE.test(text[m.index - 1]!)) continue;
    const before = text.slice(Math.max(0, m.index - PREFIX_WINDOW), m.index);
    if (m.groups!.answer !== undefined && !SEE_OR_TO.test(before)) continue;
    const prefix = PREFIX.exec(before)![0];
    const index = m.index - prefix.length;
    if (prefix === '' && LABEL_START.test(m[0]) && atLineStart(text, index)) continue;
    const targets = targetsOf(m.groups!.list!);
    if (targets.length === 0) continue;
    out.push({ targets, text: text.slice(index, m.index + m[0].length), index });
  }
  return out;
}
