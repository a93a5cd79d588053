// Footnotes in extracted text: their texts (at the foot of a PDF page, or at the end of a web
// page's text) and their markers, glued to the word they follow ("toegevoegd.1", "Sport1,").
import type { Inline } from '../../model/publication.js';
import type { Line } from './lines.js';

export interface FootnoteText {
  number: number;
  text: string;
  line: number;
}

const FOOTNOTE_LINE = /^(\d{1,3})\s+(\S.*)$/;
const FOOTNOTE_SEPARATOR = /^(?:_{3,}|-{3,}|Voetnoten|Noten)$/;

function isBlank(line: Line | undefined): boolean {
  return line === undefined || line.text.length === 0;
}

/**
 * Reads the run of footnote lines lines[s..e] (inclusive) if it is one, numbered on from
 * `expected`; continuation lines (not starting with the next number) extend the footnote before.
 */
function readBlock(lines: readonly Line[], s: number, e: number, expected: number): FootnoteText[] | null {
  const notes: FootnoteText[] = [];
  let next = expected;
  for (let i = s; i <= e; i++) {
    const line = lines[i]!;
    if (line.text.length === 0) continue;
    const m = FOOTNOTE_LINE.exec(line.text);
    if (m && Number(m[1]) === next) {
      notes.push({ number: next, text: m[2]!, line: line.no });
      next++;
    } else if (notes.length > 0 && !/^\d/.test(line.text)) {
      const last = notes[notes.length - 1]!;
      last.text = last.text.endsWith('-') ? last.text + line.text : `${last.text} ${line.text}`;
    } else {
      return null;
    }
  }
  return notes.length > 0 ? notes : null;
}

/**
 * Removes footnote blocks: in PDF text, a blank line then lines "N text" right before a page
 * break; in any text, such lines at the very end. Numbers must run on in document order.
 */
export function removeFootnoteBlocks(lines: readonly Line[]): { lines: Line[]; notes: FootnoteText[] } {
  const drop = new Set<number>();
  const notes: FootnoteText[] = [];
  let expected = 1;

  const tryBlockEndingAt = (end: number): void => {
    let e = end;
    while (e >= 0 && isBlank(lines[e])) e--;
    if (e < 0) return;
    // Start of the run: after the last blank line (PDF), or after a separator.
    let s = e;
    while (s > 0 && !isBlank(lines[s - 1]) && !FOOTNOTE_SEPARATOR.test(lines[s - 1]!.text)) s--;
    if (s === 0) return;
    const found = readBlock(lines, s, e, expected);
    if (!found) return;
    for (let i = s; i <= e; i++) drop.add(i);
    // The blank lines and separator before the block go with it.
    for (let i = s - 1; i >= 0 && (isBlank(lines[i]) || FOOTNOTE_SEPARATOR.test(lines[i]!.text)); i--)
      drop.add(i);
    notes.push(...found);
    expected += found.length;
  };

  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.pageStart) tryBlockEndingAt(i - 1);
  }
  // At the end, web texts may list their footnotes one per paragraph, with blank lines between.
  let end = lines.length - 1;
  while (end >= 0 && isBlank(lines[end])) end--;
  if (end > 0 && !drop.has(end)) {
    let s = end;
    for (let i = end; i >= 0; i--) {
      const t = lines[i]!.text;
      if (t.length === 0) continue;
      if (FOOTNOTE_LINE.test(t)) s = i;
      else break;
    }
    const first = FOOTNOTE_LINE.exec(lines[s]!.text);
    if (first && s > 0 && Number(first[1]) === expected) {
      const found = readBlock(lines, s, end, expected);
      if (found && (isBlank(lines[s - 1]) || FOOTNOTE_SEPARATOR.test(lines[s - 1]!.text))) {
        for (let i = s; i <= end; i++) drop.add(i);
        for (let i = s - 1; i >= 0 && (isBlank(lines[i]) || FOOTNOTE_SEPARATOR.test(lines[i]!.text)); i--) {
          drop.add(i);
        }
        notes.push(...found);
      }
    }
  }
  if (drop.size === 0) return { lines: [...lines], notes };
  return { lines: lines.filter((_, i) => !drop.has(i)), notes };
}

// A glued marker: digits right after a letter, or after closing punctuation that follows a letter;
// followed by a space, punctuation or the end. Not after "nr." and the like.
const LETTER = /\p{L}/u;
const CLOSING = new Set(['»', '”', '’', ')']);
const SENTENCE_PUNCT = new Set(['.', ',', ';', ':', '!', '?']);
const AFTER_MARKER = new Set([' ', '.', ',', ';', ':', '!', '?', ')', '\n']);
const NOT_BEFORE_MARKER =
  /(?:^|[\s(])(?:nr|nrs|no|art|blz|p|pag|lid|vraag|sub|bijlage|box|fase|niveau|stap)\.?$/i;
const ALSO_MARKER = /^\??\s*,\s*(\d{1,3})(?=[\s.,;:!?)]|$)/;

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function letterOrClosing(ch: string | undefined): boolean {
  return ch !== undefined && (CLOSING.has(ch) || LETTER.test(ch));
}

/** Whether the digits text[i, end) stand where a glued footnote marker can. */
function gluedAt(text: string, i: number, end: number): boolean {
  if (isDigit(text[i - 1]) || isDigit(text[end])) return false;
  const after = text[end];
  if (after !== undefined && !AFTER_MARKER.has(after)) return false;
  const before = text[i - 1];
  if (letterOrClosing(before)) return true;
  return before !== undefined && SENTENCE_PUNCT.has(before) && letterOrClosing(text[i - 2]);
}

export interface MarkerCounter {
  /** The number the next footnote marker must carry. */
  next: number;
}

/**
 * Splits a paragraph's text into text and footnote markers. Markers must run on in document
 * order (counter.next), which keeps "CO2" or a stray number from being taken for one.
 */
export function splitFootnoteMarkers(
  text: string,
  counter: MarkerCounter,
): { content: Inline[]; markers: number[] } {
  const markers: number[] = [];
  const content: Inline[] = [];
  let last = 0;
  // Only the next number in turn can be a marker, so look for that number alone.
  let needle = String(counter.next);
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    const end = i + needle.length;
    if (!gluedAt(text, i, end) || NOT_BEFORE_MARKER.test(text.slice(Math.max(0, i - 8), i))) continue;
    if (i > last) content.push({ type: 'text', value: text.slice(last, i) });
    content.push({ type: 'footnoteRef', number: counter.next });
    markers.push(counter.next);
    counter.next++;
    last = end;
    // "»1?, 2": a second marker on the same spot.
    const also = ALSO_MARKER.exec(text.slice(last, last + 8));
    if (also && Number(also[1]) === counter.next) {
      if (also[0].startsWith('?')) content.push({ type: 'text', value: '?' });
      content.push({ type: 'footnoteRef', number: counter.next });
      markers.push(counter.next);
      counter.next++;
      last += also[0].length;
    }
    needle = String(counter.next);
    i = last - 1;
  }
  if (last < text.length || content.length === 0) content.push({ type: 'text', value: text.slice(last) });
  return { content, markers };
}
