// Text → lines, with what the rest of the reader needs to know about each line and about the
// text as a whole (is it PDF-extracted, is it hard-wrapped and at what width).
import { ReadError } from '../errors.js';

export interface Line {
  /** 1-based line number in the source. */
  no: number;
  /** The text without surrounding whitespace. */
  text: string;
  /** A PDF page's first line: text extracted from PDF starts each page with one space. */
  pageStart: boolean;
  /** Whitespace at the end of the raw line (PDF extraction leaves one on most lines). */
  trailingSpace: boolean;
}

export interface TextShape {
  /** Lines are hard-wrapped at about `width` characters (PDF text, tweedekamer.nl page text). */
  wrapped: boolean;
  width: number;
  /** Extracted from a PDF: trailing spaces on most lines, page starts marked by a leading space. */
  pdf: boolean;
}

export const MAX_TEXT_LENGTH = 64 * 1024 * 1024;

/** Normalises line ends and odd spaces; refuses what is not text. */
export function normaliseText(input: string): string {
  if (input.length > MAX_TEXT_LENGTH) {
    throw new ReadError('too-large', `text is larger than ${MAX_TEXT_LENGTH / 1024 / 1024} MB`);
  }
  let text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  // One pass finds everything to fix; most texts need none of the replacements.
  let control = 0;
  let carriage = false;
  let odd = false;
  let invisible = false;
  const head = Math.min(text.length, 65536);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32) {
      if (c === 0) throw new ReadError('binary', 'binary data (NUL bytes), not text');
      if (c === 13 || c === 12) carriage = true;
      else if (c === 9) odd = true;
      else if (c !== 10 && i < head) control++;
    } else if (c >= 0xa0) {
      if (c === 0xa0 || c === 0x2007 || c === 0x202f) odd = true;
      else if (c === 0xad || (c >= 0x200b && c <= 0x200d) || c === 0x2060) invisible = true;
      else if (c === 0xfffd && i < head) control++;
    }
  }
  // Binary data shows in its first bytes: control characters there mean it is not text.
  if (control > 16 && control > head / 200) {
    throw new ReadError('binary', 'binary data (control characters or undecodable bytes), not text');
  }
  if (carriage) text = text.replace(/\r\n?|\f/g, '\n');
  if (odd) text = text.replace(/[\u00a0\u2007\u202f\t]/g, ' ');
  if (invisible) text = text.replace(/\u00ad|\u200b|\u200c|\u200d|\u2060/g, '');
  if (text.trim().length === 0) throw new ReadError('empty', 'the file is empty');
  return text;
}

export function splitLines(text: string): Line[] {
  const raw = text.split('\n');
  const doubleSpaces = text.includes('  ');
  const lines: Line[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const n = r.length;
    // trim() only when there is something to trim: most lines have nothing.
    let t = n > 0 && (r.charCodeAt(0) <= 32 || r.charCodeAt(n - 1) <= 32) ? r.trim() : r;
    // One space between words everywhere, so later steps never need to normalise again.
    if (doubleSpaces && t.includes('  ')) t = t.replace(/ {2,}/g, ' ');
    lines[i] = {
      no: i + 1,
      text: t,
      pageStart: r.length > 1 && r.charCodeAt(0) === 32 && r.charCodeAt(1) !== 32 && t.length > 0,
      trailingSpace: t.length > 0 && r.charCodeAt(r.length - 1) === 32,
    };
  }
  return lines;
}

/** Measures the text: hard-wrapped or one paragraph a line, and the wrap width. */
export function measureShape(lines: readonly Line[]): TextShape {
  const lengths: number[] = [];
  let trailing = 0;
  let nonBlank = 0;
  let long = 0;
  for (const line of lines) {
    const n = line.text.length;
    if (n === 0) continue;
    nonBlank++;
    if (line.trailingSpace) trailing++;
    if (n >= 20) lengths.push(n);
    if (n > 130) long++;
  }
  lengths.sort((a, b) => a - b);
  // Wrapped text has most lines near one width; a title or metadata line may run longer.
  const atWidth = lengths.filter((n) => n <= 120);
  const p95 = atWidth.length > 0 ? atWidth[Math.floor((atWidth.length - 1) * 0.95)]! : 0;
  const wrapped = atWidth.length >= 3 && long <= Math.max(2, nonBlank * 0.15);
  return { wrapped, width: Math.max(p95, 40), pdf: nonBlank > 0 && trailing / nonBlank > 0.5 };
}
