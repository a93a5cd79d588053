// Lines → paragraphs: undo hard wraps and line-end hyphenation, keep real breaks.
import { decideLineEndHyphen, type HyphenDecision } from '../../extract/dehyphenate.js';
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
  startsLower,
} from './markers.js';

export interface Paragraph {
  text: string;
  /** Line number of its first line in the source. */
  line: number;
  /** Line number of its last line. */
  lastLine: number;
}

const STARTS_UPPER_OR_DIGIT = /^[\p{Lu}\d«"“‘'(€]/u;
const LETTER = /\p{L}/u;

/** Ends with a hyphen right after a letter: a candidate line-end hyphenation. */
function hyphenated(text: string): boolean {
  return text.endsWith('-') && text.length > 1 && LETTER.test(text[text.length - 2]!);
}

// Decisions are pure in (left, right, word list), and the same breaks recur across documents.
const decisions = new WeakMap<WordChecker, Map<string, HyphenDecision>>();

function decide(left: string, right: string, words: WordChecker): HyphenDecision {
  let cache = decisions.get(words);
  if (!cache) {
    cache = new Map();
    decisions.set(words, cache);
  }
  const key = `${left}\u0000${right}`;
  let decision = cache.get(key);
  if (decision === undefined) {
    decision = decideLineEndHyphen(left, right, words);
    if (cache.size > 100_000) cache.clear();
    cache.set(key, decision);
  }
  return decision;
}
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
  // Most lines start with a lower-case letter, which no marker does.
  if (startsLower(text)) return CAPS_LINE.test(prev);
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
  let prevMarkerOnly = false;
  let blankBefore = false;

  const flush = (): void => {
    if (text.length > 0) paragraphs.push({ text, line: first, lastLine: last });
    text = '';
  };

  const append = (line: Line): void => {
    const t = line.text;
    // Test the last line, not the paragraph so far: that would flatten a growing string each time.
    if (hyphenated(prev) && (t[0] === '«' || LETTER.test(t[0]!))) {
      const left = lastToken(prev).slice(0, -1);
      const right = firstToken(t);
      const decision = decide(left, right, words);
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
      if (prevMarkerOnly || opensParagraph(t, prev)) continues = false;
      else if (blankBefore) {
        // PDF text sometimes breaks a paragraph with a blank line mid-sentence.
        continues = shape.pdf && startsLower(t) && !endsSentence(prev);
      } else if (hyphenated(prev)) continues = true;
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
    prevMarkerOnly = !startsLower(t) && isMarkerOnly(t);
    blankBefore = false;
  }
  flush();
  return paragraphs;
}
