// Lines → paragraphs: undo hard wraps and line-end hyphenation, keep real breaks.
import { decideLineEndHyphen } from '../../extract/dehyphenate.js';
import type { WordChecker } from '../../extract/word-list.js';
import type { Line, TextShape } from './lines.js';
import {
  endsSentence,
  isMarkerOnly,
  matchAnswerMarker,
  matchBullet,
  matchOrderedItem,
  matchQuestionMarker,
  NO_QUESTIONS,
} from './markers.js';

export interface Paragraph {
  text: string;
  /** Line number of its first line in the source. */
  line: number;
  /** Line number of its last line. */
  lastLine: number;
}

const STARTS_LOWER = /^[\p{Ll}]/u;
const STARTS_UPPER_OR_DIGIT = /^[\p{Lu}\d«"“‘'(€]/u;
const HYPHENATED = /[\p{L}]-$/u;
// Front-matter lines that always stand on their own, and headings set in capitals.
const HEADER_LINE =
  /^(?:Vastgesteld\b|Nr\. ?[0-9A-Z]+\b|(?:De )?(?:fungerend |adjunct-)?(?:voorzitter|griffier) van de\b)/;
const CAPS_LINE = /^[\p{Lu}\d][\p{Lu}\d\s,.'’-]{8,}$/u;

function firstToken(text: string): string {
  const i = text.indexOf(' ');
  return i < 0 ? text : text.slice(0, i);
}

function lastToken(text: string): string {
  const i = text.lastIndexOf(' ');
  return i < 0 ? text : text.slice(i + 1);
}

/** Does this line open a new paragraph whatever came before it? */
function opensParagraph(text: string, prev: string): boolean {
  if (matchAnswerMarker(text) || NO_QUESTIONS.test(text) || matchBullet(text)) return true;
  if (HEADER_LINE.test(text) || CAPS_LINE.test(prev)) return true;
  const q = matchQuestionMarker(text);
  if (q && q.kind !== 'numbered') return true;
  // "1. …" or "a) …" opens an item only after a finished sentence: "(bladzijde⏎10) maakt" goes on.
  if ((q || matchOrderedItem(text)) && endsSentence(prev)) return true;
  return false;
}

export function buildParagraphs(lines: readonly Line[], shape: TextShape, words: WordChecker): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let text = '';
  let first = 0;
  let last = 0;
  let prev = '';
  let blankBefore = false;

  const flush = (): void => {
    if (text.length > 0) paragraphs.push({ text, line: first, lastLine: last });
    text = '';
  };

  const append = (line: Line): void => {
    const t = line.text;
    if (HYPHENATED.test(text) && /^[\p{L}«]/u.test(t)) {
      const left = lastToken(text).slice(0, -1);
      const right = firstToken(t);
      const decision = decideLineEndHyphen(left, right, words);
      if (decision === 'join') text = text.slice(0, -1) + t;
      else if (decision === 'hyphen') text += t;
      else text += ` ${t}`;
    } else {
      text += ` ${t}`;
    }
    last = line.no;
  };

  for (const line of lines) {
    const t = line.text;
    if (t.length === 0) {
      blankBefore = true;
      continue;
    }
    let continues = false;
    if (text.length > 0) {
      if (opensParagraph(t, prev) || isMarkerOnly(prev)) continues = false;
      else if (blankBefore) {
        // PDF text sometimes breaks a paragraph with a blank line mid-sentence.
        continues = shape.pdf && STARTS_LOWER.test(t) && !endsSentence(prev);
      } else if (HYPHENATED.test(prev)) continues = true;
      else if (!shape.wrapped || prev.length > shape.width * 1.15) continues = false;
      else {
        const fits = prev.length + 1 + firstToken(t).length;
        if (fits <= shape.width * 0.7) continues = false;
        else if (endsSentence(prev) && STARTS_UPPER_OR_DIGIT.test(t) && fits <= shape.width * 0.9)
          continues = false;
        else continues = true;
      }
    }
    if (continues) append(line);
    else {
      flush();
      text = t;
      first = line.no;
      last = line.no;
    }
    prev = t;
    blankBefore = false;
  }
  flush();
  return paragraphs;
}
