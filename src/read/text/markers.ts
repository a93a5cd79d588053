// The markers that give a question list its structure: "Vraag 1", a bare "1", "1. …",
// "Antwoord:", "Antwoord op vraag 1:", "Antwoord 2 en 3", bullets, "Geen vragen.".

export type QuestionMarkerKind = 'vraag' | 'bare' | 'numbered';

export interface QuestionMarker {
  kind: QuestionMarkerKind;
  numbers: number[];
  /** The marker as printed ('Vraag (1):', '1', '1.'). */
  label: string;
  /** Text after the marker on the same line. */
  rest: string;
}

export interface AnswerMarker {
  numbers: number[];
  label: string;
  rest: string;
}

const NUMBER_LIST = String.raw`\(?\d{1,3}\)?(?:\s*(?:,|en|t\/m|tot en met|-|–)\s*\(?\d{1,3}\)?)*`;
const VRAAG = new RegExp(String.raw`^(Vra(?:ag|gen)\s*(${NUMBER_LIST})\s*[:.]?)(?:\s+(\S.*))?$`);
const BARE = /^(\d{1,3})\.?$/;
const NUMBERED = /^((\d{1,3})[.)])\s+(\S.*)$/;
const ANSWER = new RegExp(
  String.raw`^(Antwoord(?:en)?(?:\s+op)?(?:\s+(?:de\s+)?vra(?:ag|gen))?\s*(:\s*)?(${NUMBER_LIST})?\s*(:)?)(?=\s|$)\s*(.*)$`,
);

/** Numbers in "2 en 3", "4 t/m 6", "(1)", "2, 3". Ranges are capped: a list has no 10 000 questions. */
export function parseNumberList(text: string): number[] {
  const out: number[] = [];
  const re = /(\d{1,3})(?:\s*(?:t\/m|tot en met|-|–)\s*(\d{1,3}))?/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (b >= a && b - a <= 200) for (let n = a; n <= b; n++) out.push(n);
    else out.push(a);
  }
  return out;
}

export function matchQuestionMarker(text: string): QuestionMarker | null {
  const v = VRAAG.exec(text);
  if (v) {
    const numbers = parseNumberList(v[2]!);
    if (numbers.length > 0) return { kind: 'vraag', numbers, label: v[1]!.trim(), rest: v[3] ?? '' };
  }
  const b = BARE.exec(text);
  if (b) return { kind: 'bare', numbers: [Number(b[1])], label: text, rest: '' };
  const n = NUMBERED.exec(text);
  if (n) return { kind: 'numbered', numbers: [Number(n[2])], label: n[1]!, rest: n[3]! };
  return null;
}

export function matchAnswerMarker(text: string): AnswerMarker | null {
  if (!text.startsWith('Antwoord')) return null;
  const m = ANSWER.exec(text);
  if (!m) return null;
  const colonBefore = m[2] !== undefined;
  const numberText = m[3];
  const colonAfter = m[4] !== undefined;
  let rest = m[5] ?? '';
  let label = m[1]!.trim();
  let numbers = numberText ? parseNumberList(numberText) : [];
  // "Antwoord: 2 miljoen …" is text, not answer number 2.
  if (colonBefore && numbers.length > 0 && !colonAfter && rest.length > 0 && !/^[A-Z]/.test(rest)) {
    label = label.slice(0, label.indexOf(':') + 1);
    rest = text.slice(label.length).trim();
    numbers = [];
  }
  // A bare "Antwoord" must stand alone: "Antwoord van Minister …" is a sentence.
  if (!colonBefore && !colonAfter && numbers.length === 0 && rest.length > 0) return null;
  return { numbers, label, rest };
}

/** True for a line that is only a marker, with its text on the lines after it. */
export function isMarkerOnly(text: string): boolean {
  const q = matchQuestionMarker(text);
  if (q && q.rest === '' && q.kind !== 'numbered') return true;
  const a = matchAnswerMarker(text);
  return a !== null && a.rest === '';
}

const BULLET = /^([•●▪◦‣⁃·*–—-])\s+(\S.*)$/;
const ORDERED_ITEM = /^(\d{1,2}[.)]|[a-z][.)]|\(\d{1,2}\)|\([a-z]\))\s+(\S.*)$/;

export function matchBullet(text: string): { marker: string; rest: string } | null {
  const m = BULLET.exec(text);
  return m ? { marker: m[1]!, rest: m[2]! } : null;
}

export function matchOrderedItem(text: string): { marker: string; rest: string } | null {
  const m = ORDERED_ITEM.exec(text);
  return m ? { marker: m[1]!, rest: m[2]! } : null;
}

export const NO_QUESTIONS = /^Geen vragen\.?$/i;

const CLOSERS = '»”’"\')]';
const ENDERS = '.?!:;';

/** Ends a sentence: . ? ! : ; possibly followed by a closing quote or bracket. */
export function endsSentence(text: string): boolean {
  // Scans from the end: an end-anchored regex would walk the whole (long) paragraph.
  let i = text.length - 1;
  while (i >= 0 && CLOSERS.includes(text[i]!)) i--;
  return i >= 0 && ENDERS.includes(text[i]!);
}

/** Whether the text starts with a lower-case letter. */
export function startsLower(text: string): boolean {
  const c = text[0];
  return c !== undefined && c !== c.toUpperCase() && c === c.toLowerCase();
}
